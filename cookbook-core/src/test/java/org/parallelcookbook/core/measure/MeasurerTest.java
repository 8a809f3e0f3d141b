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
    void badSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Measurer(Clock.system(), 0, 1, Duration.ofSeconds(-1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Measurer(Clock.system(), -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Measurer(Clock.system(), 0, 0));
    }
}
