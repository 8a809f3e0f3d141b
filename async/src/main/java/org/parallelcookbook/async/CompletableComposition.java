package org.parallelcookbook.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * <b>CompletableFuture composition</b> (extra, with chapter 4): the async pipeline that asyncio's
 * tasks and futures become in Java.
 *
 * <p>Chapter 4 of the book chains coroutines with {@code yield from}/{@code await}, gathers them
 * with {@code asyncio.wait}/{@code gather}, and handles failures and timeouts with
 * {@code try}/{@code except} and {@code wait_for}. {@link CompletableFuture} says the same with
 * methods, one per idea:
 * <table>
 * <caption>asyncio and CompletableFuture</caption>
 * <tr><th>asyncio</th><th>CompletableFuture</th></tr>
 * <tr><td>{@code x = await f(); return g(x)}</td><td>{@code thenApply(g)} (g is plain) / {@code thenCompose(g)} (g is async)</td></tr>
 * <tr><td>{@code a, b = await gather(fa, fb)}; combine</td><td>{@code fa.thenCombine(fb, combine)}</td></tr>
 * <tr><td>{@code await asyncio.wait(fs)} / {@code FIRST_COMPLETED}</td><td>{@code allOf(fs)} / {@code anyOf(fs)}</td></tr>
 * <tr><td>{@code try: ... except E: fallback}</td><td>{@code exceptionally(e -> fallback)}; {@code handle((v, e) -> ...)} sees both</td></tr>
 * <tr><td>{@code await asyncio.wait_for(f, t)}</td><td>{@code orTimeout(t)} (fails with {@link TimeoutException})</td></tr>
 * <tr><td>default on timeout</td><td>{@code completeOnTimeout(value, t)}</td></tr>
 * </table>
 * A failed stage skips every dependent {@code thenApply}/{@code thenCompose} until a stage that
 * handles failures; the exception arrives there wrapped in a {@link CompletionException}.
 *
 * <p>Run: {@code ./cookbook run x.completable-composition}.
 */
@Recipe(id = "x.completable-composition", chapter = 4, title = "CompletableFuture composition", extra = true)
public final class CompletableComposition {

    private CompletableComposition() {
    }

    /**
     * thenApply, thenCompose, thenCombine: ((x + 1) * 2) combined by sum with an independent
     * async square of y. For x = 4, y = 3: (4 + 1) * 2 + 9 = 19.
     */
    public static CompletableFuture<Integer> pipeline(int x, int y, Executor executor) {
        CompletableFuture<Integer> left = CompletableFuture.supplyAsync(() -> x, executor)
                .thenApply(v -> v + 1)                                                  // plain function
                .thenCompose(v -> CompletableFuture.supplyAsync(() -> v * 2, executor)); // async function
        CompletableFuture<Integer> right = CompletableFuture.supplyAsync(() -> y * y, executor);
        return left.thenCombine(right, Integer::sum);
    }

    /** allOf: waits for every future, then sums their values (asyncio.gather). */
    public static CompletableFuture<Integer> sumAll(List<CompletableFuture<Integer>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> futures.stream().mapToInt(CompletableFuture::join).sum());
    }

    /** anyOf: the value of whichever completes first (FIRST_COMPLETED). */
    public static CompletableFuture<Object> first(List<CompletableFuture<Integer>> futures) {
        return CompletableFuture.anyOf(futures.toArray(CompletableFuture[]::new));
    }

    /**
     * A three-stage pipeline whose second stage fails when {@code failInStage2}: the log shows that
     * stage 3 is skipped and {@code exceptionally} receives the failure and supplies -1.
     */
    public static CompletableFuture<Integer> withFallback(boolean failInStage2, Executor executor, Consumer<String> log) {
        return CompletableFuture.supplyAsync(() -> {
                    log.accept("stage 1");
                    return 10;
                }, executor)
                .thenApply(v -> {
                    log.accept("stage 2");
                    if (failInStage2) {
                        throw new IllegalArgumentException("stage 2 rejects " + v);
                    }
                    return v * 3;
                })
                .thenApply(v -> {
                    log.accept("stage 3");
                    return v + 1;
                })
                .exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    log.accept("exceptionally: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
                    return -1;
                });
    }

    /** handle: one stage that sees value or failure and turns either into a message. */
    public static CompletableFuture<String> describe(CompletableFuture<Integer> future) {
        return future.handle((v, e) -> e == null ? "value " + v
                : "failure " + (e instanceof CompletionException && e.getCause() != null ? e.getCause() : e)
                        .getClass().getSimpleName());
    }

    /** orTimeout: a future that is never completed fails with a TimeoutException after {@code timeout}. */
    public static <T> CompletableFuture<T> failAfter(CompletableFuture<T> future, Duration timeout) {
        return future.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** completeOnTimeout: a future that is not completed in time gets {@code fallback} instead. */
    public static <T> CompletableFuture<T> fallbackAfter(CompletableFuture<T> future, T fallback, Duration timeout) {
        return future.completeOnTimeout(fallback, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** What {@code main} prints, as values. */
    public record Tour(int combined, int sumAll, Object first, int success, int fallback, List<String> failureLog,
                       String describedFailure, String timedOut, String completedOnTimeout) {
    }

    /** Runs every demonstration once on {@code executor}. */
    public static Tour tour(Executor executor, Duration timeout) {
        int combined = pipeline(4, 3, executor).join();
        List<CompletableFuture<Integer>> three = List.of(CompletableFuture.completedFuture(1),
                CompletableFuture.supplyAsync(() -> 2, executor), CompletableFuture.supplyAsync(() -> 3, executor));
        int sum = sumAll(three).join();
        Object first = first(List.of(new CompletableFuture<>(), CompletableFuture.completedFuture(7))).join();
        int success = withFallback(false, executor, s -> { }).join();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        int fallback = withFallback(true, executor, log::add).join();
        String described = describe(CompletableFuture.failedFuture(new IllegalStateException("x"))).join();
        String timedOut = describe(failAfter(new CompletableFuture<Integer>(), timeout)).join();
        String onTimeout = String.valueOf(fallbackAfter(new CompletableFuture<>(), 42, timeout).join());
        return new Tour(combined, sum, first, success, fallback, log, described, timedOut, onTimeout);
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(CompletableComposition.class);
        RecipeMain.run(args, options, opt -> {
            Tour t;
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                t = tour(executor, Duration.ofMillis(100));
            }
            System.out.println("thenApply/thenCompose/thenCombine: (4 + 1) * 2 + 3 * 3 = " + t.combined());
            System.out.println("allOf: 1 + 2 + 3 = " + t.sumAll());
            System.out.println("anyOf(never, completed 7) = " + t.first());
            System.out.println("pipeline without failure: (10 * 3) + 1 = " + t.success());
            System.out.println("pipeline failing in stage 2 = " + t.fallback() + ", log " + t.failureLog());
            System.out.println("handle on a failed future: " + t.describedFailure());
            System.out.println("orTimeout(100 ms) on a future nobody completes: " + t.timedOut());
            System.out.println("completeOnTimeout(42, 100 ms): " + t.completedOnTimeout());
        });
    }
}
