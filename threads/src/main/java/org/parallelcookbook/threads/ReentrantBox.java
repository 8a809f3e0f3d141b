package org.parallelcookbook.threads;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.Sleeper;

/**
 * <b>Thread synchronization with RLock</b> (book chapter 2).
 *
 * <p>The book's {@code Box} guards its item count with an {@code RLock}: {@code add()} and
 * {@code remove()} take the lock and call {@code execute(n)}, which takes it <i>again</i>. A
 * reentrant lock lets the thread that holds it take it once more (it counts the holds and is free
 * when the count is back to 0). One thread adds 5 items and another removes 5; 0 remain.
 *
 * <p><b>Java vs Python:</b> Java's {@link ReentrantLock} is Python's {@code RLock}: owned by one
 * thread, reentrant, {@link ReentrantLock#getHoldCount()} shows the count (2 inside
 * {@code execute}). Java's {@code synchronized} is reentrant as well. What is <i>not</i> reentrant is
 * a {@link Semaphore} used as a mutex: it counts permits, not owners, so the same nesting blocks
 * its own thread for ever. {@link SemaphoreBox} shows it, using {@code tryAcquire(timeout)} for the
 * inner acquire so the self-deadlock is reported instead of hanging.
 *
 * <p>Run: {@code ./cookbook run ch2.rlock [--pause-ms 1000]} (the book waits 1 s between items).
 */
@Recipe(id = "ch2.rlock", chapter = 2, title = "Thread synchronization with RLock",
        tourArgs = {"--pause-ms", "10"})
public final class ReentrantBox {

    private ReentrantBox() {
    }

    /** The book's {@code Box}, with a reentrant lock. */
    public static final class Box {
        private final ReentrantLock lock = new ReentrantLock();
        private int total;
        private final AtomicInteger maxHoldCount = new AtomicInteger();

        private void execute(int n) {
            lock.lock();
            try {
                total += n;
                maxHoldCount.accumulateAndGet(lock.getHoldCount(), Math::max);
            } finally {
                lock.unlock();
            }
        }

        public void add() {
            lock.lock();
            try {
                execute(1);
            } finally {
                lock.unlock();
            }
        }

        public void remove() {
            lock.lock();
            try {
                execute(-1);
            } finally {
                lock.unlock();
            }
        }

        public int total() {
            lock.lock();
            try {
                return total;
            } finally {
                lock.unlock();
            }
        }

        /** The highest hold count seen inside {@code execute}: 2, the lock taken twice by one thread. */
        public int maxHoldCount() {
            return maxHoldCount.get();
        }

        public boolean isLocked() {
            return lock.isLocked();
        }
    }

    /** WRONG tool: the same box guarded by a {@code Semaphore(1)}, which is not reentrant. */
    public static final class SemaphoreBox {
        private final Semaphore mutex = new Semaphore(1);
        private final Duration innerTimeout;
        private int total;

        public SemaphoreBox(Duration innerTimeout) {
            this.innerTimeout = innerTimeout;
        }

        /** Returns whether the inner acquire succeeded; false means: this thread blocked itself. */
        public boolean add() throws InterruptedException {
            mutex.acquire();
            try {
                return execute(1);
            } finally {
                mutex.release();
            }
        }

        private boolean execute(int n) throws InterruptedException {
            // with a plain acquire() this line would wait for ever: the only permit is ours
            if (!mutex.tryAcquire(innerTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
            try {
                total += n;
                return true;
            } finally {
                mutex.release();
            }
        }

        public int availablePermits() {
            return mutex.availablePermits();
        }

        public int total() {
            return total;
        }
    }

    /** Items left, the hold count seen inside {@code execute}, and the semaphore variant's outcome. */
    public record Result(int remaining, int maxHoldCount, boolean semaphoreInnerAcquired, int semaphorePermitsAfter) {
    }

    public static Result run(int items, Duration pause, Sleeper sleeper, Consumer<String> out) throws InterruptedException {
        var box = new Box();
        var adder = new Thread(() -> {
            try {
                for (int i = 0; i < items; i++) {
                    out.accept("adding 1 item in the box");
                    box.add();
                    sleeper.sleep(pause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "adder");
        var remover = new Thread(() -> {
            try {
                for (int i = 0; i < items; i++) {
                    out.accept("removing 1 item in the box");
                    box.remove();
                    sleeper.sleep(pause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "remover");
        adder.start();
        remover.start();
        adder.join();
        remover.join();
        out.accept(box.total() + " items still remain in the box");

        var semaphoreBox = new SemaphoreBox(Duration.ofMillis(100));
        boolean acquired = semaphoreBox.add();
        out.accept("Semaphore(1) as the lock: inner acquire " + (acquired ? "succeeded" : "timed out after 100 ms"
                + " (the thread was waiting for a permit it holds itself: not reentrant)"));
        return new Result(box.total(), box.maxHoldCount(), acquired, semaphoreBox.availablePermits());
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(ReentrantBox.class)
                .longOption("--pause-ms", 1000, 0, Long.MAX_VALUE, "pause between the adder's and remover's steps, in ms");
        RecipeMain.run(args, options, opt -> {
            Duration pause = Duration.ofMillis(opt.longValue("--pause-ms"));
            Result r = run(5, pause, Sleeper.real(), System.out::println);
            System.out.println("hold count inside execute(): " + r.maxHoldCount());
        });
    }
}
