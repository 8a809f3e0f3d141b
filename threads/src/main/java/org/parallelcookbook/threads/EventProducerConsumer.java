package org.parallelcookbook.threads;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.Sleeper;

/**
 * <b>Thread synchronization with an event</b> (book chapter 2).
 *
 * <p>The book's producer appends a random number (0-256) to a list every 2 s, then calls
 * {@code event.set()} and at once {@code event.clear()}; the consumer loops for ever: sleep 2 s,
 * {@code event.wait()}, {@code pop()} the last item, print it.
 *
 * <p><b>Java vs Python:</b> the JDK has no {@code Event}. {@code CountDownLatch(1)} is a one-shot
 * event (it cannot be cleared), so the cookbook has a small {@link Event} built on a lock and a
 * condition; its comment explains the choice.
 *
 * <p><b>The book's program has three flaws</b>, and this version fixes each:
 * <ul>
 *   <li>A set-then-clear is missed by a consumer that was not waiting at that moment (the book's
 *   consumer sleeps 2 s before every wait). So the consumer must not assume one wake-up per item:
 *   it <b>drains every item available</b> on each wake-up.</li>
 *   <li>{@code pop()} takes the newest item (LIFO), so an older one can sit in the list for ever.
 *   Here the consumer takes them oldest first.</li>
 *   <li>The consumer never ends. Here the producer appends an <b>end marker</b> and calls
 *   {@code set()} without {@code clear()}, so the final wake-up cannot be missed; the consumer stops
 *   when it drains the marker.</li>
 * </ul>
 *
 * <p>Run: {@code ./cookbook run ch2.event [--items 100] [--pause-ms 2000] [--seed N]}.
 */
@Recipe(id = "ch2.event", chapter = 2, title = "Thread synchronization with an event",
        tourArgs = {"--items", "20", "--pause-ms", "5"})
public final class EventProducerConsumer {

    private EventProducerConsumer() {
    }

    private static final int END = -1;

    /** What was produced and consumed (both in order), and how many times the consumer woke up. */
    public record Result(List<Integer> produced, List<Integer> consumed, int wakeUps) {
    }

    public static Result run(int items, long seed, Duration pause, Sleeper producerSleeper, Sleeper consumerSleeper,
                             Consumer<String> out) throws InterruptedException {
        var event = new Event();
        var shared = new ArrayDeque<Integer>(); // guarded by itself
        var produced = new ArrayList<Integer>();
        var consumed = new ArrayList<Integer>();
        int[] wakeUps = new int[1];
        var random = new SplittableRandom(seed);
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < items; i++) {
                    producerSleeper.sleep(pause);
                    int item = random.nextInt(257);
                    synchronized (shared) {
                        shared.addLast(item);
                    }
                    produced.add(item);
                    out.accept("Producer notify : item " + item + " appended to list by " + Thread.currentThread().getName());
                    event.set();
                    event.clear(); // the book's pattern: a waiter not waiting right now misses this
                }
                synchronized (shared) {
                    shared.addLast(END);
                }
                event.set(); // not cleared: the consumer cannot miss the end
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "producer");
        Thread consumer = new Thread(() -> {
            try {
                while (true) {
                    consumerSleeper.sleep(pause);
                    event.await();
                    wakeUps[0]++;
                    List<Integer> batch = new ArrayList<>();
                    synchronized (shared) {
                        while (!shared.isEmpty()) {
                            batch.add(shared.removeFirst());
                        }
                    }
                    for (int item : batch) {
                        if (item == END) {
                            return;
                        }
                        consumed.add(item);
                        out.accept("Consumer notify : " + item + " popped from list by " + Thread.currentThread().getName());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "consumer");
        producer.start();
        consumer.start();
        producer.join();
        consumer.join();
        return new Result(List.copyOf(produced), List.copyOf(consumed), wakeUps[0]);
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(EventProducerConsumer.class)
                .intOption("--items", 100, 1, Integer.MAX_VALUE, "items produced")
                .longOption("--pause-ms", 2000, 0, Long.MAX_VALUE, "pause of the producer between items, in ms")
                .longOption("--seed", System.nanoTime(), Long.MIN_VALUE, Long.MAX_VALUE, "seed of the random items").defaultText("random");
        RecipeMain.run(args, options, opt -> {
            int items = opt.intValue("--items");
            Duration pause = Duration.ofMillis(opt.longValue("--pause-ms"));
            long seed = opt.longValue("--seed");
            Result r = run(items, seed, pause, Sleeper.real(), Sleeper.real(), System.out::println);
            System.out.println("produced " + r.produced().size() + ", consumed " + r.consumed().size()
                    + " (each once, oldest first) in " + r.wakeUps() + " wake-ups; the consumer stopped at the end marker");
        });
    }
}
