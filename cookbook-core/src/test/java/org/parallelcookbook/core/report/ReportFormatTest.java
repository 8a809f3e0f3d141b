package org.parallelcookbook.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYSeries;
import org.parallelcookbook.core.measure.ForkTrials;
import org.parallelcookbook.core.measure.Interval;
import org.parallelcookbook.core.measure.Machine;
import org.parallelcookbook.core.measure.Probe;
import org.parallelcookbook.core.measure.ScalingPoint;
import org.parallelcookbook.core.measure.ScalingResult;
import org.parallelcookbook.core.measure.Summary;

/** The exact wording and numbers of the table, JSON and chart of a hand-built study. */
class ReportFormatTest {

    static ScalingPoint point(int p, double seconds, double speedup, Interval speedupCi, int operations) {
        return new ScalingPoint(p, Summary.of(seconds), new Interval(seconds * 0.99, seconds * 1.01), speedup, speedupCi,
                speedup / p, new Interval(speedupCi.lo() / p, speedupCi.hi() / p), p == 1 ? Double.NaN : 0.125,
                1.5, 1.75, List.of(new ForkTrials(1, 7, 0, operations, 3, List.of(seconds))));
    }

    /** Two variants measured in 2 forks, one of them batched; 250 ms warm-up, 10 ms trials. */
    static ScalingResult study(int forks, Probe probe) {
        var a = new ScalingResult.Series("a, with comma", 0.25, new Interval(0.125, 0.375), List.of(
                point(1, 2.0, 1.0, Interval.point(1), 1), point(2, 1.25, 1.6, new Interval(1.5, 1.7), 1)));
        var b = new ScalingResult.Series("b", 0, Interval.point(0), List.of(
                point(1, 0.0005, 1.0, Interval.point(1), 40), point(2, 0.0004, 1.25, new Interval(1.1, 1.3), 50)));
        return new ScalingResult("x.id", "work", "worker JVMs", 2, new Machine(4, "25.0.1", "Linux 6 amd64", "Model X"), 3,
                Duration.ofMillis(250), 7, Duration.ofMillis(10), Duration.ofSeconds(5), true, forks, 9, "the method", 0.99, probe, Instant.parse("2026-01-02T03:04:05Z"),
                List.of(a, b));
    }

    @Test
    void tableNamesHowItWasMeasured() {
        String t = ScalingReport.table(study(2, null));
        List<String> lines = t.lines().toList();
        assertEquals("x.id: work; worker JVMs, 2 cores (Model X), JDK 25.0.1", lines.get(0));
        assertEquals("2 forks (fresh JVMs), each: 3 warm-up runs and >= 0.25 s warm-up per point, then 7 rounds (more until >= 5.0 s of rounds) of one trial per point, "
                + "trials >= 10 ms (batched below), reversed in every second round; point order shuffled, reversed in every second fork (seed 9)",
                lines.get(1));
        assertTrue(Json.read(ScalingReport.json(study(2, null))).get("schedule").toString().startsWith("rounds:"));
        assertEquals("intervals: the method", lines.get(2));
        // the header names the study's level (this one 99 %), and the JSON carries it
        assertTrue(t.lines().anyMatch(l -> l.matches("workers\\s+median \\[99 % CI\\]\\s+speedup \\[99 % CI\\]\\s+efficiency \\[99 % CI\\]\\s+Karp-Flatt.*")), t);
        assertEquals(0.99, ((Number) Json.read(ScalingReport.json(study(2, null))).get("confidence")).doubleValue());
        assertTrue(t.contains("variant a, with comma") && t.contains("variant b"), t);
        assertTrue(t.lines().anyMatch(l -> l.matches("1\\s+2\\.000 s \\[1\\.980, 2\\.020\\]\\s+1\\.00 \\[1\\.00, 1\\.00\\]\\s+1\\.00 \\[1\\.00, 1\\.00\\]\\s+-\\s+1\\.50\\s+1\\.75")), t);
        assertTrue(t.lines().anyMatch(l -> l.matches("2\\s+1\\.250 s \\[1\\.23[78], 1\\.26[23]\\]\\s+1\\.60 \\[1\\.50, 1\\.70\\]\\s+0\\.80 \\[0\\.75, 0\\.85\\]\\s+0\\.125\\s+1\\.50\\s+1\\.75")), t);
        // the batched variant gets an ops/trial column and a note, in microseconds
        assertTrue(t.lines().anyMatch(l -> l.matches("1\\s+500\\.0 us \\[495\\.0, 505\\.0\\].*\\s40")), t);
        assertTrue(t.lines().anyMatch(l -> l.matches("2\\s+400\\.0 us \\[396\\.0, 404\\.0\\].*\\s50")), t);
        assertEquals(1, t.lines().filter(l -> l.contains("ops/trial")).filter(l -> l.startsWith("workers")).count(), t);
        assertEquals(1, t.lines().filter(l -> l.startsWith("batched:")).count(), t);
        assertTrue(t.contains("serial fraction 0.250 [0.125, 0.375], fitted to p <= 2 cores (Amdahl limit 4.00)"), t);
        assertTrue(t.contains("serial fraction 0.000 [0.000, 0.000], fitted to p <= 2 cores (Amdahl limit none)"), t);
        assertTrue(t.contains("noise: 2 intervals are wider than +-5 % of the figure (a, with comma efficiency @ 2, b efficiency @ 2)"), t);
        assertFalse(t.contains("machine probe"), t);
    }

