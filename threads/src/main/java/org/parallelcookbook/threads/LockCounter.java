package org.parallelcookbook.threads;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * <b>Thread synchronization with Lock and RLock</b> (book chapter 2).
 *
 * <p>Two threads share a counter: one adds 1, the other subtracts 1, {@code iterations} times each.
 * With a lock around every update the result is 0. The book runs the same pair on a second
 * counter without a lock and prints the (possibly) wrong result.
 *
 * <p><b>Java vs Python: there is no GIL.</b> In CPython the unlocked counter is often still 0,
 * because only one thread runs bytecode at a time and switches are rare; the bug hides. On the JVM
 * both threads really run at once on two cores, and {@code value++} is three steps (read, add,
 * write): two threads that read the same value both write back their own result and one update is
 * lost. Run it: the racy value is usually wrong (when both threads get a core at once). Its field is even {@code volatile},
 * which makes every write visible to the other thread at once: visibility is not atomicity. (With
 * a plain field it is worse: without synchronisation the Java memory model does not oblige a
 * thread to see another's writes at all, and the JIT may fold the whole loop into a single add.)
 *
 * <p>Wrong and right side by side: {@link RacyCounter} (no lock) and {@link LockedCounter}
 * ({@link ReentrantLock}, {@code lock(); try { ... } finally { unlock(); }}). The test does not
 * hope for a lost update: it forces one, with both threads reading before either writes (a
 * barrier between the read and the write of {@link RacyCounter#increment(Runnable)}). The same
 * schedule cannot happen with the lock; the locked counter is 0 on every run.
 *
 * <p>Other correct choices are printed too: a {@code synchronized} method (the JVM's built-in
 * monitor), {@link AtomicInteger} (one compare-and-set instruction) and {@link LongAdder} (striped
 * counters, best when many threads only add). <b>Also different:</b> a Python {@code Lock} may be
 * released by any thread; a Java lock is owned, and {@code unlock()} by another thread throws
 * {@link IllegalMonitorStateException} ({@link #unlockFromOtherThread()} shows it). The deadlock the
 * book describes is in {@link LockOrderingDeadlock}, run at the end of {@code main}.
 *
 * <p>Run: {@code ./cookbook run ch2.lock [iterations]} (default 100000, as in the book).
 */
@Recipe(id = "ch2.lock", chapter = 2, title = "Thread synchronization with Lock and RLock")
public final class LockCounter {

    private LockCounter() {
    }

    /** A shared counter that two threads update. */
    public interface Counter {
        void increment();

        void decrement();

        int value();
    }

    /**
     * WRONG: {@code value++} without synchronisation. {@link #increment(Runnable)} exposes the gap
     * between the read and the write so a test can put the other thread into it on purpose.
     */
    public static final class RacyCounter implements Counter {
        // volatile: every ++ really reads and writes memory (a plain field lets the JIT fold the whole
        // loop into one add, which hides the race in a different way); volatile makes writes visible,
        // it does not make read-add-write atomic
        private volatile int value;

        @Override
        public void increment() {
            value++;
        }

        @Override
        public void decrement() {
            value--;
        }

        /** {@code value++} spelt out: read, then {@code betweenReadAndWrite}, then write. */
        public void increment(Runnable betweenReadAndWrite) {
            int read = value;
            betweenReadAndWrite.run();
            value = read + 1;
        }

        @Override
        public int value() {
            return value;
        }
    }

    /** RIGHT: every update holds the lock, so read-add-write is one indivisible step for other threads. */
    public static final class LockedCounter implements Counter {
        private final ReentrantLock lock = new ReentrantLock();
        private int value;

        @Override
        public void increment() {
            increment(() -> { });
        }

        /** Like {@link RacyCounter#increment(Runnable)}, but the gap is inside the critical section. */
        public void increment(Runnable betweenReadAndWrite) {
            lock.lock();
            try {
                int read = value;
                betweenReadAndWrite.run();
                value = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void decrement() {
            lock.lock();
            try {
                value--;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int value() {
            lock.lock();
            try {
                return value;
            } finally {
                lock.unlock();
            }
        }

        /** The lock, for demonstrations that check who waits on it. */
        public ReentrantLock lock() {
            return lock;
        }
    }

    /** RIGHT: the JVM's built-in monitor. */
    public static final class SynchronizedCounter implements Counter {
        private int value;

        @Override
        public synchronized void increment() {
            value++;
        }

        @Override
        public synchronized void decrement() {
            value--;
        }

        @Override
        public synchronized int value() {
            return value;
        }
    }

    /** RIGHT: a lock-free compare-and-set counter. */
    public static final class AtomicCounter implements Counter {
        private final AtomicInteger value = new AtomicInteger();

        @Override
        public void increment() {
            value.incrementAndGet();
        }

        @Override
        public void decrement() {
            value.decrementAndGet();
        }

        @Override
        public int value() {
            return value.get();
        }
    }

    /** RIGHT: striped adder; cheap updates, the sum is exact once the writers have finished. */
    public static final class AdderCounter implements Counter {
        private final LongAdder value = new LongAdder();

        @Override
        public void increment() {
            value.increment();
        }

        @Override
        public void decrement() {
            value.decrement();
        }

        @Override
        public int value() {
            return value.intValue();
        }
    }

    /** The final value of each counter after one adder and one subtracter ran {@code iterations} times. */
    public record Result(int iterations, int locked, int synchronizedMonitor, int atomic, int adder, int racy) {
    }

    /** The book's program: one thread adds, one subtracts, at the same time; returns the final value. */
    public static int race(Counter counter, int iterations) throws InterruptedException {
        // a start gate where both threads spin until both are running: without it the first thread
        // may finish its loop before the second has even been scheduled
        var startGate = new AtomicInteger();
        var adder = new Thread(() -> {
            bothRunning(startGate);
            for (int i = 0; i < iterations; i++) {
                counter.increment();
            }
        }, "increment");
        var subtracter = new Thread(() -> {
            bothRunning(startGate);
            for (int i = 0; i < iterations; i++) {
                counter.decrement();
            }
        }, "decrement");
        adder.start();
        subtracter.start();
        adder.join();
        subtracter.join();
        return counter.value();
    }

    private static void bothRunning(AtomicInteger gate) {
        gate.incrementAndGet();
        while (gate.get() < 2) {
            Thread.onSpinWait();
        }
    }

    public static Result run(int iterations) throws InterruptedException {
        return new Result(iterations,
                race(new LockedCounter(), iterations),
                race(new SynchronizedCounter(), iterations),
                race(new AtomicCounter(), iterations),
                race(new AdderCounter(), iterations),
                race(new RacyCounter(), iterations));
    }

    /** What happens when a thread that does not hold a lock releases it: Java refuses. */
    public static String unlockFromOtherThread() throws InterruptedException {
        var lock = new ReentrantLock();
        lock.lock();
        try {
            var outcome = new String[1];
            var other = new Thread(() -> {
                try {
                    lock.unlock();
                    outcome[0] = "released (as a Python Lock would be)";
                } catch (IllegalMonitorStateException e) {
                    outcome[0] = IllegalMonitorStateException.class.getSimpleName();
                }
            }, "not-the-owner");
            other.start();
            other.join();
            return outcome[0];
        } finally {
            lock.unlock();
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(LockCounter.class)
                .intPositional("iterations", 100_000, 1, Integer.MAX_VALUE, "increments per thread");
        RecipeMain.run(args, options, opt -> {
            int iterations = opt.intValue("iterations");
            Result r = run(iterations);
            System.out.println("the value of shared variable with lock management is " + r.locked());
            System.out.println("the value of shared variable with synchronized is " + r.synchronizedMonitor());
            System.out.println("the value of shared variable with AtomicInteger is " + r.atomic());
            System.out.println("the value of shared variable with LongAdder is " + r.adder());
            System.out.println("the value of shared variable with race condition is " + r.racy()
                    + (r.racy() == 0 ? "  (lucky this time; run again)" : "  (updates were lost: no GIL here)"));
            System.out.println("unlock() by a thread that does not own the lock: " + unlockFromOtherThread());
            System.out.println();
            System.out.println("-- the two-lock deadlock (LockOrderingDeadlock) --");
            LockOrderingDeadlock.Report d = LockOrderingDeadlock.forceDeadlock(Waits.HANG);
            System.out.println("deadlock detected by ThreadMXBean between threads " + d.threadNames()
                    + "; broken by interrupting them");
            List<Integer> ordered = LockOrderingDeadlock.globalOrder(10_000);
            System.out.println("fix 1, one global lock order: both threads finished " + ordered + " transfers");
            LockOrderingDeadlock.TryLockReport t = LockOrderingDeadlock.tryLockWithBackoff(1_000);
            System.out.println("fix 2, tryLock(timeout) + back-off: both finished " + t.completed()
                    + " transfers after " + t.attempts() + " attempts");
        });
    }
}
