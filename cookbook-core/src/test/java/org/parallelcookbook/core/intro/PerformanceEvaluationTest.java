package org.parallelcookbook.core.intro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.core.measure.PerformanceMetrics;
import org.parallelcookbook.core.measure.PerformanceMetrics.Scaling;
import org.parallelcookbook.core.measure.ScalableWorkload;
import org.parallelcookbook.core.measure.ScalingExperiment;

/** The catalogue's checks for ch1.performance: the laws, the metrics, and the runner on a fake clock. */
class PerformanceEvaluationTest {

    @Test
    void amdahlLimitOfANinetyPercentParallelProgramIsTenNotNine() {
        assertEquals(10.0, PerformanceMetrics.amdahlLimit(0.9), 1e-12);
        assertEquals(1 / (0.1 + 0.9 / 8), PerformanceMetrics.amdahl(0.9, 8), 1e-12);
        assertEquals(4.7059, PerformanceMetrics.amdahl(0.9, 8), 1e-4);
    }

    @Test
    void gustafsonAndEfficiency() {
        assertEquals(7.3, PerformanceMetrics.gustafson(0.1, 8), 1e-12);
        assertEquals(0.75, PerformanceMetrics.efficiency(3.0, 4), 1e-12);
        assertEquals(4.0, PerformanceMetrics.speedup(8.0, 2.0), 1e-12);
    }

    @Test
    void classification() {
        assertEquals(Scaling.LINEAR, PerformanceMetrics.classify(4.0, 4, 0.01));
        assertEquals(Scaling.SUBLINEAR, PerformanceMetrics.classify(3.0, 4, 0.01));
        assertEquals(Scaling.SUPERLINEAR, PerformanceMetrics.classify(5.0, 4, 0.01));
    }

    @Test
    void lawsTableUsesBothLaws() {
        var rows = PerformanceEvaluation.laws(0.9, List.of(1, 8));
        assertEquals(1.0, rows.get(0).amdahl(), 1e-12);
        assertEquals(1.0, rows.get(0).gustafson(), 1e-12);
        assertEquals(PerformanceMetrics.amdahl(0.9, 8), rows.get(1).amdahl(), 1e-12);
        assertEquals(7.3, rows.get(1).gustafson(), 1e-12);
    }

    /** A workload that takes exactly the scripted time on the fake clock, and nothing on the real one. */
    private record Scripted(AtomicLong now, Map<Integer, Long> nanosAt) implements ScalableWorkload {
        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public Object run(String variant, int workers) {
            return now.addAndGet(nanosAt.get(workers));
        }
    }

    @Test
    void withAFakeClockTheRunnerReportsExactlyTheExpectedSpeedupsAndEfficiencies() throws Exception {
        var now = new AtomicLong();
        var workload = new Scripted(now, Map.of(1, 8_000_000_000L, 2, 4_000_000_000L, 4, 2_500_000_000L,
                8, 800_000_000L));
        var result = ScalingExperiment.of(workload).id("fake").workers(List.of(1, 2, 4, 8)).warmup(1).trials(3)
                .clock(now::get).build().run();
        var series = result.first();
        assertEquals(8.0, series.at(1).time().median(), 1e-12);
        assertEquals(1.0, series.at(1).speedup(), 1e-12);
        assertEquals(2.0, series.at(2).speedup(), 1e-12);
        assertEquals(1.0, series.at(2).efficiency(), 1e-12);
        assertEquals(3.2, series.at(4).speedup(), 1e-12);
        assertEquals(0.8, series.at(4).efficiency(), 1e-12);
        assertEquals(10.0, series.at(8).speedup(), 1e-12);
        assertEquals(1.25, series.at(8).efficiency(), 1e-12);
        assertEquals(Scaling.LINEAR, PerformanceMetrics.classify(series.at(2).speedup(), 2, 1e-9));
        assertEquals(Scaling.SUBLINEAR, PerformanceMetrics.classify(series.at(4).speedup(), 4, 1e-9));
        assertEquals(Scaling.SUPERLINEAR, PerformanceMetrics.classify(series.at(8).speedup(), 8, 1e-9));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void monteCarloGivesTheSameCountForEveryWorkerCount() throws Exception {
        var pi = new PerformanceEvaluation.MonteCarloPi(200_000, 42);
        long one = pi.hits(1);
        assertEquals(one, pi.hits(2));
        assertEquals(one, pi.hits(3));
        assertEquals(one, pi.hits(64));
        assertTrue(Math.abs(pi.estimate(one) - Math.PI) < 0.05, "estimate " + pi.estimate(one));
    }

    @Test
    void workersOptionIsParsedOrRejected() {
        assertEquals(List.of(1, 2, 4), PerformanceEvaluation.parseWorkers("1, 2,4"));
        assertThrows(UsageException.class, () -> PerformanceEvaluation.parseWorkers("1,0"));
        assertThrows(UsageException.class, () -> PerformanceEvaluation.parseWorkers("two"));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void measureRunsARealStudyAtEveryRequestedWorkerCount() throws Exception {
        var result = PerformanceEvaluation.measure(64_000, List.of(2, 4), 0, 1);
        assertEquals(List.of(1, 2, 4), result.first().points().stream().map(p -> p.workers()).toList());
        result.first().points().forEach(p -> assertTrue(p.speedup() > 0 && p.time().median() > 0));
        assertEquals(1.0, result.first().at(1).speedup(), 1e-12);
    }
}
