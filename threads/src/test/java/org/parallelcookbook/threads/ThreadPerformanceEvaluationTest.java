package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Clock;
import org.parallelcookbook.core.measure.ScalingExperiment;
import org.parallelcookbook.threads.ThreadPerformanceEvaluation.Fixture;
import org.parallelcookbook.threads.ThreadPerformanceEvaluation.Task;

@Timeout(120)
class ThreadPerformanceEvaluationTest {

    @Test
    void eachModeRunsTheWorkloadExactlyNTimes() throws Exception {
        for (int n : List.of(1, 2, 4, 8)) {
            var calls = new AtomicInteger();
            Task counting = () -> calls.incrementAndGet();
            ThreadPerformanceEvaluation.sequential(counting, n);
            assertEquals(n, calls.getAndSet(0), "non-threaded, N = " + n);
            ThreadPerformanceEvaluation.threaded(counting, n);
            assertEquals(n, calls.get(), "threaded, N = " + n);
        }
    }

    @Test
    void threadedAndSequentialFibonacciAgree() throws Exception {
        Task fib = () -> ThreadPerformanceEvaluation.fibonacci(10_000);
        long[] seq = ThreadPerformanceEvaluation.sequential(fib, 8);
        long[] thr = ThreadPerformanceEvaluation.threaded(fib, 8);
        assertArrayEquals(seq, thr);
        assertEquals(55, ThreadPerformanceEvaluation.fibonacci(10));
        assertEquals(7540113804746346429L, ThreadPerformanceEvaluation.fibonacci(92)); // the largest that fits a long
    }

    @Test
    void theHarnessReportsTheMinimumOfTheRepeats() throws Exception {
        // a fake clock: run r takes durations[r] seconds
        long[] durations = {5_000_000_000L, 3_000_000_000L, 7_000_000_000L, 4_000_000_000L};
        var now = new AtomicLong();
        var tick = new AtomicInteger();
        Clock fake = () -> {
            int t = tick.getAndIncrement();
            if (t % 2 == 1) {
                now.addAndGet(durations[t / 2]);
            }
            return now.get();
        };
        assertEquals(3.0, ThreadPerformanceEvaluation.best(fake, 4, () -> 0L), 1e-12);
    }

    @Test
    void compareCountsCallsForEveryRowAndRepeat() throws Exception {
        var calls = new AtomicInteger();
        var rows = ThreadPerformanceEvaluation.compare("count", () -> calls.incrementAndGet(), List.of(1, 2, 4, 8), 3,
                Clock.system());
        assertEquals(4, rows.size());
        assertEquals(2 * 3 * (1 + 2 + 4 + 8), calls.get());
    }

    @Test
    void splitDoesTheSameTotalWorkForEveryWorkerCount() throws Exception {
        for (int workers : List.of(1, 2, 3, 4, 8)) {
            var calls = new AtomicInteger();
            long sum = ThreadPerformanceEvaluation.split(() -> calls.incrementAndGet() > 0 ? 1 : 0, 1000, workers);
            assertEquals(1000, calls.get());
            assertEquals(1000, sum);
        }
    }

    @Test
    void fileAndHttpWorkloadsReadWhatTheFixtureServes() throws Exception {
        try (var fixture = Fixture.start(Duration.ZERO, 8 * 1024)) {
            assertEquals("127.0.0.1", fixture.uri().getHost());
            long a = fixture.readFile(1_000);
            long b = fixture.readFile(1_000);
            assertEquals(a, b);
            assertEquals(3 * 1024, fixture.fetch(3));
            // eight threads fetching at once: the server serves them concurrently and all succeed
            long[] bytes = ThreadPerformanceEvaluation.threaded(() -> fixture.fetch(2), 8);
            assertTrue(Arrays.stream(bytes).allMatch(x -> x == 2 * 1024), Arrays.toString(bytes));
        }
    }

    @Test
    void theBenchmarkRunsEveryVariantAndGivesTheSameResultForEveryWorkerCount() throws Exception {
        try (var w = new ThreadPerformanceEvaluation.Workloads(Duration.ZERO, 10, 40, 1_000, 4, 10, 8)) {
            w.setUp();
            for (String variant : w.variants()) {
                Object one = w.run(variant, 1);
                for (int p : List.of(2, 4, 8)) {
                    assertEquals(one, w.run(variant, p), variant + " at " + p);
                }
            }
            var result = ScalingExperiment.of(w).workers(List.of(1, 2)).warmup(0).trials(1).build().run();
            assertEquals(4, result.series().size());
        }
    }
}
