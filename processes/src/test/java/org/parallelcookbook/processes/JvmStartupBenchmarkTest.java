package org.parallelcookbook.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parallelcookbook.core.measure.CustomBenchmark;

/** The start-up benchmark's report: one row per variant, its figures, the baseline. No time is asserted. */
@ExtendWith(NoLeftoverChildren.class)
class JvmStartupBenchmarkTest {

    @Test
    @Timeout(600)
    void theReportHasARowAndFiguresPerVariantAndTheDefaultsAsBaseline() throws Exception {
        List<JvmStartupBenchmark.Variant> variants = JvmStartupBenchmark.variants();
        List<String> progress = new ArrayList<>();
        var report = new JvmStartupBenchmark().run(new CustomBenchmark.Options(List.of(), 0, 2),
                (done, total, what) -> progress.add(done + "/" + total + " " + what));
        int n = variants.size();
        assertEquals("start + run + join of a trivial child JVM (2 trials, ms)", report.title());
        assertEquals(List.of("options", "median ms", "95 % CI", "min ms", "max ms", "JVM options"), report.columns());
        assertEquals("median ms", report.chartColumn());
        assertEquals(n, report.rows().size());
        for (int i = 0; i < n; i++) {
            var v = variants.get(i);
            var row = report.rows().get(i);
            assertEquals(i + "/" + n + " " + v.name(), progress.get(i));
            assertEquals(v.name(), row.get(0));
            assertEquals(String.join(" ", v.options()), row.get(5));
            double median = (Double) row.get(1);
            double min = (Double) row.get(3);
            double max = (Double) row.get(4);
            assertTrue(min <= median && median <= max, row.toString());
            assertEquals(median, report.figures().get(v.name() + " median ms"));
            @SuppressWarnings("unchecked")
            var ci = (List<Double>) report.figures().get(v.name() + " median ms 95% CI");
            assertEquals(String.format(java.util.Locale.ROOT, "[%.1f, %.1f]", ci.get(0), ci.get(1)), row.get(2));
            assertTrue(ci.get(0) <= ci.get(1), ci.toString());
        }
        assertEquals(n, progress.size());
        assertEquals(report.figures().get("JDK defaults median ms"), report.figures().get("baseline (JDK defaults) median ms"));
        assertEquals(2 * n + 1, report.figures().size());
    }
}
