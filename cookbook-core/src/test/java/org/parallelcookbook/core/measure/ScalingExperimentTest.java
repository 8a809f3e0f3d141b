package org.parallelcookbook.core.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingExperimentTest {

    /**
     * A workload that does no work: each run advances a fake clock by T1 * (f + (1 - f) / p),
     * an ideal Amdahl program with serial fraction f.
     */
    static final class FakeAmdahl implements ScalableWorkload {
        final long[] now = {0};
        final double serial;
        final List<String> log = new ArrayList<>();
        boolean setUp;
        boolean closed;

        FakeAmdahl(double serial) {
            this.serial = serial;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public List<String> variants() {
            return List.of("a", "b");
        }

        @Override
        public void setUp() {
            setUp = true;
        }

        @Override
        public Object run(String variant, int workers) {
            log.add(variant + "@" + workers);
            double t1 = variant.equals("a") ? 1.0 : 2.0;
            now[0] += Math.round(1e9 * t1 * (serial + (1 - serial) / workers));
            return workers;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void reportsExactlyTheSpeedupsTheFakeClockImplies() throws Exception {
        FakeAmdahl w = new FakeAmdahl(0.2);
        ScalingResult r = ScalingExperiment.of(w).workers(List.of(4, 2)).warmup(1).trials(3)
                .clock(() -> w.now[0]).build().run();
        assertTrue(w.setUp);
        assertEquals(List.of("a", "b"), r.series().stream().map(ScalingResult.Series::variant).toList());
        for (ScalingResult.Series s : r.series()) {
            assertEquals(List.of(1, 2, 4), s.points().stream().map(ScalingPoint::workers).toList(),
                    "p = 1 is added and counts are sorted");
            for (ScalingPoint p : s.points()) {
                double expected = PerformanceMetrics.amdahl(0.8, p.workers());
                assertEquals(expected, p.speedup(), 1e-6);
                assertEquals(expected / p.workers(), p.efficiency(), 1e-6);
                assertEquals(expected, p.amdahl(), 1e-6, "fitted Amdahl curve goes through the points");
                if (p.workers() > 1) {
                    assertEquals(0.2, p.karpFlatt(), 1e-6);
                }
            }
            assertEquals(0.2, s.serialFraction(), 1e-6);
        }
        assertEquals(1.0, r.series("a").at(1).time().median(), 1e-9);
        assertEquals(2.0 * 0.6, r.series("b").at(2).time().median(), 1e-9);
        // 2 variants x 3 worker counts x (1 warm-up + 3 trials)
        assertEquals(24, w.log.size());
    }

    @Test
    void perfectScalingFitsSerialFractionZero() throws Exception {
        FakeAmdahl w = new FakeAmdahl(0.0);
        ScalingResult r = ScalingExperiment.of(w).variants(List.of("a")).workers(List.of(1, 2, 8))
                .warmup(0).trials(1).clock(() -> w.now[0]).build().run();
        assertEquals(0.0, r.first().serialFraction(), 1e-9);
        assertEquals(8.0, r.first().at(8).speedup(), 1e-6);
        assertEquals(List.of("a@1", "a@2", "a@8"), w.log);
    }

    static List<ForkTrials> one(double... seconds) {
        return List.of(new ForkTrials(0, 1, 0, 1, 0, java.util.Arrays.stream(seconds).boxed().toList()));
    }

    @Test
    void amdahlIsFittedOnlyToPointsWithinTheCores() {
        // 2 cores: p = 2 scales perfectly, p = 4 is oversubscribed and no faster
        var times = List.of(one(1.0), one(0.5), one(0.5));
        var s = ScalingExperiment.analyse("v", List.of(1, 2, 4), times, 2, Bootstrap.seeded(1), true);
        assertEquals(0.0, s.serialFraction(), 1e-12);
        assertEquals(4.0, s.at(4).amdahl(), 1e-12);
        assertEquals(0.5, s.at(4).efficiency(), 1e-12);
        // with only oversubscribed points, they are all that can be fitted
        var all = ScalingExperiment.analyse("v", List.of(1, 4), List.of(one(1.0), one(0.5)), 1, Bootstrap.seeded(1), true);
        assertEquals(1.0 / 3, all.serialFraction(), 1e-12);
    }

    @Test
    void gustafsonUsesTheFittedSerialFraction() throws Exception {
        FakeAmdahl w = new FakeAmdahl(0.2);
        ScalingResult r = ScalingExperiment.of(w).variants(List.of("a")).workers(List.of(2, 4)).warmup(0).trials(1)
                .clock(() -> w.now[0]).build().run();
        // Gustafson S(p) = p - alpha (p - 1): 2 - 0.2 = 1.8 and 4 - 0.6 = 3.4, beside Amdahl's 1.667 and 2.5
        assertEquals(1.8, r.first().at(2).gustafson(), 1e-6);
        assertEquals(3.4, r.first().at(4).gustafson(), 1e-6);
        assertEquals(2.5, r.first().at(4).amdahl(), 1e-6);
        assertEquals(7.3, PerformanceMetrics.gustafson(0.1, 8), 1e-12);
    }

    @Test
    void intervalsOfSpeedupAndEfficiencyComeFromTheSameResamples() {
        // two rounds: T1 {4, 8}, T2 {3, 5}; paired per-round speedups 4/3 and 8/5, median (4/3 + 8/5) / 2 = 22/15
        // replicate 1: fork 0, rounds 0,1 -> ratios {4/3, 8/5}, median 22/15; replicate 2: fork 0, rounds 1,1 -> 8/5
        // 50 %: quantiles 0.25 and 0.75 of {22/15, 24/15}: 22.5/15 = 1.5 and 23.5/15
        var b = new Bootstrap(BootstrapTest.scripted(0, 0, 1, 0, 1, 1), 2, 0.5);
        var s = ScalingExperiment.analyse("v", List.of(1, 2), List.of(one(4, 8), one(3, 5)), 2, b, true);
        assertEquals(22.0 / 15, s.at(2).speedup(), 1e-12, "not median 6 / median 4 = 1.5");
        assertEquals(1.5, s.at(2).speedupCi().lo(), 1e-12);
        assertEquals(23.5 / 15, s.at(2).speedupCi().hi(), 1e-12);
        assertEquals(0.75, s.at(2).efficiencyCi().lo(), 1e-12);
        assertEquals(23.5 / 30, s.at(2).efficiencyCi().hi(), 1e-12);
        assertEquals(Interval.point(1), s.at(1).speedupCi());
        // the time intervals come from the same draws: T2 medians 4 and 5
        assertEquals(4.25, s.at(2).timeCi().lo(), 1e-12);
        assertEquals(4.75, s.at(2).timeCi().hi(), 1e-12);
        // the serial fraction of the replicates, f = 2 / S - 1: S 22/15 -> 4/11, S 24/15 -> 1/4
        double f1 = 2 / (22.0 / 15) - 1;
        double f2 = 0.25;
        assertEquals(f2 + 0.25 * (f1 - f2), s.serialFractionCi().lo(), 1e-12);
        assertEquals(f2 + 0.75 * (f1 - f2), s.serialFractionCi().hi(), 1e-12);
        // measured in blocks, the same trials give the ratio of the medians
        var blocks = ScalingExperiment.analyse("v", List.of(1, 2), List.of(one(4, 8), one(3, 5)), 2, Bootstrap.seeded(1), false);
        assertEquals(1.5, blocks.at(2).speedup(), 1e-12);
    }

    @Test
    void pairedRatiosCancelASlowForkThatPooledMediansDoNot() {
        // fork A ran at speed 1, fork B at half speed, both with a true speedup of 2
        double[][] t1 = {{1.0, 1.0, 1.0}, {2.0, 2.0, 2.0}};
        double[][] t2 = {{0.5, 0.5, 0.5}, {1.0, 1.0, 1.0}};
        assertEquals(2.0, Bootstrap.pairedRatio(t1, t2), 1e-12);
        var s = ScalingExperiment.analyse("v", List.of(1, 2),
                List.of(List.of(new ForkTrials(1, 1, 0, 1, 0, List.of(1.0, 1.0, 1.0)), new ForkTrials(2, 2, 0, 1, 0, List.of(2.0, 2.0, 2.0))),
                        List.of(new ForkTrials(1, 1, 1, 1, 0, List.of(0.5, 0.5, 0.5)), new ForkTrials(2, 2, 1, 1, 0, List.of(1.0, 1.0, 1.0)))),
                2, Bootstrap.seeded(4), true);
        assertEquals(2.0, s.at(2).speedup(), 1e-12);
        assertEquals(Interval.point(2.0), s.at(2).speedupCi(), "every replicate's paired ratio is 2");
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.pairedRatio(new double[][] {{1, 2}}, new double[][] {{1}}));
    }

    @Test
    void roundsGoOnUntilTheMinimumTimeOfRounds() throws Exception {
        FakeAmdahl w = new FakeAmdahl(0.5);
        // variant a: 1 s at p = 1, 0.75 s at p = 2: a round is 1.75 s; 10 s of rounds takes 6 rounds (10.5 s), more than trials 2
        ScalingResult r = ScalingExperiment.of(w).variants(List.of("a")).workers(List.of(2)).warmup(0).trials(2)
                .measureTime(java.time.Duration.ofSeconds(10)).clock(() -> w.now[0]).build().run();
        assertEquals(6, r.first().at(2).forks().get(0).seconds().size());
        assertEquals(6, r.first().at(1).forks().get(0).seconds().size());
        assertEquals(java.time.Duration.ofSeconds(10), r.measureTime());
        assertThrows(IllegalArgumentException.class, () -> ScalingExperiment.of(w).measureTime(java.time.Duration.ofSeconds(-1)));
    }

    @Test
    void progressCountsEveryPoint() throws Exception {
        FakeAmdahl w = new FakeAmdahl(0.5);
        List<String> seen = new ArrayList<>();
        ScalingExperiment.of(w).workers(List.of(2)).warmup(0).trials(1).clock(() -> w.now[0])
                .progress((done, total, what) -> seen.add(done + "/" + total + " " + what)).build().run();
        // four warm-ups, then one round (trials 1)
        assertEquals(List.of("0/5 warm-up a @ 1 worker", "1/5 warm-up a @ 2 workers", "2/5 warm-up b @ 1 worker",
                "3/5 warm-up b @ 2 workers", "4/5 round 1/1", "5/5 done"), seen);
    }

    @Test
    void aWorkloadThatCannotInterleaveIsMeasuredPointByPoint() throws Exception {
        List<Integer> runs = new ArrayList<>();
        long[] now = {0};
        ScalableWorkload blocked = new ScalableWorkload() {
            @Override
            public String name() {
                return "one set of workers at a time";
            }

            @Override
            public boolean interleave() {
                return false;
            }

            @Override
            public Object run(String variant, int workers) {
                runs.add(workers);
                now[0] += 1_000_000_000L / workers;
                return workers;
            }
        };
        List<String> seen = new ArrayList<>();
        ScalingResult r = ScalingExperiment.of(blocked).workers(List.of(2)).warmup(1).trials(2).clock(() -> now[0])
                .progress((done, total, what) -> seen.add(done + "/" + total + " " + what)).build().run();
        assertEquals(List.of(1, 1, 1, 2, 2, 2), runs, "each point warmed up and measured in one block, never switching back");
        assertEquals(List.of("0/2 default @ 1 worker", "1/2 default @ 2 workers", "2/2 done"), seen);
        assertFalse(r.rounds());
        assertTrue(r.intervalMethod().contains("then trials within each fork"), r.intervalMethod());
        assertEquals(2.0, r.first().at(2).speedup(), 1e-12);
        FakeAmdahl w = new FakeAmdahl(0.5);
        ScalingResult interleaved = ScalingExperiment.of(w).workers(List.of(2)).warmup(0).trials(1).clock(() -> w.now[0]).build().run();
        assertTrue(interleaved.rounds() && interleaved.intervalMethod().contains("rounds within each fork"), interleaved.intervalMethod());
    }

    @Test
    void defaultsOfAStudyItsIdProbeAndTheIntervalOfEachTime() throws Exception {
        FakeAmdahl w = new FakeAmdahl(0.5);
        ScalingResult plain = ScalingExperiment.of(w).workers(List.of(2)).warmup(0).trials(3).clock(() -> w.now[0]).build().run();
        assertEquals(w.name(), plain.id(), "without id(), the workload's name");
        assertEquals(null, plain.probe(), "no probe unless asked");
        assertTrue(plain.intervalMethod().endsWith("; one JVM only, so no between-JVM variance is in the intervals"), plain.intervalMethod());
        ScalingPoint two = plain.series("a").at(2);
        assertTrue(two.timeCi().lo() > 0 && two.timeCi().contains(two.time().median()), two.timeCi() + " around " + two.time().median());
        FakeAmdahl v = new FakeAmdahl(0.5);
        ScalingResult probed = ScalingExperiment.of(v).id("x.probe").workers(List.of(2)).warmup(0).trials(1).probe(true)
                .clock(() -> v.now[0]).build().run();
        assertEquals("x.probe", probed.id());
        assertTrue(probed.probe() != null, "the probe was taken");
        // (its steal share needs real time to pass between two /proc/stat readings: see ReportTest)
    }

    @Test
    void theBuildersTimingOptionsReachTheMeasurer() throws Exception {
        FakeAmdahl w = new FakeAmdahl(0.5);
        // variant a at p = 2 takes 0.75 s: a 3 s minimum trial batches it 4 times; 2 s of warm-up is 3 runs
        ScalingResult r = ScalingExperiment.of(w).variants(List.of("a")).workers(List.of(2)).warmup(0).trials(2)
                .warmupTime(java.time.Duration.ofSeconds(2)).minTrialTime(java.time.Duration.ofSeconds(3))
                .bootstrap(new Bootstrap(new java.util.SplittableRandom(1), 10, 0.9)).forkTimeout(java.time.Duration.ofMinutes(1))
                .forkJvmOptions(List.of("-Xmx64m")).clock(() -> w.now[0]).build().run();
        assertEquals(java.time.Duration.ofSeconds(2), r.minWarmup());
        assertEquals(java.time.Duration.ofSeconds(3), r.minTrial());
        ForkTrials t = r.first().at(2).forks().get(0);
        assertEquals(4, t.operations());
        assertEquals(3, t.warmupRuns());
        assertEquals(0.75, t.seconds().get(0), 1e-9, "per operation");
        assertTrue(r.intervalMethod().startsWith("90 % hierarchical percentile bootstrap, 10 replicates"), r.intervalMethod());
        assertEquals(0.9, r.confidence(), "the given bootstrap's level, not the builder's default");
    }

    @Test
    void theConfidenceLevelSetsTheIntervalsAndTheReplicates() throws Exception {
        FakeAmdahl w = new FakeAmdahl(0.5);
        ScalingResult byDefault = ScalingExperiment.of(w).variants(List.of("a")).workers(List.of(1, 2)).warmup(0).trials(3)
                .clock(() -> w.now[0]).build().run();
        assertEquals(Bootstrap.STUDY_LEVEL, byDefault.confidence());
        assertTrue(byDefault.intervalMethod().startsWith("99.9 % hierarchical percentile bootstrap, 20000 replicates"),
                byDefault.intervalMethod());
        ScalingResult ninety = ScalingExperiment.of(w).variants(List.of("a")).workers(List.of(1, 2)).warmup(0).trials(3)
                .confidence(0.9).clock(() -> w.now[0]).build().run();
        assertEquals(0.9, ninety.confidence());
        assertTrue(ninety.intervalMethod().startsWith("90 % hierarchical percentile bootstrap, 2000 replicates"), ninety.intervalMethod());
        assertThrows(IllegalArgumentException.class, () -> ScalingExperiment.of(w).confidence(1.0));
        assertThrows(IllegalArgumentException.class, () -> ScalingExperiment.of(w).confidence(0));
    }
}
