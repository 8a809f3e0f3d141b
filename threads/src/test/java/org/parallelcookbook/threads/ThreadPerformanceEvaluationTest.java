package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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

    /** What {@link Fixture#readFile} must return for a file of {@code fileBytes} written as the fixture writes it. */
    private static long expectedFileSum(int fileBytes, int reads) {
        long sum = 0;
        long position = 0;
        for (int i = 0; i < reads; i++) {
            int n = (int) Math.min(1024, fileBytes - position);
            sum += (byte) (position * 31 + 7) + n;
            position = (position + 1024) % fileBytes;
        }
        return sum;
    }

    @Test
    void readFileReadsKilobyteChunksAndWrapsAtTheEnd() throws Exception {
        try (var fixture = Fixture.start(Duration.ZERO, 8 * 1024)) {
            assertEquals(expectedFileSum(8 * 1024, 10), fixture.readFile(10));
            assertEquals(0, fixture.readFile(0));
        }
        // 1,500 bytes: chunks of 1,024 and 476 bytes, then the wrap lands at 548
        try (var fixture = Fixture.start(Duration.ZERO, 1_500)) {
            assertEquals(expectedFileSum(1_500, 5), fixture.readFile(5));
            assertEquals((byte) 7 + 1024, fixture.readFile(1));
            assertEquals((byte) 7 + 1024 + (byte) (1024 * 31 + 7) + 476, fixture.readFile(2));
        }
    }

    @Test
    void aClosedFixtureServesNoMore() throws Exception {
        var fixture = Fixture.start(Duration.ZERO, 1024);
        assertEquals(1024, fixture.fetch(1));
        assertEquals("/page", fixture.uri().getPath());
        fixture.close();
        assertThrows(IOException.class, () -> fixture.fetch(1));
        assertThrows(IOException.class, () -> fixture.readFile(1), "the file is deleted");
    }

    @Test
    void eachWorkloadNameGivesTheBooksFunction() throws Exception {
        try (var fixture = Fixture.start(Duration.ZERO, 4 * 1024)) {
            assertEquals(0L, ThreadPerformanceEvaluation.task("empty", fixture, 10, 3, 2).call());
            assertEquals(55L, ThreadPerformanceEvaluation.task("fibonacci", fixture, 10, 3, 2).call());
            assertEquals(expectedFileSum(4 * 1024, 3), ThreadPerformanceEvaluation.task("file", fixture, 10, 3, 2).call());
            assertEquals(2L * 1024, ThreadPerformanceEvaluation.task("http", fixture, 10, 3, 2).call());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> ThreadPerformanceEvaluation.task("gpu", null, 1, 1, 1));
        assertEquals("unknown workload gpu; known: [empty, fibonacci, file, http]", e.getMessage());
    }

    @Test
    void fibonacciStartsAtZeroAndOne() {
        assertEquals(0, ThreadPerformanceEvaluation.fibonacci(0));
        assertEquals(1, ThreadPerformanceEvaluation.fibonacci(1));
        assertEquals(1, ThreadPerformanceEvaluation.fibonacci(2));
        assertEquals(2, ThreadPerformanceEvaluation.fibonacci(3));
    }

    @Test
    void eachModeReturnsEveryCallsResultInItsSlot() throws Exception {
        var calls = new AtomicInteger();
        assertArrayEquals(new long[] {1, 2, 3, 4}, ThreadPerformanceEvaluation.sequential(() -> calls.incrementAndGet(), 4));
        Task byName = () -> Long.parseLong(Thread.currentThread().getName().substring("worker-".length())) * 10;
        assertArrayEquals(new long[] {0, 10, 20, 30}, ThreadPerformanceEvaluation.threaded(byName, 4),
                "thread i, named worker-i, fills slot i");
    }

    @Test
    void aFailingCallFailsTheThreadedRunAndTheSplit() {
        var boom = new IOException("boom");
        Task failing = () -> {
            throw boom;
        };
        assertSame(boom, assertThrows(IOException.class, () -> ThreadPerformanceEvaluation.threaded(failing, 3)));
        assertSame(boom, assertThrows(IOException.class, () -> ThreadPerformanceEvaluation.split(failing, 6, 3)));
    }

    @Test
    void splitGivesWorkerWTheCallsFromWTimesTotalOverWorkers() throws Exception {
        Map<String, AtomicInteger> perWorker = new ConcurrentHashMap<>();
        long sum = ThreadPerformanceEvaluation.split(() -> {
            perWorker.computeIfAbsent(Thread.currentThread().getName(), k -> new AtomicInteger()).incrementAndGet();
            return 2;
        }, 10, 4);
        assertEquals(20, sum);
        // [0, 2), [2, 5), [5, 7), [7, 10)
        assertEquals(Map.of("worker-0", 2, "worker-1", 3, "worker-2", 2, "worker-3", 3),
                new TreeMap<>(perWorker).entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, x -> x.getValue().get())));
    }

    @Test
    void compareTimesTheNonThreadedAndTheThreadedRunsApart() throws Exception {
        // virtual time: a call on the calling thread costs 1 s, a call on a worker thread 10 s
        var now = new AtomicLong();
        Task cost = () -> now.addAndGet(Thread.currentThread().getName().startsWith("worker-") ? 10 : 1);
        Clock virtual = () -> now.get() * 1_000_000_000L;
        var rows = ThreadPerformanceEvaluation.compare("virtual", cost, List.of(1, 2, 4), 2, virtual);
        assertEquals(List.of(new ThreadPerformanceEvaluation.Row("virtual", 1, 1.0, 10.0),
                new ThreadPerformanceEvaluation.Row("virtual", 2, 2.0, 20.0),
                new ThreadPerformanceEvaluation.Row("virtual", 4, 4.0, 40.0)), rows);
        assertEquals(0.1, rows.get(0).speedup(), 1e-12);
        assertEquals(2.0, new ThreadPerformanceEvaluation.Row("w", 1, 4.0, 2.0).speedup(), 1e-12);
    }

    @Test
    void theStudyDescribesItsWorkloadsAndCountsTheirCalls() throws Exception {
        var w = new ThreadPerformanceEvaluation.Workloads(Duration.ofMillis(3), 10, 40, 1_000, 4, 10, 8);
        assertEquals("ch2 workloads (empty x10, fibonacci(1000) x40, file 1 KB x 10 x4, http 1 KB x8 at 3 ms)", w.name());
        assertEquals(List.of("empty", "fibonacci", "file", "http"), w.variants());
        assertEquals(List.of(1, 2, 4, 8), w.defaultWorkers());
        assertEquals(List.of(10, 40, 4, 8), w.variants().stream().map(w::calls).toList());
        assertThrows(IllegalArgumentException.class, () -> w.calls("gpu"));
        assertEquals("ch2 workloads (empty x1000, fibonacci(10000) x20000, file 1 KB x 1000 x64, http 1 KB x32 at 20 ms)",
                new ThreadPerformanceEvaluation.Workloads().name());
        w.close(); // before setUp: nothing to close
    }

    @Test
    void theStudysVariantsComputeTheirTotals() throws Exception {
        try (var w = new ThreadPerformanceEvaluation.Workloads(Duration.ZERO, 10, 40, 1_000, 4, 10, 8)) {
            w.setUp();
            assertEquals(0L, w.run("empty", 3));
            assertEquals(40 * ThreadPerformanceEvaluation.fibonacci(1_000), w.run("fibonacci", 3));
            assertEquals(4 * expectedFileSum(1 << 20, 10), w.run("file", 3));
            assertEquals(8L * 1024, w.run("http", 3));
            w.close();
            w.close(); // twice: harmless
        }
    }
}
