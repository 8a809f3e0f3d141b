package org.parallelcookbook.async;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.UsageException;

/**
 * <b>Dealing with Asyncio and Futures</b> (book chapter 4).
 *
 * <p>The book creates two {@code asyncio.Future}s and two coroutines: the first sums 1..N1, the
 * second computes N2!, each sleeps, then calls {@code future.set_result("...")}; a callback added
 * with {@code add_done_callback} prints each result. N1 and N2 come from the command line
 * ({@code 4 4} gives 10 and 24). Whichever coroutine sleeps less prints first.
 *
 * <p><b>Book bugs:</b> the English listing sleeps 4 s in the first coroutine and 3 s in the second
 * yet prints the first result first, which those sleeps cannot produce; this recipe keeps the
 * 4 s/3 s defaults, so the factorial prints first. The 2nd edition's code sums with
 * {@code count += 1}, which counts instead of summing; here the sum is 1 + 2 + ... + N1.
 *
 * <p><b>In Java</b> an {@code asyncio.Future} is a {@link CompletableFuture}: {@code set_result}
 * is {@code complete(value)}, {@code add_done_callback} is {@code whenComplete} (or
 * {@code thenAccept} for success only). Callbacks run on whichever thread completes the future, in
 * completion order; no event loop is needed. The sleeps become
 * {@link CompletableFuture#delayedExecutor}, which runs a task after a delay without blocking any
 * thread. A timeout ({@code --timeout}) is one more delayed task that completes the future
 * exceptionally with a {@link TimeoutException} (what {@code orTimeout} does): whichever completion
 * comes first wins, and the callback still runs exactly once.
 *
 * <p>Everything that waits goes through a "delayer" function (delay to executor), so the test
 * decides the order in which the futures complete instead of waiting for real time.
 *
 * <p>Run: {@code ./cookbook run ch4.futures N1 N2 [--first-delay 4] [--second-delay 3] [--timeout S]},
 * for example {@code ./cookbook run ch4.futures 4 4}. A missing or negative number is a usage
 * error (exit status 2).
 */
@Recipe(id = "ch4.futures", chapter = 4, title = "Dealing with Asyncio and Futures",
        tourArgs = {"4", "4", "--first-delay", "0.02", "--second-delay", "0.01"})
public final class FutureCallbacks {

    /** Largest N2 accepted (N2! has about 456,000 digits). */
    public static final int MAX_N = 100_000;

    private FutureCallbacks() {
    }

    /** Turns a delay into an executor that runs its task after that delay. */
    @FunctionalInterface
    public interface Delayer extends Function<Duration, Executor> {
        /** The JDK's own: {@code CompletableFuture.delayedExecutor} on the common pool. */
        static Delayer system() {
            return d -> CompletableFuture.delayedExecutor(d.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The two futures and the callbacks' log, while the program runs. */
    public record Running(CompletableFuture<BigInteger> first, CompletableFuture<BigInteger> second,
                          CompletableFuture<Void> callbacksDone, List<String> log) {
    }

    /** What the callbacks printed, in the order they ran. */
    public record Outcome(List<String> log) {
        public Outcome {
            log = List.copyOf(log);
        }
    }

    /** 1 + 2 + ... + n. */
    public static BigInteger sum(int n) {
        BigInteger s = BigInteger.ZERO;
        for (int i = 1; i <= n; i++) {
            s = s.add(BigInteger.valueOf(i));
        }
        return s;
    }

    /** n! */
    public static BigInteger factorial(int n) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return f;
    }

    /**
     * Starts both "coroutines" and attaches the callbacks; returns at once. {@code timeout} null
     * means none.
     */
    public static Running start(int n1, int n2, Duration firstDelay, Duration secondDelay, Duration timeout,
                                Delayer delayer, Consumer<String> out) {
        var first = new CompletableFuture<BigInteger>();
        var second = new CompletableFuture<BigInteger>();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        // add_done_callback(got_result): runs once, on the thread that completes the future
        CompletableFuture<Void> c1 = first.handle((v, e) -> report("first coroutine (sum of N integers)", v, e, log, out));
        CompletableFuture<Void> c2 = second.handle((v, e) -> report("second coroutine (factorial)", v, e, log, out));
        // the coroutines: wait, compute, set_result
        delayer.apply(firstDelay).execute(() -> first.complete(sum(n1)));
        delayer.apply(secondDelay).execute(() -> second.complete(factorial(n2)));
        if (timeout != null) {
            Runnable expire = () -> {
                first.completeExceptionally(new TimeoutException("after " + timeout.toMillis() + " ms"));
                second.completeExceptionally(new TimeoutException("after " + timeout.toMillis() + " ms"));
            };
            delayer.apply(timeout).execute(expire); // orTimeout(timeout) on both
        }
        return new Running(first, second, CompletableFuture.allOf(c1, c2), log);
    }

    private static Void report(String who, BigInteger value, Throwable failure, List<String> log, Consumer<String> out) {
        String line;
        if (failure == null) {
            String digits = value.toString();
            line = who + " result = " + (digits.length() > 60
                    ? digits.substring(0, 20) + "... (" + digits.length() + " digits)" : digits);
        } else {
            line = who + " failed: " + failure.getClass().getSimpleName() + " " + failure.getMessage();
        }
        log.add(line);
        out.accept(line);
        return null;
    }

    /** Starts, then waits for both callbacks (asyncio's {@code run_until_complete(asyncio.wait(tasks))}). */
    public static Outcome run(int n1, int n2, Duration firstDelay, Duration secondDelay, Duration timeout,
                              Delayer delayer, Consumer<String> out) {
        Running r = start(n1, n2, firstDelay, secondDelay, timeout, delayer, out);
        r.callbacksDone().join();
        return new Outcome(r.log());
    }

    public static void main(String[] args) {
        RecipeMain.run(args, options(), FutureCallbacks::cli);
    }

    static RecipeOptions options() {
        return RecipeOptions.of(FutureCallbacks.class)
                .intPositional("n1", 0, 0, MAX_N, "the number whose sum 1..N1 the first future computes").required()
                .intPositional("n2", 0, 0, MAX_N, "the number whose factorial the second future computes").required()
                .doubleOption("--first-delay", 4, 0, 3600, "seconds before the first future completes")
                .doubleOption("--second-delay", 3, 0, 3600, "seconds before the second future completes")
                .doubleOption("--timeout", 0, 0, 3600, "give up waiting after this many seconds").defaultText("none");
    }

    /** The body of {@code main} on raw arguments (the test calls it through {@code RecipeMain.runAndReport}). */
    static void cli(String[] a) {
        cli(options().parse(a));
    }

    /** The body of {@code main}: parse, run, print (the test calls it through {@code RecipeMain.runAndReport}). */
    static void cli(RecipeOptions.Values opt) {
        int n1 = opt.intValue("n1");
        int n2 = opt.intValue("n2");
        Duration d1 = seconds(opt.doubleValue("--first-delay"));
        Duration d2 = seconds(opt.doubleValue("--second-delay"));
        Duration timeout = opt.given("--timeout") ? seconds(opt.doubleValue("--timeout")) : null;
        run(n1, n2, d1, d2, timeout, Delayer.system(), System.out::println);
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
