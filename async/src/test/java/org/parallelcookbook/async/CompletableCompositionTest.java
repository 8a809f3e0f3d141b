package org.parallelcookbook.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CompletableCompositionTest {

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    void combinedValuesAreCorrect() {
        assertEquals(19, CompletableComposition.pipeline(4, 3, executor).join());
        assertEquals(6, CompletableComposition.sumAll(List.of(CompletableFuture.completedFuture(1),
                CompletableFuture.supplyAsync(() -> 2, executor), CompletableFuture.supplyAsync(() -> 3, executor))).join());
        assertEquals(7, CompletableComposition.first(List.of(new CompletableFuture<>(),
                CompletableFuture.completedFuture(7))).join());
        assertEquals(31, CompletableComposition.withFallback(false, executor, s -> { }).join());
    }

    @Test
    void aFailureInStageTwoSkipsStageThreeAndReachesExceptionally() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        assertEquals(-1, CompletableComposition.withFallback(true, executor, log::add).join());
        assertEquals(List.of("stage 1", "stage 2", "exceptionally: IllegalArgumentException: stage 2 rejects 10"), log);
    }

    @Test
    void handleSeesBothOutcomes() {
        assertEquals("value 5", CompletableComposition.describe(CompletableFuture.completedFuture(5)).join());
        assertEquals("failure IllegalStateException",
                CompletableComposition.describe(CompletableFuture.failedFuture(new IllegalStateException())).join());
    }

    @Test
    void aNeverCompletingFutureWithOrTimeoutFailsWithTimeoutException() {
        var f = CompletableComposition.failAfter(new CompletableFuture<Integer>(), Duration.ofMillis(1));
        var e = assertThrows(ExecutionException.class, f::get);
        assertInstanceOf(TimeoutException.class, e.getCause());
    }

    @Test
    void completeOnTimeoutSuppliesTheFallback() {
        assertEquals(42, CompletableComposition.fallbackAfter(new CompletableFuture<>(), 42, Duration.ofMillis(1)).join());
        // a future that completes in time keeps its own value
        assertEquals(5, CompletableComposition.fallbackAfter(CompletableFuture.completedFuture(5), 42,
                Duration.ofMillis(1)).join());
    }
}