    @Test
    void inOneJvmTheLineSaysSo() {
        ScalingResult r = study(0, new Probe(1.0, 0.5));
        assertEquals("in this JVM (no forks): 3 warm-up runs and >= 0.25 s warm-up per point, then 7 rounds (more until >= 5.0 s of rounds) of one trial per point, "
                + "trials >= 10 ms (batched below), reversed in every second round; fixed point order", ScalingReport.measuredHow(r));
        assertTrue(ScalingReport.table(r).contains("machine probe (fixed single-thread work): 1.000 s before, 500.00 ms after (-50.0 %)"));
        ScalingResult plain = new ScalingResult("x", "w", "m", 1, r.machine(), 1, Duration.ZERO, 1, Duration.ZERO, Duration.ZERO, false, 1, 3, "m",
                0.95, null, Instant.EPOCH, r.series());
        assertEquals("1 fork (fresh JVMs), each: 1 warm-up run per point, then 1 trial per point in one block; point order shuffled, "
                + "reversed in every second fork (seed 3)", ScalingReport.measuredHow(plain));
        assertTrue(Json.read(ScalingReport.json(plain)).get("schedule").toString().startsWith("blocks:"));
        assertEquals("0.5 us", ScalingReport.sec(5e-7));
        assertEquals("999.0 us", ScalingReport.sec(0.000999));
        assertEquals("1.00 ms", ScalingReport.sec(0.001));
        assertEquals("1.000 s", ScalingReport.sec(1));
        assertEquals("1.00 ms [0.50, 2.00]", ScalingReport.time(0.001, new Interval(0.0005, 0.002)));
        assertEquals("1.000 s [0.500, 2.000]", ScalingReport.time(1, new Interval(0.5, 2)));
    }

    @Test
    void jsonCarriesSettingsProbeNoiseAndFits() {
        Map<String, Object> j = Json.read(ScalingReport.json(study(2, new Probe(0.02, 0.03))));
        assertEquals(0.25, ((Number) j.get("warmup_min_s")).doubleValue(), 1e-12);
        assertEquals(0.01, ((Number) j.get("min_trial_s")).doubleValue(), 1e-12);
        assertEquals(7, ((Number) j.get("trials")).intValue());
        assertEquals(3, ((Number) j.get("warmup")).intValue());
        assertEquals(9, ((Number) j.get("seed")).intValue());
        assertEquals("2026-01-02T03:04:05Z", j.get("date"));
        assertEquals("worker JVMs", j.get("model"));
        assertTrue(((String) j.get("fork_order")).contains("reversed"));
        Map<?, ?> probe = (Map<?, ?>) j.get("probe");
        assertEquals(0.5, ((Number) probe.get("change")).doubleValue(), 1e-12);
        assertEquals(true, probe.get("moved"));
        assertTrue(((String) j.get("noise")).startsWith("noise: 2 intervals"));
        Map<?, ?> fit = (Map<?, ?>) ((List<?>) j.get("fits")).get(0);
        assertEquals("a, with comma", fit.get("variant"));
        assertEquals(List.of(0.125, 0.375), ((List<?>) fit.get("serial_fraction_ci")).stream().map(x -> ((Number) x).doubleValue()).toList());
        Map<?, ?> p = (Map<?, ?>) ((List<?>) j.get("points")).get(3);
        assertEquals("b", p.get("variant"));
        assertEquals(List.of(1.1, 1.3), ((List<?>) p.get("speedup_ci")).stream().map(x -> ((Number) x).doubleValue()).toList());
        assertEquals(1.75, ((Number) p.get("gustafson")).doubleValue(), 1e-12);
        Map<?, ?> fork = (Map<?, ?>) ((List<?>) p.get("forks")).get(0);
        assertEquals(50, ((Number) fork.get("operations")).intValue());
        assertEquals(3, ((Number) fork.get("warmup_runs")).intValue());
        assertEquals(7, ((Number) fork.get("pid")).intValue());
        assertEquals("in-process, fixed order", Json.read(ScalingReport.json(study(0, null))).get("fork_order"));
        assertFalse(Json.read(ScalingReport.json(study(0, null))).containsKey("probe"));
        List<List<String>> csv = Csv.read(ScalingReport.csv(study(2, null)));
        assertEquals(List.of("x.id", "a, with comma", "worker JVMs", "2"), csv.get(2).subList(0, 4));
        assertEquals("50", csv.get(4).get(csv.get(0).indexOf("operations")));
    }

    @Test
    void chartHasEveryCurveAndErrorBar() {
        var chart = Charts.speedup(study(2, null));
        Map<String, XYSeries> s = chart.getSeriesMap();
        XYSeries bar = s.get("a, with comma 99 % interval at p = 2");
        assertEquals(List.of(2.0, 2.0), Arrays.stream(bar.getXData()).boxed().toList());
        assertEquals(List.of(1.5, 1.7), Arrays.stream(bar.getYData()).boxed().toList());
        XYSeries gustafson = s.get("Gustafson (scaled problem), serial 0.250 (a, with comma)");
        assertEquals(List.of(1.0, 1.75), Arrays.stream(gustafson.getYData()).boxed().toList());
        XYSeries amdahl = s.get("Amdahl, serial 0.250 fitted for p <= 2 (a, with comma)");
        assertEquals(1.6, amdahl.getYData()[1], 1e-12);
        XYSeries measured = s.get("b");
        assertEquals(List.of(1.0, 1.25), Arrays.stream(measured.getYData()).boxed().toList());
        assertEquals(List.of(1.0, 2.0), Arrays.stream(s.get("ideal (S = p)").getYData()).boxed().toList());
        assertTrue(!bar.isShowInLegend() && measured.isShowInLegend());
        assertTrue(s.get("a, with comma").getLineColor() != null && !s.get("a, with comma").getLineColor().equals(measured.getLineColor()),
                "each variant has its own colour");
    }
}
