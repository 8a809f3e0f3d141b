package org.parallelcookbook.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.Sleeper;

/**
 * <b>How to determine the current thread</b> (book chapter 2).
 *
 * <p>Three threads print "&lt;name&gt; is Starting", sleep, and print "&lt;name&gt; is Exiting",
 * finding their own name with {@code threading.currentThread().getName()}. The Java twin is
 * {@link Thread#currentThread()}{@code .getName()}. Two threads are named when they are built
 * ({@code Thread.ofPlatform().name("first_function")}); the third is created without a name, as in
 * the book's explanation, and gets the JVM's default {@code Thread-N} (Python's is
 * {@code Thread-N} too, numbered differently).
 *
 * <p>All three start before any of them exits: the book relies on the 2 s sleep for that; here a
 * {@link CountDownLatch} makes every thread wait, after printing "Starting", until all three have
 * started, so the overlap is guaranteed rather than likely. The sleep stays (a {@link Sleeper},
 * 2 s by default) so the program looks like the book's.
 *
 * <p>Run: {@code ./cookbook run ch2.current-thread [--sleep-ms 2000]}.
 */
@Recipe(id = "ch2.current-thread", chapter = 2, title = "How to determine the current thread",
        tourArgs = {"--sleep-ms", "50"})
public final class CurrentThreadNames {

    private CurrentThreadNames() {
    }

    /** The lines printed, in the order they were printed, and the three thread names. */
    public record Result(List<String> log, List<String> names) {
    }

    public static Result run(Duration sleep, Sleeper sleeper, Consumer<String> out) throws InterruptedException {
        var log = new ConcurrentLinkedQueue<String>();
        var allStarted = new CountDownLatch(3);
        Runnable body = () -> {
            String name = Thread.currentThread().getName();
            emit(log, out, name + " is Starting");
            allStarted.countDown();
            try {
                allStarted.await();
                sleeper.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            emit(log, out, name + " is Exiting");
        };
        List<Thread> threads = new ArrayList<>();
        threads.add(Thread.ofPlatform().name("first_function").unstarted(body));
        threads.add(Thread.ofPlatform().name("second_function").unstarted(body));
        threads.add(new Thread(body)); // no name: the JVM calls it Thread-N
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        return new Result(List.copyOf(log), threads.stream().map(Thread::getName).toList());
    }

    private static void emit(ConcurrentLinkedQueue<String> log, Consumer<String> out, String line) {
        // append and print under one lock so the returned log has the printed order
        synchronized (log) {
            log.add(line);
            out.accept(line);
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(CurrentThreadNames.class)
                .longOption("--sleep-ms", 2000, 0, Long.MAX_VALUE, "how long each function sleeps, in ms");
        RecipeMain.run(args, options, opt -> {
            Duration sleep = Duration.ofMillis(opt.longValue("--sleep-ms"));
            Result r = run(sleep, Sleeper.real(), System.out::println);
            System.out.println("thread names: " + r.names());
        });
    }
}
