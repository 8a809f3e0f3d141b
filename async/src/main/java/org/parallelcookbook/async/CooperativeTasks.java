package org.parallelcookbook.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.parallelcookbook.async.SimpleEventLoop.Coroutine;
import org.parallelcookbook.async.SimpleEventLoop.Step;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.core.measure.Sleeper;

/**
 * <b>Task manipulation with Asyncio</b> (book chapter 4).
 *
 * <p>The book wraps three coroutines in {@code asyncio.Task}s and waits for them with
 * {@code asyncio.wait}: {@code factorial(10)} (steps 2..10), {@code fibonacci(10)} (steps 0..9) and
 * {@code binomialCoeff(20, 10)} (steps 1..10), each printing a line per step and then
 * {@code yield from asyncio.sleep(1)}. Because every task gives up the one thread at each sleep,
 * the output round-robins: factorial, fibonacci, binomial, factorial, ... Results 3628800, 55 and
 * 184756.0 (the book divides with {@code /}, so Python 3 prints a float).
 *
 * <p>Java has no coroutines, so the same program is written twice:
 * <ul>
 * <li><b>on {@link SimpleEventLoop}</b>: each task is an explicit step function
 * ({@link Coroutine}) that does one step and returns "sleep 1 s" or "done"; the loop's timers
 * interleave them exactly like asyncio's. This is what a Python coroutine is underneath: a
 * resumable state machine, here written by hand.</li>
 * <li><b>on virtual threads with {@link CompletableFuture}</b>: each task is an ordinary loop with
 * an ordinary blocking sleep, started with {@code supplyAsync} on
 * {@code Executors.newVirtualThreadPerTaskExecutor()} and joined with {@code allOf}. A blocked
 * virtual thread gives its carrier thread to another one, so the JDK does at run time what
 * {@code async}/{@code await} makes the programmer spell out.</li>
 * </ul>
 * That second form is why Java chose virtual threads (JEP 444) over {@code async}/{@code await}:
 * no "coloured" functions, no second version of every blocking library, stack traces and
 * debuggers that still work, and the code reads like the sequential version. The price: the
 * interleaving is no longer one fixed round-robin (threads may run on several carriers at once),
 * so only each task's own order is guaranteed.
 *
 * <p>The binomial coefficient is computed in exact integer arithmetic, multiplying before dividing:
 * {@code r = r * (n - i + 1) / i} is always a whole number, so the answer is 184756, not 184756.0.
 *
 * <p>Run: {@code ./cookbook run ch4.tasks [--pause-ms 1000]} (the tour uses 10 ms).
 */
@Recipe(id = "ch4.tasks", chapter = 4, title = "Task manipulation with Asyncio", tourArgs = {"--pause-ms", "10"})
public final class CooperativeTasks {

    private CooperativeTasks() {
    }

    /** The three results and the step log ("factorial(2)", "fibonacci(0)", ...) in the order steps ran. */
    public record Results(long factorial, long fibonacci, long binomial, List<String> steps) {
        public Results {
            steps = List.copyOf(steps);
        }
    }

    /** The three tasks on a single-threaded event loop: cooperative, strictly round-robin. */
    public static Results onEventLoop(SimpleEventLoop loop, Duration pause, Consumer<String> out)
            throws InterruptedException {
        List<String> steps = new ArrayList<>();
        CompletableFuture<Long> f = loop.createTask(factorial(10, pause, steps, out));
        CompletableFuture<Long> fib = loop.createTask(fibonacci(10, pause, steps, out));
        CompletableFuture<Long> bin = loop.createTask(binomial(20, 10, pause, steps, out));
        loop.runUntilComplete(CompletableFuture.allOf(f, fib, bin)); // asyncio.wait(tasks)
        return new Results(f.join(), fib.join(), bin.join(), steps);
    }

