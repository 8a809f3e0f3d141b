package org.parallelcookbook.core.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The small contracts of the measuring core that the larger tests lean on without pinning: the
 * measurer's settings and its timing of one run, the interval's membership and width, the
 * validation of every formula's input, the machine description, and the defaults a workload
 * inherits. Found by mutation testing (docs/testing.md): each assertion here kills a mutant that
 * the other tests let live.
 */
class MeasureContractsTest {

    /** A fake clock that does not start at zero, so that "now - start" and "now + start" differ. */
    static final long EPOCH = 7_000_000_000L;

    @Test
    void theMeasurerKeepsItsSettingsAndTimesOneRunOnItsClock() throws Exception {
        var m = new Measurer(() -> EPOCH, 3, 4, Duration.ofMillis(250), Duration.ofMillis(10));
        assertEquals(3, m.warmup());
        assertEquals(4, m.trials());
        assertEquals(Duration.ofMillis(250), m.minWarmup());
        assertEquals(Duration.ofMillis(10), m.minTrial());
        long[] now = {EPOCH};
        Measurer.Timed<String> t = Measurer.once(() -> now[0], () -> {
            now[0] += 5_000_000;
            return "done";
        });
        assertEquals("done", t.value());
        assertEquals(0.005, t.seconds(), 1e-15);
    }

