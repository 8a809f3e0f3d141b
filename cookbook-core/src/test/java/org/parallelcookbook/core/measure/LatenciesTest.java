package org.parallelcookbook.core.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAndTheMediansInterval() {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (i + 1) * 1000L; // 1 .. 100 us
        }
        Latencies l = Latencies.ofNanos(nanos);
        assertEquals(100, l.count());
        assertEquals(50.5, l.medianMicros(), 1e-12);
        assertEquals(90.1, l.p90Micros(), 1e-9); // type 7: 1 + 0.9 * 99
        assertEquals(99.01, l.p99Micros(), 1e-9);
        assertEquals(1, l.minMicros(), 1e-12);
        assertTrue(l.medianCi().lo() < 50.5 && l.medianCi().hi() > 50.5, l.medianCi().toString());
        assertTrue(l.medianCi().lo() > 35 && l.medianCi().hi() < 66, "about +-1.96 sqrt(n)/2 ranks: " + l.medianCi());
        assertEquals(l, Latencies.ofNanos(nanos), "seeded: the same latencies give the same interval");
        assertEquals("2.0 [2.0, 2.0]", Latencies.ofNanos(new long[] {2000, 2000, 2000}).median());
        assertThrows(IllegalArgumentException.class, () -> Latencies.ofNanos(new long[0]));
    }
}
