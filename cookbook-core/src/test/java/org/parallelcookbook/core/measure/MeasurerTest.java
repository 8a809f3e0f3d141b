package org.parallelcookbook.core.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Batching and warm-up time of {@link Measurer}, on a fake clock that the work itself advances. */
class MeasurerTest {

    /** Work that takes exactly {@code nanos} on the fake clock and counts its calls. */
    static final class FakeWork {
        final long[] now = {0};
        final long nanos;
        int calls;

        FakeWork(long nanos) {
            this.nanos = nanos;
        }

        Object run() {
            calls++;
            now[0] += nanos;
            return calls;
        }
    }

    @Test
    void operationsPerTrialArithmetic() {
        assertEquals(34, Measurer.operations(300_000, 10_000_000)); // ceil(10 ms / 0.3 ms) = ceil(33.3)
        assertEquals(10, Measurer.operations(1_000_000, 10_000_000)); // exactly 10
        assertEquals(1, Measurer.operations(10_000_000, 10_000_000));
        assertEquals(1, Measurer.operations(25_000_000, 10_000_000));
        assertEquals(Measurer.MAX_OPERATIONS, Measurer.operations(0, 10_000_000));
    }

    @Test
    void shortRunsAreBatchedAndDividedBack() throws Exception {
        FakeWork w = new FakeWork(300_000); // 0.3 ms, like ch2.performance's empty variant
        var m = new Measurer(() -> w.now[0], 2, 3, Duration.ZERO, Duration.ofMillis(10));
        Measurer.Sample s = m.sample(w::run);
        assertEquals(34, s.operations());
        assertEquals(2, s.warmupRuns());
        for (double t : s.seconds()) {
            assertEquals(0.0003, t, 1e-15, "each trial reports the time of one run");
        }
        assertEquals(2 + 3 * 34, w.calls);
    }

    @Test
    void withoutWarmupTheFirstTrialCalibratesAndIsRepeatedWhenTooShort() throws Exception {
        FakeWork shortWork = new FakeWork(1_000_000);
        Measurer.Sample s = new Measurer(() -> shortWork.now[0], 0, 3, Duration.ZERO, Duration.ofMillis(10)).sample(shortWork::run);
        assertEquals(10, s.operations());
        assertEquals(1 + 3 * 10, shortWork.calls);
        FakeWork longWork = new FakeWork(50_000_000);
        Measurer.Sample l = new Measurer(() -> longWork.now[0], 0, 3, Duration.ZERO, Duration.ofMillis(10)).sample(longWork::run);
        assertEquals(1, l.operations());
        assertEquals(3, longWork.calls, "a long enough first trial is kept");
        assertEquals(0.05, l.seconds()[0], 1e-15);
    }

    @Test
    void warmupRunsUntilBothTheCountAndTheTimeAreReached() throws Exception {
        FakeWork w = new FakeWork(100_000_000); // 0.1 s
        Measurer.Sample s = new Measurer(() -> w.now[0], 1, 2, Duration.ofMillis(450), Duration.ZERO).sample(w::run);
        assertEquals(5, s.warmupRuns(), "0.1 s runs until 0.5 s >= 0.45 s");
        FakeWork counted = new FakeWork(100_000_000);
        assertEquals(4, new Measurer(() -> counted.now[0], 4, 1, Duration.ofMillis(150), Duration.ZERO)
                .sample(counted::run).warmupRuns(), "the count wins when it is longer");
        assertEquals(5, counted.calls);
    }

    @Test
    void roundsWarmUpEveryPieceThenInterleaveOneTrialEachReversingEveryOtherRound() throws Exception {
        long[] now = {0};
        java.util.List<String> calls = new java.util.ArrayList<>();
        // piece A takes 1 ms (batched to 10 ops of >= 10 ms), B 20 ms, C 30 ms; the clock drifts:
        // each run of round r is slower by r ms, so a blocked schedule would bias the later pieces
        int[] round = {0};
        java.util.function.Function<String, java.util.concurrent.Callable<Object>> piece = name -> () -> {
            calls.add(name);
            long base = switch (name) {
                case "A" -> 1_000_000L;
                case "B" -> 20_000_000L;
                default -> 30_000_000L;
            };
            now[0] += base + round[0] * 1_000_000L;
            return name;
        };
        var m = new Measurer(() -> now[0], 1, 3, Duration.ZERO, Duration.ofMillis(10));
        java.util.List<String> steps = new java.util.ArrayList<>();
        java.util.List<Measurer.Sample> s = m.sampleRounds(java.util.List.of(piece.apply("A"), piece.apply("B"), piece.apply("C")), java.util.List.of("A", "B", "C"),
                (done, what) -> {
                    steps.add(done + " " + what);
                    if (what.startsWith("round")) {
                        round[0] = done - 3 + 1;
                    }
                });
        assertEquals(java.util.List.of("0 warm-up A", "1 warm-up B", "2 warm-up C", "3 round 1/3", "4 round 2/3", "5 round 3/3"), steps);
        // warm-up A, B, C once each; round 1 forward (A x10, B, C); round 2 reversed; round 3 forward
        java.util.List<String> expected = new java.util.ArrayList<>(java.util.List.of("A", "B", "C"));
        expected.addAll(java.util.Collections.nCopies(10, "A"));
        expected.addAll(java.util.List.of("B", "C", "C", "B"));
        expected.addAll(java.util.Collections.nCopies(10, "A"));
        expected.addAll(java.util.Collections.nCopies(10, "A"));
        expected.addAll(java.util.List.of("B", "C"));
        assertEquals(expected, calls);
        assertEquals(10, s.get(0).operations());
        assertEquals(1, s.get(1).operations());
        assertEquals(1, s.get(0).warmupRuns());
        // trial r of every piece carries round r's drift of r ms: A's per-operation time included
        assertEquals(0.002, s.get(0).seconds()[0], 1e-12);
        assertEquals(0.003, s.get(0).seconds()[1], 1e-12);
        assertEquals(0.004, s.get(0).seconds()[2], 1e-12);
        assertEquals(0.021, s.get(1).seconds()[0], 1e-12);
        assertEquals(0.022, s.get(1).seconds()[1], 1e-12);
        assertEquals(0.033, s.get(2).seconds()[2], 1e-12);
    }

    @Test
    void roundsWithoutWarmupStillCalibrateABatchOnOneRun() throws Exception {
        FakeWork w = new FakeWork(1_000_000);
        java.util.List<Measurer.Sample> s = new Measurer(() -> w.now[0], 0, 2, Duration.ZERO, Duration.ofMillis(10))
                .sampleRounds(java.util.List.of(w::run), java.util.List.of("w"), Measurer.RoundProgress.NONE);
        assertEquals(1, s.get(0).warmupRuns(), "the calibration run counts as warm-up");
        assertEquals(10, s.get(0).operations());
        assertEquals(1 + 2 * 10, w.calls);
        FakeWork plain = new FakeWork(5_000_000);
        assertEquals(0, new Measurer(() -> plain.now[0], 0, 2).sampleRounds(java.util.List.of(plain::run), java.util.List.of("p"), Measurer.RoundProgress.NONE)
                .get(0).warmupRuns(), "no batching, no warm-up: nothing runs before the rounds");
        assertEquals(2, plain.calls);
    }

    @Test
    void badSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Measurer(Clock.system(), 0, 1, Duration.ofSeconds(-1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Measurer(Clock.system(), -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Measurer(Clock.system(), 0, 0));
    }
}
