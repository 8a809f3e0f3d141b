package org.parallelcookbook.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.Sleeper;

/**
 * <b>Thread communication using a queue</b> (book chapter 2).
 *
 * <p>One producer puts 10 random numbers (0-256) on a queue, 1 s apart; three consumers take them
 * ("Consumer notify : X popped from queue by Thread-N") and call {@code task_done()}. The book's
 * consumers loop for ever, and main joins them, so the program never ends.
 *
 * <p><b>Java vs Python:</b> {@link LinkedBlockingQueue} is Python's {@code Queue}: {@code put} and
 * {@code take} block, and a put happens-before the take that receives the item. Python's
 * {@code task_done()}/{@code join()} pair has no twin on the JDK queue; here a {@link Phaser} does
 * the counting: the producer registers one party per item before putting it, a consumer
 * deregisters after processing it, and "all tasks done" is the phaser's advance (an
 * {@code ExecutorService} would do the same bookkeeping for us).
 *
 * <p><b>How a consumer knows to stop: wrong and right.</b> {@link Stop#WHEN_EMPTY} is the tempting
 * fix for the endless loop: stop when {@code isEmpty()} says so. But "empty now" does not mean "no
 * more will come": as soon as the producer is slower than the consumers (the book's 1 s pause),
 * they find the queue empty, quit, and every later item is stranded. {@link Stop#POISON_PILL} is
 * the right way: after the last item the producer puts one end marker per consumer; a consumer
 * stops only when it takes one. {@link Pace#CAUGHT_UP} forces the slow-producer case without
 * timing: the producer puts its next item only when every consumer has caught up (found the queue
 * empty and quit, or blocked waiting for more).
 *
 * <p>Run: {@code ./cookbook run ch2.queue [--pause-ms 1000] [--seed N]}.
 */
@Recipe(id = "ch2.queue", chapter = 2, title = "Thread communication using a queue",
        tourArgs = {"--pause-ms", "5"})
public final class QueueProducerConsumer {

    private QueueProducerConsumer() {
    }

    /** How a consumer decides to stop. */
    public enum Stop {
        /** WRONG: stop as soon as {@code isEmpty()} is true. */
        WHEN_EMPTY,
        /** RIGHT: stop on an end marker, one per consumer. */
        POISON_PILL
    }

    /** How the producer paces itself between items. */
    public sealed interface Pace {
        /** The book's pause, through a sleeper. */
        record Sleep(Duration pause, Sleeper sleeper) implements Pace {
        }

        /** Wait until every consumer has caught up (the slow producer, forced). */
        record CaughtUp() implements Pace {
        }

        Pace CAUGHT_UP = new CaughtUp();
    }

    private static final int PILL = -1;

    /**
     * Items in production order, the items each consumer processed, the items never processed,
     * and the event log ("done X" per processed item, "all tasks done" when the phaser advanced).
     */
    public record Result(List<Integer> produced, Map<String, List<Integer>> consumedBy, List<Integer> stranded,
                         List<String> events) {
        public List<Integer> consumed() {
            return consumedBy.values().stream().flatMap(List::stream).toList();
        }
    }

    public static Result run(Stop stop, int items, int consumers, long seed, Pace pace, Consumer<String> out)
            throws InterruptedException, TimeoutException {
        BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
        var tasks = new Phaser(1); // party 0: main, which "joins the queue"
        var random = new SplittableRandom(seed);
        var produced = new ArrayList<Integer>();
        var consumedBy = new TreeMap<String, List<Integer>>();
        var events = new ArrayList<String>();
        var finished = new AtomicInteger();
        var idle = new AtomicInteger(); // consumers committed to wait for the next item
        Consumer<String> log = line -> {
            synchronized (events) {
                events.add(line);
            }
        };

        List<Thread> threads = new ArrayList<>();
        for (int c = 1; c <= consumers; c++) {
            var mine = new ArrayList<Integer>();
            String name = "Thread-consumer-" + c;
            consumedBy.put(name, mine);
            threads.add(new Thread(() -> {
                try {
                    if (stop == Stop.WHEN_EMPTY) {
                        while (!queue.isEmpty()) { // WRONG: empty now is not empty for ever
                            Integer item = queue.poll();
                            if (item != null) {
                                process(item, mine, tasks, log, out);
                            }
                        }
                    } else {
                        while (true) {
                            idle.incrementAndGet();
                            int item = queue.take();
                            idle.decrementAndGet();
                            if (item == PILL) {
                                break;
                            }
                            process(item, mine, tasks, log, out);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    finished.incrementAndGet();
                }
            }, name));
        }
        threads.forEach(Thread::start);
        boolean completed = false;
        try {
            for (int i = 0; i < items; i++) {
                int item = random.nextInt(257);
                tasks.register(); // one unfinished task, like Python's put() incrementing unfinished_tasks
                produced.add(item);
                out.accept("Producer notify : item " + item + " appended to queue by " + Thread.currentThread().getName());
                queue.put(item);
                switch (pace) {
                    case Pace.Sleep s -> s.sleeper().sleep(s.pause());
                    case Pace.CaughtUp c -> Waits.until(() -> finished.get() == consumers
                            || (queue.isEmpty() && finished.get() + idle.get() == consumers), "the consumers caught up");
                }
            }
            if (stop == Stop.POISON_PILL) {
                for (int c = 0; c < consumers; c++) {
                    queue.put(PILL);
                }
                // Python's queue.join(): wait until every registered task has been marked done
                tasks.arriveAndAwaitAdvance();
                log.accept("all tasks done");
                out.accept("all tasks done");
            }
            completed = true;
        } finally {
            for (Thread t : threads) {
                if (!completed) {
                    t.interrupt(); // a failure above: no pill will come
                }
                Waits.join(t, Waits.HANG);
            }
        }
        List<Integer> stranded = new ArrayList<>(queue);
        stranded.removeIf(x -> x == PILL);
        synchronized (events) {
            return new Result(List.copyOf(produced), java.util.Collections.unmodifiableMap(consumedBy), List.copyOf(stranded), List.copyOf(events));
        }
    }

    private static void process(int item, List<Integer> mine, Phaser tasks, Consumer<String> log, Consumer<String> out) {
        mine.add(item);
        out.accept("Consumer notify : " + item + " popped from queue by " + Thread.currentThread().getName());
        log.accept("done " + item);
        tasks.arriveAndDeregister(); // task_done()
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(QueueProducerConsumer.class)
                .longOption("--pause-ms", 1000, 0, Long.MAX_VALUE, "pause of the producer between items, in ms")
                .longOption("--seed", System.nanoTime(), Long.MIN_VALUE, Long.MAX_VALUE, "seed of the random items").defaultText("random");
        RecipeMain.run(args, options, opt -> {
            Duration pause = Duration.ofMillis(opt.longValue("--pause-ms"));
            long seed = opt.longValue("--seed");
            var pace = new Pace.Sleep(pause, Sleeper.real());
            System.out.println("-- consumers stop on a poison pill (right) --");
            Result right = run(Stop.POISON_PILL, 10, 3, seed, pace, System.out::println);
            System.out.println("consumed " + right.consumed().size() + " of " + right.produced().size()
                    + ", stranded " + right.stranded().size());
            System.out.println();
            System.out.println("-- consumers stop when isEmpty() (wrong) --");
            Result wrong = run(Stop.WHEN_EMPTY, 10, 3, seed, pace, System.out::println);
            System.out.println("consumed " + wrong.consumed().size() + " of " + wrong.produced().size()
                    + ", stranded " + wrong.stranded().size() + " (the consumers quit while the producer paused)");
        });
    }
}
