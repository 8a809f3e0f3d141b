package org.parallelcookbook.core.intro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.core.measure.ScalingResult;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PerformanceEvaluationTest {

    @Test
    void everyWorkerCountComputesTheSameCount() throws Exception {
        var workload = new PerformanceEvaluation.MonteCarloPi(1_000_003, 7);
        long reference = workload.hits(1);
        for (int p : new int[] {2, 3, 4, 7, 64}) {
            assertEquals(reference, workload.hits(p), "workers = " + p);
        }
        assertEquals(Math.PI, workload.estimate(reference), 0.01);
    }

    @Test
    void lawsTableMatchesTheFormulas() {
        var rows = PerformanceEvaluation.laws(0.9, List.of(1, 8));
        assertEquals(1.0, rows.get(0).amdahl(), 1e-12);
        assertEquals(4.7059, rows.get(1).amdahl(), 1e-4);
        assertEquals(7.3, rows.get(1).gustafson(), 1e-12);
    }

    @Test
    void measureRunsARealStudyAtEveryRequestedWorkerCount() throws Exception {
        ScalingResult r = PerformanceEvaluation.measure(64_000, List.of(2, 4), 0, 1);
        assertEquals(List.of(1, 2, 4), r.first().points().stream().map(p -> p.workers()).toList());
        r.first().points().forEach(p -> assertTrue(p.speedup() > 0 && p.time().median() > 0));
        assertEquals(1.0, r.first().at(1).speedup(), 1e-12);
    }

    @Test
    void workerListsAreValidated() {
        assertEquals(List.of(1, 2, 4), PerformanceEvaluation.parseWorkers("1, 2,4"));
        assertThrows(UsageException.class, () -> PerformanceEvaluation.parseWorkers("1,abc"));
        assertThrows(UsageException.class, () -> PerformanceEvaluation.parseWorkers("0"));
        assertThrows(IllegalArgumentException.class, () -> new PerformanceEvaluation.MonteCarloPi(10, 1));
    }
}
