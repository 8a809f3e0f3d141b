package org.parallelcookbook.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * <b>How to define a thread</b> (book chapter 2).
 *
 * <p>The book starts five threads, each running {@code function(i)}, which prints "function called
 * by thread i". A thread in Java is the same idea: a {@link Thread} given a {@link Runnable}
 * (here a lambda) and started with {@code start()}; {@code join()} waits for it to end.
 *
 * <p><b>Book bug:</b> the book's loop calls {@code start()} and then {@code join()} on each thread
 * before creating the next, so the threads run strictly one after another and the output is
 * always 0, 1, 2, 3, 4 in order, although the text says the order is unpredictable. This recipe
 * runs both shapes side by side: {@link #startAndJoinEach} (the book's code: sequential) and
 * {@link #startAllThenJoinAll} (what the text meant: concurrent, order up to the scheduler).
 *
 * <p><b>Java vs Python:</b> nothing differs in the shape; the difference is what runs at once. In
 * CPython the five threads would take turns holding the GIL; on the JVM they run on as many cores
 * as there are.
 *
 * <p>Run: {@code ./cookbook run ch2.define-thread [threads]} (default 5).
 */
@Recipe(id = "ch2.define-thread", chapter = 2, title = "How to define a thread")
public final class DefineThread {

    private DefineThread() {
    }

    /** The order in which the threads called {@code function}, for each variant. */
    public record Result(List<Integer> sequential, List<Integer> concurrent) {
    }

    /** The book's thread body. */
    static void function(int i, Consumer<String> out) {
        out.accept("function called by thread " + i);
    }

    /** The book's loop: start thread i, wait for it, then the next. Always 0..n-1 in order. */
    public static List<Integer> startAndJoinEach(int n, Consumer<String> out) throws InterruptedException {
        var calls = new ConcurrentLinkedQueue<Integer>();
        for (int i = 0; i < n; i++) {
            int id = i;
            var t = new Thread(() -> {
                calls.add(id);
                function(id, out);
            }, "define-" + i);
            t.start();
            t.join();
        }
        return List.copyOf(calls);
    }

    /** Start all n threads, then join them all: they run at once, in an order nobody promises. */
    public static List<Integer> startAllThenJoinAll(int n, Consumer<String> out) throws InterruptedException {
        var calls = new ConcurrentLinkedQueue<Integer>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            threads.add(new Thread(() -> {
                calls.add(id);
                function(id, out);
            }, "define-" + i));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        return List.copyOf(calls);
    }

    /** Both variants. */
    public static Result run(int n, Consumer<String> out) throws InterruptedException {
        out.accept("-- start and join each (the book's loop) --");
        List<Integer> sequential = startAndJoinEach(n, out);
        out.accept("-- start all, then join all --");
        List<Integer> concurrent = startAllThenJoinAll(n, out);
        return new Result(sequential, concurrent);
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(DefineThread.class)
                .intPositional("threads", 5, 1, Integer.MAX_VALUE, "threads started");
        RecipeMain.run(args, options, opt -> {
            int n = opt.intValue("threads");
            Result r = run(n, System.out::println);
            System.out.println("sequential order: " + r.sequential());
            System.out.println("concurrent order: " + r.concurrent() + "  (may differ from run to run)");
        });
    }
}
