package org.parallelcookbook.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.Sleeper;

/**
 * <b>Thread synchronization with semaphores</b> (book chapter 2).
 *
 * <p>A semaphore is Dijkstra's counter: {@code acquire()} takes a permit, waiting while there is
 * none; {@code release()} returns one and wakes a waiter. The book starts it at 0, so it is a
 * signal: in each of five rounds a consumer prints "consumer is waiting." and blocks in
 * {@code acquire()}; a producer sleeps (10 s in the book), stores a random item 0-1000 in a shared
 * variable, prints "producer notify : produced item number X" and releases; the consumer wakes and
 * prints the same item.
 *
 * <p><b>Java vs Python:</b> {@link Semaphore} is the same counter. What Java adds is a memory
 * model that says <i>why</i> the consumer sees the item: a {@code release()} happens-before the
 * {@code acquire()} that it lets through, so the plain (non-volatile) field written before the
 * release is visible after the acquire. Without that edge a JVM thread could read a stale value;
 * CPython's GIL hides the question. A semaphore of 1 is a mutex (but not a reentrant one, see
 * {@code ch2.rlock}); two threads that take two semaphores in opposite order deadlock exactly as
 * two locks do ({@code ch2.lock}).
 *
 * <p>Run: {@code ./cookbook run ch2.semaphore [--sleep-ms 10000] [--seed N]}.
 */
@Recipe(id = "ch2.semaphore", chapter = 2, title = "Thread synchronization with semaphores",
        tourArgs = {"--sleep-ms", "20"})
public final class SemaphoreProducerConsumer {

    /** One round: what was produced, what was consumed, the consumer's state when the producer released. */
    public record Round(int produced, int consumed, Thread.State consumerStateAtRelease) {
    }

    /** All rounds and every printed line in order. */
    public record Result(List<Round> rounds, List<String> log) {
    }

    private final Semaphore semaphore = new Semaphore(0);
    private final SplittableRandom random;
    private final Duration sleep;
    private final Sleeper sleeper;
    private final List<String> log = new ArrayList<>();
    private final Consumer<String> out;
    private int item; // plain field: release/acquire makes the write visible
    private volatile Thread currentConsumer;

    public SemaphoreProducerConsumer(long seed, Duration sleep, Sleeper sleeper, Consumer<String> out) {
        this.random = new SplittableRandom(seed);
        this.sleep = sleep;
        this.sleeper = sleeper;
        this.out = out;
    }

    /** True while the current round's consumer is parked in {@code acquire()}. */
    public boolean consumerWaiting() {
        Thread consumer = currentConsumer;
        return semaphore.hasQueuedThreads() && consumer != null && consumer.getState() == Thread.State.WAITING;
    }

    private void emit(String line) {
        synchronized (log) {
            log.add(line);
            out.accept(line);
        }
    }

    /** Runs {@code rounds} producer/consumer pairs, one round after the other, as the book does. */
    public Result run(int rounds) throws InterruptedException {
        List<Round> result = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            int[] consumed = new int[1];
            Thread.State[] stateAtRelease = new Thread.State[1];
            int[] produced = new int[1];
            Thread consumer = new Thread(() -> {
                emit("consumer is waiting.");
                try {
                    semaphore.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                consumed[0] = item;
                emit("consumer notify : consumed item number " + item);
            }, "consumer-" + (r + 1));
            Thread producer = new Thread(() -> {
                try {
                    sleeper.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                item = random.nextInt(1001);
                produced[0] = item;
                emit("producer notify : produced item number " + item);
                stateAtRelease[0] = consumer.getState();
                semaphore.release();
            }, "producer-" + (r + 1));
            currentConsumer = consumer;
            consumer.start();
            producer.start();
            consumer.join();
            producer.join();
            result.add(new Round(produced[0], consumed[0], stateAtRelease[0]));
        }
        emit("program terminated");
        synchronized (log) {
            return new Result(List.copyOf(result), List.copyOf(log));
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(SemaphoreProducerConsumer.class)
                .longOption("--sleep-ms", 10_000, 0, Long.MAX_VALUE, "the producer's sleep before each item, in ms")
                .longOption("--seed", System.nanoTime(), Long.MIN_VALUE, Long.MAX_VALUE, "seed of the random items").defaultText("random");
        RecipeMain.run(args, options, opt -> {
            Duration sleep = Duration.ofMillis(opt.longValue("--sleep-ms"));
            long seed = opt.longValue("--seed");
            new SemaphoreProducerConsumer(seed, sleep, Sleeper.real(), System.out::println).run(5);
        });
    }
}