    @Test
    void warmUpAndCalibrationMeasureDifferencesOfAClockThatDoesNotStartAtZero() throws Exception {
        MeasurerTest.FakeWork w = new MeasurerTest.FakeWork(300_000);
        w.now[0] = EPOCH;
        Measurer.Sample s = new Measurer(() -> w.now[0], 2, 3, Duration.ZERO, Duration.ofMillis(10)).sample(w::run);
        assertEquals(34, s.operations(), "calibrated on the fastest warm-up run, 0.3 ms");
        assertEquals(0.0003, s.seconds()[2], 1e-15);

        MeasurerTest.FakeWork first = new MeasurerTest.FakeWork(50_000_000);
        first.now[0] = EPOCH;
        Measurer.Sample kept = new Measurer(() -> first.now[0], 0, 2, Duration.ZERO, Duration.ofMillis(10)).sample(first::run);
        assertEquals(0.05, kept.seconds()[0], 1e-15, "the calibrating first trial is kept with its own time");

        MeasurerTest.FakeWork timed = new MeasurerTest.FakeWork(100_000_000);
        timed.now[0] = EPOCH;
        assertEquals(5, new Measurer(() -> timed.now[0], 1, 1, Duration.ofMillis(500), Duration.ZERO).sample(timed::run).warmupRuns(),
                "0.1 s runs reach exactly 0.5 s after five and stop there");

        MeasurerTest.FakeWork rounds = new MeasurerTest.FakeWork(2_000_000);
        rounds.now[0] = EPOCH;
        List<Measurer.Sample> r = new Measurer(() -> rounds.now[0], 1, 2, Duration.ofMillis(5), Duration.ofMillis(10))
                .sampleRounds(List.of(rounds::run), List.of("r"), Measurer.RoundProgress.NONE);
        assertEquals(3, r.get(0).warmupRuns(), "2 ms runs: 6 ms >= 5 ms after three");
        assertEquals(5, r.get(0).operations());
        assertEquals(0.002, r.get(0).seconds()[1], 1e-15);
        assertThrows(IllegalArgumentException.class,
                () -> new Measurer(1, 1).sampleRounds(List.of(rounds::run), List.of(), Measurer.RoundProgress.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> new Measurer(1, 1).sampleBlocks(List.of(rounds::run), List.of("a", "b"), Measurer.RoundProgress.NONE));
    }

    @Test
    void intervalMembershipAndWidth() {
        Interval i = new Interval(1.0, 2.0);
        assertTrue(i.contains(1.0) && i.contains(2.0) && i.contains(1.5), "bounds included");
        assertFalse(i.contains(0.999) || i.contains(2.001));
        assertEquals(0.5, new Interval(1.0, 1.5).relativeHalfWidth(1.0), 1e-12, "the larger side, over the estimate");

        assertEquals(0, Interval.point(0).relativeHalfWidth(0));
        assertEquals(Double.POSITIVE_INFINITY, new Interval(-1, 1).relativeHalfWidth(0));
    }

    @Test
    void everyFormulaRejectsWhatItCannotMean() {
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.speedup(0, 1));
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.speedup(1, 0));
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.speedup(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.efficiency(1, 0));
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.karpFlatt(1, 0));
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.karpFlatt(0, 2));
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.amdahl(0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.amdahl(1.5, 2));
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.amdahlLimit(-0.1));
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.amdahlLimit(1.1));
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.gustafson(0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.gustafson(2, 2));
        assertThrows(IllegalArgumentException.class, () -> PerformanceMetrics.classify(1, 0, 0.1));
        // the edges of "linear": exactly p (1 +- tolerance) is still linear
        assertEquals(PerformanceMetrics.Scaling.LINEAR, PerformanceMetrics.classify(2.5, 2, 0.25));
        assertEquals(PerformanceMetrics.Scaling.LINEAR, PerformanceMetrics.classify(1.5, 2, 0.25));
        assertEquals(PerformanceMetrics.Scaling.SUPERLINEAR, PerformanceMetrics.classify(2.5001, 2, 0.25));
        assertEquals(PerformanceMetrics.Scaling.SUBLINEAR, PerformanceMetrics.classify(1.4999, 2, 0.25));
    }

    @Test
    void percentilesAtTheEndsAndTheBootstrapsBounds() {
        double[] v = {4, 1, 3, 2};
        assertEquals(1, Summary.percentile(v, 0), 1e-12);
        assertEquals(4, Summary.percentile(v, 1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Summary.percentile(v, 1.0001));
        assertThrows(IllegalArgumentException.class, () -> Summary.percentile(v, -0.0001));
        var one = assertDoesNotThrow(() -> new Bootstrap(BootstrapTest.scripted(0, 0), 1, 0.95), "one replicate is allowed");
        assertEquals(1, one.replicates());
        assertEquals(0.95, one.level());
        assertThrows(IllegalArgumentException.class, () -> new Bootstrap(BootstrapTest.scripted(), 1, 0.0));
        assertTrue(Bootstrap.seeded(1).roundsMethod().startsWith("95 % hierarchical percentile bootstrap, 2000 replicates"),
                Bootstrap.seeded(1).roundsMethod());
        assertEquals(2000, Bootstrap.seeded(1).roundMedians(List.<double[][]>of(new double[][] {{1}})).length);
    }

    @Test
    void theMachineIsDescribedFromTheJvmAndProcCpuinfo() throws Exception {
        Machine m = Machine.current();
        assertEquals(Runtime.getRuntime().availableProcessors(), m.cores());
        assertEquals(Runtime.version().toString(), m.jdk());
        assertEquals(System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"), m.os());
        Path info = Path.of("/proc/cpuinfo");
        String expected = System.getProperty("os.arch");
        if (Files.isReadable(info)) {
            expected = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(expected);
        }
        assertEquals(expected, m.cpu());
        assertFalse(m.cpu().isEmpty() || m.cpu().startsWith(":"), m.cpu());
    }

    @Test
    @Timeout(10)
    void whatAWorkloadInheritsAndTheSystemClockAndSleepers() throws Exception {
        ScalableWorkload w = new ScalableWorkload() {
            @Override
            public String name() {
                return "w";
            }

            @Override
            public Object run(String variant, int workers) {
                return null;
            }
        };
        assertEquals(List.of("default"), w.variants());
        assertEquals(List.of(1, 2, 4), w.defaultWorkers());
        assertEquals("threads in one JVM", w.model());
        assertEquals(Runtime.getRuntime().availableProcessors(), w.cores());
        assertTrue(w.inProcess() && w.interleave());
        Clock c = Clock.system();
        long a = c.nanoTime();
        Sleeper.real().sleep(Duration.ofMillis(2));
        assertTrue(c.nanoTime() - a >= 2_000_000, "the real sleeper sleeps on the system clock");
        Sleeper.none().sleep(Duration.ofDays(1));
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> Sleeper.none().sleep(Duration.ZERO), "none() still honours interruption");
        assertFalse(Thread.interrupted(), "and clears the flag it reported");
        var report = new CustomBenchmark.Report("t", List.of("a"), List.of(List.of(1)), Map.of("f", 2), "a");
        assertEquals("a", report.chartColumn());
        assertThrows(IllegalArgumentException.class, () -> new CustomBenchmark.Report("t", List.of("a"), List.of(), Map.of(), "b"));
    }

    @Test
    void theProbeTimesFiveRunsAfterTwoWarmUpsAndTakesTheirMedian() {
        // two slow warm-up runs (100 ms), then runs of 5, 1, 2, 3, 4 ms: median 3 ms
        long ms = 1_000_000;
        long[] ticks = {0, 100 * ms, 100 * ms, 200 * ms, 200 * ms, 205 * ms, 205 * ms, 206 * ms, 206 * ms, 208 * ms,
            208 * ms, 211 * ms, 211 * ms, 215 * ms};
        int[] at = {0};
        assertEquals(0.003, Probe.time(() -> EPOCH + ticks[at[0]++]), 1e-12);
        assertEquals(ticks.length, at[0], "two clock readings per run, seven runs");
        // the probe's work is a fixed xorshift recurrence: three steps from the golden-ratio seed
        assertEquals(8865281517519135030L, Probe.work(3));
        assertEquals(0x9E3779B97F4A7C15L, Probe.work(0));
    }

    @Test
    void theProbesThresholdsAreStrict() {
        assertFalse(new Probe(20, 21).moved(), "exactly 5 % is not a move");
        assertTrue(new Probe(20, 21.01).moved());
        assertFalse(new Probe(1, 1, 0.01).stolen(), "exactly 1 % is not named");
        assertTrue(new Probe(1, 1, 0.0101).stolen());
        assertFalse(new Probe(1, 1).stolen(), "no reading is not steal");
        assertArrayEquals(new long[] {36, 8}, Probe.parseCpuLine("cpu 1 2 3 4 5 6 7 8"), "eight counters are enough");
    }

    @Test
    void onlyThisJvmsHeapJitAndAccessOptionsArePassedToForksNeverAgentsOrDebuggers() {
        List<String> in = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> passed = ScalingExperiment.forkJvmOptions();
        for (String a : in) {
            boolean agent = a.startsWith("-agent") || a.startsWith("-javaagent") || a.contains("jdwp") || a.startsWith("-Xdebug")
                    || a.startsWith("-Xrun");
            boolean kind = a.startsWith("-X") || a.startsWith("--enable-native-access") || a.startsWith("--sun-misc-unsafe-memory-access")
                    || a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.startsWith("-Djava.awt.headless");
            assertEquals(kind && !agent, passed.contains(a), a + " in " + passed);
        }
        assertTrue(in.containsAll(passed), "nothing invented: " + passed);
    }

    @Test
    void onlyAPublicTopLevelOrStaticNestedClassWithAPublicConstructorCanBeForked() {
        assertDoesNotThrow(() -> ScalingExperiment.of(new TopLevelWorkload()).forks(1).build());
        assertDoesNotThrow(() -> ScalingExperiment.of(new ForkTest.Tiny()).forks(1).build());
        assertThrows(IllegalArgumentException.class, () -> ScalingExperiment.of(new Inner()).forks(1).build());
        assertDoesNotThrow(() -> ScalingExperiment.of(new Inner()).forks(0).build(), "in this JVM anything goes");
    }

    /** Not static: a fork could not build it. */
    public class Inner extends TopLevelWorkload {
    }
}