    /** The same tasks as plain blocking loops on virtual threads, composed with CompletableFuture. */
    public static Results onVirtualThreads(Sleeper sleeper, Duration pause, Consumer<String> out) {
        List<String> steps = Collections.synchronizedList(new ArrayList<>());
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var f = CompletableFuture.supplyAsync(() -> blocking(() -> {
                long result = 1;
                for (int i = 2; i <= 10; i++) {
                    step("factorial", i, steps, out);
                    sleeper.sleep(pause);
                    result *= i;
                }
                out.accept("Task - factorial(10) = " + result);
                return result;
            }), executor);
            var fib = CompletableFuture.supplyAsync(() -> blocking(() -> {
                long a = 0;
                long b = 1;
                for (int i = 0; i < 10; i++) {
                    step("fibonacci", i, steps, out);
                    sleeper.sleep(pause);
                    long next = a + b;
                    a = b;
                    b = next;
                }
                out.accept("Task - fibonacci(10) = " + a);
                return a;
            }), executor);
            var bin = CompletableFuture.supplyAsync(() -> blocking(() -> {
                long result = 1;
                for (int i = 1; i <= 10; i++) {
                    result = result * (20 - i + 1) / i;
                    step("binomialCoeff", i, steps, out);
                    sleeper.sleep(pause);
                }
                out.accept("Task - binomialCoeff(20, 10) = " + result);
                return result;
            }), executor);
            CompletableFuture.allOf(f, fib, bin).join();
            return new Results(f.join(), fib.join(), bin.join(), steps);
        }
    }

    /** factorial(n): print "Compute factorial(i)", sleep, multiply; for i = 2..n. */
    static Coroutine<Long> factorial(int n, Duration pause, List<String> steps, Consumer<String> out) {
        return new Coroutine<>() {
            long result = 1;
            int i = 2;
            boolean sleeping;

            @Override
            public Step<Long> resume() {
                if (sleeping) { // back from "yield from asyncio.sleep(1)"
                    result *= i;
                    i++;
                }
                if (i <= n) {
                    step("factorial", i, steps, out);
                    sleeping = true;
                    return Step.sleep(pause);
                }
                out.accept("Task - factorial(" + n + ") = " + result);
                return Step.done(result);
            }
        };
    }

    /** fibonacci(n): print "Compute fibonacci(i)", sleep, advance; for i = 0..n-1. */
    static Coroutine<Long> fibonacci(int n, Duration pause, List<String> steps, Consumer<String> out) {
        return new Coroutine<>() {
            long a = 0;
            long b = 1;
            int i = 0;
            boolean sleeping;

            @Override
            public Step<Long> resume() {
                if (sleeping) {
                    long next = a + b;
                    a = b;
                    b = next;
                    i++;
                }
                if (i < n) {
                    step("fibonacci", i, steps, out);
                    sleeping = true;
                    return Step.sleep(pause);
                }
                out.accept("Task - fibonacci(" + n + ") = " + a);
                return Step.done(a);
            }
        };
    }

    /** binomialCoeff(n, k): multiply then divide, print "Compute binomialCoeff(i)", sleep; for i = 1..k. */
    static Coroutine<Long> binomial(int n, int k, Duration pause, List<String> steps, Consumer<String> out) {
        return new Coroutine<>() {
            long result = 1;
            int i = 1;

            @Override
            public Step<Long> resume() {
                if (i <= k) {
                    result = result * (n - i + 1) / i;
                    step("binomialCoeff", i, steps, out);
                    i++;
                    return Step.sleep(pause);
                }
                out.accept("Task - binomialCoeff(" + n + ", " + k + ") = " + result);
                return Step.done(result);
            }
        };
    }

    private static void step(String task, int i, List<String> steps, Consumer<String> out) {
        steps.add(task + "(" + i + ")");
        out.accept("Task: Compute " + task + "(" + i + ")");
    }

    @FunctionalInterface
    private interface BlockingSupplier<T> {
        T get() throws InterruptedException;
    }

    private static <T> T blocking(BlockingSupplier<T> body) {
        try {
            return body.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(CooperativeTasks.class)
                .intOption("--pause-ms", 1000, 0, Integer.MAX_VALUE, "pause of each cooperative step, in ms (asyncio.sleep(1) in the book)");
        RecipeMain.run(args, options, opt -> {
            int pauseMs = opt.intValue("--pause-ms");
            if (pauseMs > 60_000) {
                throw new UsageException("--pause-ms must be at most 60000, got " + pauseMs);
            }
            Duration pause = Duration.ofMillis(pauseMs);
            System.out.println("On SimpleEventLoop (one thread, cooperative steps):");
            Results loopRun;
            try (var loop = SimpleEventLoop.realTime()) {
                loopRun = onEventLoop(loop, pause, System.out::println);
            }
            System.out.println();
            System.out.println("On virtual threads with CompletableFuture (plain blocking loops):");
            Results vt = onVirtualThreads(Sleeper.real(), pause, System.out::println);
            System.out.println();
            System.out.printf("results: factorial(10) = %d, fibonacci(10) = %d, binomialCoeff(20, 10) = %d (both runs %s)%n",
                    loopRun.factorial(), loopRun.fibonacci(), loopRun.binomial(),
                    loopRun.factorial() == vt.factorial() && loopRun.fibonacci() == vt.fibonacci()
                            && loopRun.binomial() == vt.binomial() ? "agree" : "DISAGREE");
        });
    }
}
