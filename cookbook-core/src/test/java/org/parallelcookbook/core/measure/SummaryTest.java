package org.parallelcookbook.core.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void oddAndEvenMedians() {
        Summary odd = Summary.of(3, 1, 2);
        assertEquals(2, odd.median());
        assertEquals(1, odd.min());
        assertEquals(3, odd.max());
        assertEquals(2, odd.mean(), 1e-12);
        assertEquals(1, odd.stdDev(), 1e-12);
        assertEquals(1.0, odd.spread(), 1e-12);
        assertEquals(2.5, Summary.of(4, 1, 3, 2).median());
        assertEquals(0, Summary.of(7).stdDev());
        assertThrows(IllegalArgumentException.class, Summary::of);
    }

    @Test
    void measurerRunsWarmupThenTrialsAndTimesOnlyTrials() throws Exception {
        // a fake clock: each call to the work advances it by the durations below
        long[] now = {0};
        List<Long> durations = new ArrayList<>(List.of(999L, 999L, 3_000_000L, 1_000_000L, 2_000_000L));
        AtomicInteger calls = new AtomicInteger();
        Measurer m = new Measurer(() -> now[0], 2, 3);
        Summary s = m.measure(() -> {
            calls.incrementAndGet();
            now[0] += durations.remove(0);
            return now[0];
        });
        assertEquals(5, calls.get());
        assertEquals(3, s.trials());
        assertEquals(0.002, s.median(), 1e-12);
        assertEquals(0.001, s.min(), 1e-12);
        assertEquals(0.003, s.max(), 1e-12);
    }

    @Test
    void measurerRejectsBadCounts() {
        assertThrows(IllegalArgumentException.class, () -> new Measurer(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Measurer(0, 0));
    }
}
