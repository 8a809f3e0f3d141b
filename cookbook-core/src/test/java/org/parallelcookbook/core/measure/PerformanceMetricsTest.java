package org.parallelcookbook.core.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.parallelcookbook.core.measure.PerformanceMetrics.Scaling;

class PerformanceMetricsTest {

    @Test
    void amdahlLimitOfNinetyPercentIsTenNotNine() {
        assertEquals(10.0, PerformanceMetrics.amdahlLimit(0.9), 1e-12);
    }

    @Test
    void amdahlOnEightWorkers() {
        assertEquals(1 / (0.1 + 0.9 / 8), PerformanceMetrics.amdahl(0.9, 8), 1e-12);
        assertEquals(4.7059, PerformanceMetrics.amdahl(0.9, 8), 1e-4);
    }

    @Test
    void amdahlApproachesItsLimit() {
        assertEquals(10.0, PerformanceMetrics.amdahl(0.9, 1_000_000_000), 1e-6);
        assertEquals(1.0, PerformanceMetrics.amdahl(0.9, 1), 1e-12);
        assertTrue(Double.isInfinite(PerformanceMetrics.amdahlLimit(1.0)));
    }

    @Test
    void gustafson() {
        assertEquals(7.3, PerformanceMetrics.gustafson(0.1, 8), 1e-12);
        assertEquals(1.0, PerformanceMetrics.gustafson(0.1, 1), 1e-12);
    }

    @Test
    void speedupAndEfficiency() {
        double s = PerformanceMetrics.speedup(8.0, 2.5);
        assertEquals(3.2, s, 1e-12);
        assertEquals(0.8, PerformanceMetrics.efficiency(s, 4), 1e-12);
    }

    @Test
    void karpFlattRecoversTheSerialFractionOfAnAmdahlProgram() {
        for (int p : new int[] {2, 4, 16}) {
            double s = PerformanceMetrics.amdahl(0.75, p);
            assertEquals(0.25, PerformanceMetrics.karpFlatt(s, p), 1e-12);
        }
        assertTrue(Double.isNaN(PerformanceMetrics.karpFlatt(1.0, 1)));
    }

    @Test
    void classification() {
        assertEquals(Scaling.LINEAR, PerformanceMetrics.classify(4.0, 4, 0.02));
        assertEquals(Scaling.SUBLINEAR, PerformanceMetrics.classify(3.0, 4, 0.02));
        assertEquals(Scaling.SUPERLINEAR, PerformanceMetrics.classify(4.5, 4, 0.02));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.speedup(0, 1));
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.efficiency(1, 0));
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.amdahl(1.5, 2));
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.gustafson(-0.1, 2));
    }
}
