package org.parallelcookbook.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelcookbook.core.measure.ForkTrials;
import org.parallelcookbook.core.measure.Interval;
import org.parallelcookbook.core.measure.Machine;
import org.parallelcookbook.core.measure.Probe;
import org.parallelcookbook.core.measure.ScalableWorkload;
import org.parallelcookbook.core.measure.ScalingExperiment;
import org.parallelcookbook.core.measure.ScalingPoint;
import org.parallelcookbook.core.measure.ScalingResult;
import org.parallelcookbook.core.measure.Summary;

class ReportTest {

    static ScalingResult fakeStudy(String variant) throws Exception {
        long[] now = {0};
        ScalableWorkload w = new ScalableWorkload() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public List<String> variants() {
                return List.of(variant);
            }

            @Override
            public Object run(String variant, int workers) {
                now[0] += 1_000_000_000L / workers;
                return null;
            }
        };
        return ScalingExperiment.of(w).id("x.fake").workers(List.of(1, 2)).warmup(0).trials(2)
                .clock(() -> now[0]).build().run();
    }

    /** A result with one series whose point at p = 2 has the given intervals. */
    static ScalingResult withIntervals(Interval time2, Interval efficiency2, Probe probe) {
        var t1 = new ScalingPoint(1, Summary.of(1.0), new Interval(0.99, 1.01), 1, Interval.point(1), 1,
                Interval.point(1), Double.NaN, 1, 1, List.of(new ForkTrials(1, 10, 0, 1, 2, List.of(1.0))));
        var t2 = new ScalingPoint(2, Summary.of(0.5), time2, 2, new Interval(efficiency2.lo() * 2, efficiency2.hi() * 2),
                1, efficiency2, 0, 2, 2, List.of(new ForkTrials(1, 10, 1, 1, 2, List.of(0.5))));
        return new ScalingResult("x", "w", "threads in one JVM", 2, new Machine(2, "25", "Linux", "cpu"), 2,
                Duration.ZERO, 5, Duration.ZERO, Duration.ZERO, true, 1, 42, "method", 0.95, probe, Instant.EPOCH,
                List.of(new ScalingResult.Series("default", 0, Interval.point(0), List.of(t1, t2))));
    }

    @Test
    void noiseVerdictNamesTheWideIntervals() {
        // +-4 % on the time at 2 and +-5 % exactly on the efficiency: within the threshold
        assertTrue(ScalingReport.noise(withIntervals(new Interval(0.48, 0.52), new Interval(0.95, 1.05), null), 0.05).isEmpty());
        // +-6 % on the efficiency at 2: one line naming it
        String line = ScalingReport.noise(withIntervals(new Interval(0.48, 0.52), new Interval(0.94, 1.02), null), 0.05)
                .orElseThrow();
        assertEquals("noise: 1 interval is wider than +-5 % of the figure (efficiency @ 2): the machine was noisy; "
                + "more --trials or --forks, or a quieter machine, narrow them", line);
        String two = ScalingReport.noise(withIntervals(new Interval(0.40, 0.52), new Interval(0.90, 1.0), null), 0.05)
                .orElseThrow();
        assertTrue(two.startsWith("noise: 2 intervals are wider") && two.contains("(time @ 2, efficiency @ 2)"), two);
        assertTrue(ScalingReport.table(withIntervals(new Interval(0.40, 0.52), new Interval(0.9, 1.0), null)).contains(two));
    }

    @Test
    void probeLineSaysWhetherTheMachineMoved() {
        assertEquals(0.1, new Probe(0.020, 0.022).change(), 1e-12);
        assertTrue(new Probe(0.020, 0.022).moved());
        assertFalse(new Probe(0.020, 0.0209).moved());
        String moved = ScalingReport.probe(new Probe(0.020, 0.022));
        assertEquals("machine probe (fixed single-thread work): 20.00 ms before, 22.00 ms after (+10.0 %): "
                + "the machine changed speed during the study; compare with a rerun", moved);
        assertTrue(ScalingReport.probe(new Probe(0.020, 0.0201)).endsWith("steady within 5 %"));
        String table = ScalingReport.table(withIntervals(new Interval(0.49, 0.51), new Interval(0.99, 1.01), new Probe(0.02, 0.022)));
        assertTrue(table.contains(moved), table);
    }

    @Test
    void stealIsReadFromProcStatAndNamedWhenAboveOnePercent() {
        // cpu user nice system idle iowait irq softirq steal guest guest_nice
        long[] a = Probe.parseCpuLine("cpu  1000 0 200 8000 100 0 50 150 0 0");
        assertArrayEquals(new long[] {9500, 150}, a, "total is the first eight counters, steal the eighth");
        long[] b = Probe.parseCpuLine("cpu  1600 0 300 8400 100 0 50 250 0 0");
        assertEquals(100.0 / 1200, Probe.stealBetween(a, b), 1e-12); // totals 9500 -> 10700
        assertTrue(Double.isNaN(Probe.stealBetween(a, null)));
        assertTrue(Double.isNaN(Probe.stealBetween(a, a)), "no time passed");
        assertNull(Probe.parseCpuLine("cpu0 1 2 3 4 5 6 7 8"), "only the aggregate line");
        assertNull(Probe.parseCpuLine("cpu 1 2 3"), "too few columns");
        String stolen = ScalingReport.probe(new Probe(0.020, 0.0201, 0.034));
        assertTrue(stolen.endsWith("steady within 5 %; CPU steal 3.4 % of the machine's CPU time "
                + "(the hypervisor ran other guests on these vCPUs: a VM's noise no statistics removes)"), stolen);
        assertTrue(ScalingReport.probe(new Probe(0.020, 0.0201, 0.004)).endsWith("; CPU steal 0.4 % of the machine's CPU time"));
        assertTrue(ScalingReport.probe(new Probe(0.020, 0.0201)).endsWith("steady within 5 %"), "no reading, no steal text");
        long[] now = Probe.cpuTicks();
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/stat"))) {
            assertTrue(now != null && now[0] > 0 && now[1] >= 0 && now[1] <= now[0], java.util.Arrays.toString(now));
        }
    }

    @Test
    void jsonHoldsEverythingToReanalyse() throws Exception {
        ScalingResult r = fakeStudy("default");
        Map<String, Object> j = Json.read(ScalingReport.json(r));
        assertEquals("x.fake", j.get("id"));
        assertEquals(Runtime.getRuntime().availableProcessors(), ((Number) j.get("cores")).intValue());
        Map<?, ?> machine = (Map<?, ?>) j.get("machine");
        assertTrue(machine.containsKey("cpu") && machine.containsKey("os") && machine.containsKey("jdk"), machine.toString());
        assertTrue(j.get("interval_method").toString().contains("bootstrap"));
        assertEquals(0, ((Number) j.get("forks")).intValue());
        assertTrue(Instant.parse((String) j.get("date")).isAfter(Instant.EPOCH));
        List<?> points = (List<?>) j.get("points");
        Map<?, ?> p2 = (Map<?, ?>) points.get(1);
        assertEquals("default", p2.get("variant"), "the variant is named even when there is one");
        assertEquals(2, ((Number) p2.get("workers")).intValue());
        assertEquals(0.5, ((Number) p2.get("median_s")).doubleValue(), 1e-12);
        assertEquals(List.of(1.0, 1.0), ((List<?>) p2.get("efficiency_ci")).stream().map(x -> ((Number) x).doubleValue()).toList());
        Map<?, ?> fork = (Map<?, ?>) ((List<?>) p2.get("forks")).get(0);
        assertEquals(List.of(0.5, 0.5), ((List<?>) fork.get("seconds")).stream().map(x -> ((Number) x).doubleValue()).toList());
        assertEquals(null, ((Map<?, ?>) points.get(0)).get("karp_flatt"), "NaN becomes null");
        assertTrue(((Map<?, ?>) points.get(0)).containsKey("karp_flatt"));
    }

    @Test
    void csvKeepsALabelWithACommaInOneCellAndTable() throws Exception {
        ScalingResult r = fakeStudy("multicore, 2 \"ranks\"");
        List<List<String>> rows = Csv.read(ScalingReport.csv(r));
        assertEquals(3, rows.size());
        List<String> header = rows.get(0);
        assertEquals(List.of("id", "variant", "model", "workers", "median_s"), header.subList(0, 5));
        for (List<String> row : rows) {
            assertEquals(header.size(), row.size(), row.toString());
        }
        assertEquals("multicore, 2 \"ranks\"", rows.get(2).get(1));
        assertEquals("2", rows.get(2).get(3));
        assertEquals(0.5, Double.parseDouble(rows.get(2).get(header.indexOf("median_s"))), 1e-12);
        assertEquals(1.0, Double.parseDouble(rows.get(2).get(header.indexOf("efficiency_lo"))), 1e-12);
        assertEquals("", rows.get(1).get(header.indexOf("karp_flatt")));
        String table = ScalingReport.table(r);
        assertTrue(table.lines().anyMatch(l -> l.matches("2\\s+500\\.00 ms \\[500\\.00, 500\\.00\\]\\s+2\\.00 \\[2\\.00, 2\\.00\\]\\s+1\\.00 \\[1\\.00, 1\\.00\\].*")), table);
        assertTrue(table.contains("Gustafson") && table.contains("intervals: 99.9 % hierarchical") && table.contains("speedup [99.9 % CI]"), table);
    }

    @Test
    void csvRoundTripsCommasQuotesAndLineBreaks() {
        List<List<Object>> rows = List.of(List.of("multicore, 2 ranks", 1.5, "say \"hi\""), List.of("a\nb", 2, ""));
        List<List<String>> back = Csv.read(Csv.write(List.of("label", "x", "note"), rows));
        assertEquals(List.of(List.of("label", "x", "note"), List.of("multicore, 2 ranks", "1.5", "say \"hi\""),
                List.of("a\nb", "2", "")), back);
        assertThrows(IllegalArgumentException.class, () -> Csv.write(List.of("a", "b"), List.of(List.of(1))));
    }

    @Test
    void jsonEscapesAndNests() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\nd\u0001");
        m.put("l", List.of(1, 2.5, true));
        m.put("n", null);
        m.put("x", Double.NaN);
        assertEquals("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"l\":[1,2.5,true],\"n\":null,\"x\":null}", Json.write(m));
        assertEquals("a\"b\\c\nd\u0001", Json.read(Json.write(m)).get("s"));
    }

    @Test
    void textTableAlignsAndChecksWidth() {
        TextTable t = new TextTable("name", "n").row("a", 10).row("bbb", 2);
        assertEquals("name   n\n----  --\na     10\nbbb    2\n", t.render());
        assertEquals("| name | n |\n|---|---|\n| a | 10 |\n| bbb | 2 |\n", t.markdown());
        assertThrows(IllegalArgumentException.class, () -> t.row("only one"));
    }

    @Test
    void textTableAlignsTextLeftNumbersRightAndDropsEmptyColumns() {
        TextTable t = new TextTable("id", "status", "seconds", "note").row("ch2.semaphore", "ok", "1.5", "")
                .row("x", "skipped", "12.25", "");
        assertEquals("id             status   seconds\n-------------  -------  -------\n"
                + "ch2.semaphore  ok           1.5\nx              skipped    12.25\n", t.render());
        TextTable units = new TextTable("variant", "time").row("threads", "12.3 ms").row("pool", "1.20 s");
        assertEquals("variant     time\n-------  -------\nthreads  12.3 ms\npool      1.20 s\n", units.render());
    }

    @Test
    void chartsAreWrittenAsPngAndSvg(@TempDir Path dir) throws Exception {
        ScalingResult r = fakeStudy("default");
        Path png = Charts.write(Charts.speedup(r), dir.resolve("s.png"));
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1000);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
        var chart = Charts.speedup(r);
        assertTrue(chart.getSeriesMap().keySet().stream().anyMatch(k -> k.startsWith("Gustafson")), chart.getSeriesMap().keySet().toString());
        var bar = chart.getSeriesMap().get("measured 99.9 % interval at p = 2");
        assertEquals(List.of(2.0, 2.0), java.util.Arrays.stream(bar.getYData()).boxed().toList(), "an error bar from lo to hi");
        assertTrue(Files.readString(Charts.write(chart, dir.resolve("s.svg"))).contains("<svg"));
        Path bars = Charts.write(Charts.bars("t", "GFLOP/s", List.of("a", "b"), List.of(1.0, 2.0)), dir.resolve("b.svg"));
        assertTrue(Files.readString(bars).contains("<svg"));
        assertThrows(IllegalArgumentException.class, () -> Charts.write(Charts.speedup(r), dir.resolve("c.gif")));
    }
}
