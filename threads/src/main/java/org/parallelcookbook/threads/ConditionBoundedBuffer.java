package org.parallelcookbook.threads;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.Sleeper;

/**
 * <b>Thread synchronization with a condition</b> (book chapter 2).
 *
 * <p>A producer and a consumer share a list of at most 10 items. The producer waits while the list
 * is full ("stop the production!!"), the consumer while it is empty; after each change a thread
 * notifies the other. In Java this is the textbook {@link BoundedBuffer}: one {@link ReentrantLock}
 * and two {@link Condition}s, {@code notFull} and {@code notEmpty}, so a put wakes only takers and a
 * take wakes only putters (Python's single {@code Condition} wakes whoever waits).
 *
 * <p><b>Book bug: {@code if} instead of {@code while}.</b> The book checks the state once
 * ({@code if len(items) == 0: condition.wait()}) and then acts as if it held. A woken thread
 * re-acquires the lock <i>after</i> the notifier released it, and another thread may get there
 * first and change the state (a "stolen" wake-up); {@code await()} may also return spuriously.
 * The state must be checked again after every wake-up, in a {@code while} loop. Both guards are
 * here ({@link Guard#IF}, {@link Guard#WHILE}), and {@link #stolenWakeup(Guard)} forces the stolen
 * wake-up deterministically: consumer A waits on the empty buffer; while the demo holds the lock,
 * consumer B queues for it; the demo puts one item and signals A, which therefore queues behind B.
 * B takes the item; A wakes to an empty buffer. With {@code if} A fails with
 * {@link NoSuchElementException}; with {@code while} A waits again and gets the next item.
 *
 * <p>The translation's exercise is in {@link AbcTurnTaking}: three threads print A, B, C in turn.
 *
 * <p>Run: {@code ./cookbook run ch2.condition [--producer-ms 1000] [--consumer-ms 2000]} (the
 * translation's pauses; the book's are 5 s and 10 s).
 */
@Recipe(id = "ch2.condition", chapter = 2, title = "Thread synchronization with a condition",
        tourArgs = {"--producer-ms", "1", "--consumer-ms", "2"})
public final class ConditionBoundedBuffer {

    private ConditionBoundedBuffer() {
    }

    /** How a waiting thread checks the state it waits for. */
    public enum Guard {
        /** WRONG (the book's code): check once, then act. */
        IF,
        /** RIGHT: check again after every wake-up. */
        WHILE
    }

    /** A bounded FIFO buffer: one lock, a condition per reason to wait. */
    public static final class BoundedBuffer<T> {
        private final ReentrantLock lock;
        private final Condition notFull;
        private final Condition notEmpty;
        private final ArrayDeque<T> items = new ArrayDeque<>();
        private final int capacity;
        private final Guard guard;
        private final Consumer<String> events;
        private int maxSize;

        /**
         * @param fair a fair lock grants the lock in arrival order; the stolen wake-up demo uses it so
         *             that its interleaving is guaranteed, not merely likely
         */
        public BoundedBuffer(int capacity, Guard guard, boolean fair, Consumer<String> events) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be at least 1");
            }
            this.lock = new ReentrantLock(fair);
            this.notFull = lock.newCondition();
            this.notEmpty = lock.newCondition();
            this.capacity = capacity;
            this.guard = guard;
            this.events = events;
        }

        public BoundedBuffer(int capacity) {
            this(capacity, Guard.WHILE, false, e -> { });
        }

        public void put(T item) throws InterruptedException {
            lock.lock();
            try {
                if (guard == Guard.WHILE) {
                    while (items.size() == capacity) {
                        events.accept("Producer: " + capacity + " items queued, stop the production!!");
                        notFull.await();
                    }
                } else if (items.size() == capacity) {
                    events.accept("Producer: " + capacity + " items queued, stop the production!!");
                    notFull.await();
                }
                items.addLast(item);
                maxSize = Math.max(maxSize, items.size());
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }

        /** Takes the oldest item; with {@link Guard#IF} it can fail on an empty buffer after a stolen wake-up. */
        public T take() throws InterruptedException {
            lock.lock();
            try {
                if (guard == Guard.WHILE) {
                    while (items.isEmpty()) {
                        events.accept("Consumer: nothing to consume, waiting");
                        notEmpty.await();
                    }
                } else if (items.isEmpty()) {
                    events.accept("Consumer: nothing to consume, waiting");
                    notEmpty.await();
                }
                T item = items.removeFirst(); // NoSuchElementException if the state changed meanwhile
                notFull.signal();
                return item;
            } finally {
                lock.unlock();
            }
        }

        /** The most items the buffer ever held (tracked under the lock). */
        public int maxSize() {
            lock.lock();
            try {
                return maxSize;
            } finally {
                lock.unlock();
            }
        }

        public int size() {
            lock.lock();
            try {
                return items.size();
            } finally {
                lock.unlock();
            }
        }

        /** Threads waiting in {@code take()} for an item. */
        public int waitingTakers() {
            lock.lock();
            try {
                return lock.getWaitQueueLength(notEmpty);
            } finally {
                lock.unlock();
            }
        }

        /** Threads waiting in {@code put()} for room. */
        public int waitingPutters() {
            lock.lock();
            try {
                return lock.getWaitQueueLength(notFull);
            } finally {
                lock.unlock();
            }
        }

        ReentrantLock lock() {
            return lock;
        }
    }

    /** Items in production order and in consumption order, the largest size seen, the log. */
    public record Result(List<Integer> produced, List<Integer> consumed, int maxSize, List<String> log) {
    }

    /**
     * The book's program: a producer puts {@code items} items (1, 2, ...) and a consumer takes as
     * many, pausing between operations.
     */
    public static Result run(BoundedBuffer<Integer> buffer, int items, Duration producerPause, Duration consumerPause,
                             Sleeper producerSleeper, Sleeper consumerSleeper, Consumer<String> out)
            throws InterruptedException {
        List<Integer> produced = new ArrayList<>();
        List<Integer> consumed = new ArrayList<>();
        List<String> log = new ArrayList<>();
        Consumer<String> emit = line -> {
            synchronized (log) {
                log.add(line);
                out.accept(line);
            }
        };
        var producer = new Thread(() -> {
            try {
                for (int i = 1; i <= items; i++) {
                    producerSleeper.sleep(producerPause);
                    buffer.put(i);
                    produced.add(i);
                    emit.accept("Producer: item " + i + " appended, " + buffer.size() + " in the buffer");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "producer");
        var consumer = new Thread(() -> {
            try {
                for (int i = 0; i < items; i++) {
                    consumerSleeper.sleep(consumerPause);
                    int item = buffer.take();
                    consumed.add(item);
                    emit.accept("Consumer: item " + item + " consumed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "consumer");
        producer.start();
        consumer.start();
        producer.join();
        consumer.join();
        synchronized (log) {
            return new Result(List.copyOf(produced), List.copyOf(consumed), buffer.maxSize(), List.copyOf(log));
        }
    }

    /** What the stolen wake-up did to consumer A. */
    public record StolenWakeup(Guard guard, int thiefGot, String firstConsumerOutcome, boolean firstConsumerFailed) {
    }

    /**
     * Forces a stolen wake-up (see the class comment) on a buffer with the given guard. A thread that
     * can fail is given every chance to do so: the interleaving does not depend on timing.
     */
    public static StolenWakeup stolenWakeup(Guard guard) throws InterruptedException, TimeoutException {
        var buffer = new BoundedBuffer<Integer>(1, guard, true, e -> { });
        var first = new FutureTask<>(buffer::take);
        var thief = new FutureTask<>(buffer::take);
        Thread a = new Thread(first, "consumer-A");
        Thread b = new Thread(thief, "consumer-B");
        try {
            a.start();
            Waits.until(() -> buffer.waitingTakers() == 1, "consumer A waits on the empty buffer");
            buffer.lock().lock();
            try {
                b.start();
                Waits.until(() -> buffer.lock().hasQueuedThread(b), "consumer B queues for the lock");
                buffer.put(1); // signals A, which now queues for the lock behind B
            } finally {
                buffer.lock().unlock();
            }
            int stolen;
            try {
                stolen = thief.get(Waits.HANG.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("consumer B should have taken the item", e.getCause());
            }
            String outcome;
            boolean failed;
            try {
                if (guard == Guard.WHILE) {
                    // A checked again, found nothing and went back to waiting; give it an item
                    Waits.until(() -> buffer.waitingTakers() == 1, "consumer A waits again");
                    buffer.put(2);
                }
                outcome = "got item " + first.get(Waits.HANG.toMillis(), TimeUnit.MILLISECONDS);
                failed = false;
            } catch (ExecutionException e) {
                outcome = "woke to an empty buffer: " + e.getCause().getClass().getSimpleName();
                failed = true;
            }
            return new StolenWakeup(guard, stolen, outcome, failed);
        } finally {
            a.interrupt();
            b.interrupt();
            Waits.join(a, Waits.HANG);
            Waits.join(b, Waits.HANG);
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(ConditionBoundedBuffer.class)
                .longOption("--producer-ms", 1000, 0, Long.MAX_VALUE, "pause of the producer before each item, in ms")
                .longOption("--consumer-ms", 2000, 0, Long.MAX_VALUE, "pause of the consumer before each item, in ms");
        RecipeMain.run(args, options, opt -> {
            Duration producerPause = Duration.ofMillis(opt.longValue("--producer-ms"));
            Duration consumerPause = Duration.ofMillis(opt.longValue("--consumer-ms"));
            var buffer = new BoundedBuffer<Integer>(10, Guard.WHILE, false, System.out::println);
            Result r = run(buffer, 20, producerPause, consumerPause, Sleeper.real(), Sleeper.real(), System.out::println);
            System.out.println("consumed " + r.consumed().size() + " items, in order: " + r.consumed().equals(r.produced())
                    + "; the buffer never held more than " + r.maxSize());
            System.out.println();
            System.out.println("-- a stolen wake-up, forced --");
            for (Guard guard : Guard.values()) {
                StolenWakeup s = stolenWakeup(guard);
                System.out.println("guard '" + guard.name().toLowerCase(java.util.Locale.ROOT) + "': consumer B took item "
                        + s.thiefGot() + "; consumer A " + s.firstConsumerOutcome());
            }
            System.out.println();
            System.out.println("-- the translation's exercise: A, B, C in turn --");
            System.out.println(AbcTurnTaking.run(10));
        });
    }
}
