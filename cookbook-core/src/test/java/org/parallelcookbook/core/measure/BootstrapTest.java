package org.parallelcookbook.core.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The hierarchical bootstrap against intervals computed by hand from scripted draws. */
class BootstrapTest {

    /** A random source that returns the given draws, in order, and fails when they run out or exceed the bound. */
    static RandomGenerator scripted(int... draws) {
        return new RandomGenerator() {
            int next;

            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("the bootstrap draws only nextInt(bound)");
            }

            @Override
            public int nextInt(int bound) {
                int v = draws[next++];
                assertTrue(v >= 0 && v < bound, "draw " + v + " outside [0, " + bound + ")");
                return v;
            }
        };
    }

    @Test
    void intervalOfAMedianByHand() {
        // one fork, trials {1, 2, 3}; replicate 1 draws fork 0, then trials 0,0,1 -> {1,1,2}, median 1;
        // replicate 2 draws fork 0, then trials 2,2,1 -> {3,3,2}, median 3.
        // 95 %: quantiles 0.025 and 0.975 of {1, 3} (type 7): 1 + 0.025 * 2 = 1.05 and 1 + 0.975 * 2 = 2.95
        var b = new Bootstrap(scripted(0, 0, 0, 1, 0, 2, 2, 1), 2, 0.95);
        Interval ci = b.medianOf(new double[] {1, 2, 3});
        assertEquals(1.05, ci.lo(), 1e-12);
        assertEquals(2.95, ci.hi(), 1e-12);
    }

    @Test
    void intervalOfARatioComesFromTheSameResamplesNotFromTheTwoIntervals() {
        // T1 trials {4, 8}, T2 trials {2, 4}, one fork.
        // replicate 1: fork 0; T1 draws 0,0 -> median 4; T2 draws 1,1 -> median 4; ratio 1
        // replicate 2: fork 0; T1 draws 1,1 -> median 8; T2 draws 0,0 -> median 2; ratio 4
        // 50 % interval: quantiles 0.25 and 0.75 of {1, 4}: 1.75 and 3.25
        var b = new Bootstrap(scripted(0, 0, 0, 1, 1, 0, 1, 1, 0, 0), 2, 0.5);
        double[][] reps = b.medians(List.of(new double[][] {{4, 8}}, new double[][] {{2, 4}}));
        Interval t1 = b.derived(reps, r -> r[0]);
        Interval t2 = b.derived(reps, r -> r[1]);
        Interval ratio = b.derived(reps, r -> r[0] / r[1]);
        assertEquals(1.75, ratio.lo(), 1e-12);
        assertEquals(3.25, ratio.hi(), 1e-12);
        // the ratio of the two intervals would be [5 / 3.5, 7 / 2.5] = [1.43, 2.8]: a different thing
        assertEquals(5, t1.lo(), 1e-12);
        assertEquals(7, t1.hi(), 1e-12);
        assertEquals(2.5, t2.lo(), 1e-12);
        assertEquals(3.5, t2.hi(), 1e-12);
    }

    @Test
    void roundsAreResampledTogetherSoADriftCancelsInTheRatio() {
        // two rounds; the machine was twice as slow in round 2: T1 {4, 8}, T2 {2, 4}, ratio 2 in both.
        // replicate 1: fork 0; one round draw 0,0 for both points -> medians 4 and 2, ratio 2
        // replicate 2: fork 0; rounds 1,1 -> medians 8 and 4, ratio 2
        var b = new Bootstrap(scripted(0, 0, 0, 0, 1, 1), 2, 0.5);
        double[][] reps = b.roundMedians(List.of(new double[][] {{4, 8}}, new double[][] {{2, 4}}));
        Interval ratio = b.derived(reps, r -> r[0] / r[1]);
        assertEquals(Interval.point(2), ratio, "the drift is common to both points of a round");
        // T1's own interval: 50 % of {4, 8} by type 7 is [5, 7]
        assertEquals(5, b.derived(reps, r -> r[0]).lo(), 1e-12);
        assertEquals(7, b.derived(reps, r -> r[0]).hi(), 1e-12);
        // drawn independently, the same data gives ratios of 1 and 4 (see the test above)
        assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.seeded(1).roundMedians(List.of(new double[][] {{1, 2}}, new double[][] {{1}})),
                "rounds need the same trial count for every point");
        assertTrue(Bootstrap.seeded(1).roundsMethod().contains("rounds within each fork"));
    }

    @Test
    void seededRoundsAreNarrowerThanIndependentDrawsUnderACommonDrift() {
        // one fork of 20 rounds; round r is slower by a factor 1 + r/10 for both points; T2 = T1 / 2 exactly
        double[] t1 = new double[20];
        double[] t2 = new double[20];
        for (int r = 0; r < 20; r++) {
            t1[r] = 1.0 * (1 + r / 10.0);
            t2[r] = t1[r] / 2;
        }
        List<double[][]> points = List.of(new double[][] {t1}, new double[][] {t2});
        Interval paired = Bootstrap.seeded(3).derived(Bootstrap.seeded(3).roundMedians(points), r -> r[0] / r[1]);
        Interval independent = Bootstrap.seeded(3).derived(Bootstrap.seeded(3).medians(points), r -> r[0] / r[1]);
        assertEquals(2, paired.lo(), 1e-9, "a median is scale-equivariant: every replicate's ratio is exactly 2");
        assertEquals(2, paired.hi(), 1e-9);
        assertTrue(independent.hi() - independent.lo() > 3 * (paired.hi() - paired.lo()), paired + " vs " + independent);
    }

    @Test
    void forksAreResampledBeforeTheirTrials() {
        // fork A {1, 1}, fork B {5, 5}.
        // replicate 1 draws forks A, A -> {1,1,1,1}, median 1; replicate 2 draws B, B -> median 5;
        // replicate 3 draws A, B -> {1,1,5,5}, median 3. 50 %: quantiles 0.25, 0.75 of {1,3,5}: 2 and 4
        var b = new Bootstrap(scripted(0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0), 3, 0.5);
        Interval ci = b.median(new double[][] {{1, 1}, {5, 5}});
        assertEquals(2, ci.lo(), 1e-12);
        assertEquals(4, ci.hi(), 1e-12);
    }

    @Test
    void betweenJvmVarianceWidensTheInterval() {
        // two forks whose JVMs ran at different speeds; within each fork the trials agree closely.
        double[][] forks = {{1.00, 1.01, 0.99, 1.00, 1.01}, {1.20, 1.21, 1.19, 1.20, 1.21}};
        Interval hierarchical = Bootstrap.seeded(7).median(forks);
        // resampling forks draws {A, A} or {B, B} in about half of the replicates
        assertTrue(hierarchical.lo() <= 1.01 && hierarchical.hi() >= 1.19, "hierarchical " + hierarchical);
        // one pooled sample of the same ten trials hides the difference between the JVMs
        double[] pooled = {1.00, 1.01, 0.99, 1.00, 1.01, 1.20, 1.21, 1.19, 1.20, 1.21};
        Interval flat = Bootstrap.seeded(7).medianOf(pooled);
        assertTrue(flat.hi() - flat.lo() < hierarchical.hi() - hierarchical.lo(), flat + " vs " + hierarchical);
    }

    @Test
    void seededIsReproducibleAndConstantTrialsGiveAPoint() {
        double[][] forks = {{3, 1, 2, 5}, {2, 2, 4, 1}};
        assertEquals(Bootstrap.seeded(5).median(forks), Bootstrap.seeded(5).median(forks));
        assertEquals(Interval.point(2.5), Bootstrap.seeded(5).median(new double[][] {{2.5, 2.5}, {2.5}}));
        assertTrue(Bootstrap.seeded(1).method().contains("hierarchical") && Bootstrap.seeded(1).method().contains("95 %"));
    }

    @Test
    void quantilesAndBadInput() {
        double[] sorted = {1, 2, 3, 4};
        assertEquals(1, Bootstrap.quantile(sorted, 0), 1e-12);
        assertEquals(2.5, Bootstrap.quantile(sorted, 0.5), 1e-12);
        assertEquals(3.7, Bootstrap.quantile(sorted, 0.9), 1e-12);
        assertEquals(4, Bootstrap.quantile(sorted, 1), 1e-12);
        assertEquals(3.7, Summary.percentile(new double[] {4, 1, 3, 2}, 0.9), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Bootstrap(scripted(), 0, 0.95));
        assertThrows(IllegalArgumentException.class, () -> new Bootstrap(scripted(), 10, 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.seeded(1).medians(List.of(new double[][] {{1}}, new double[][] {{1}, {2}})));
        assertThrows(IllegalArgumentException.class, () -> new Interval(2, 1));
    }

    @Test
    void relativeHalfWidth() {
        Interval i = new Interval(0.9, 1.05);
        assertEquals(0.1, i.relativeHalfWidth(1.0), 1e-12);
        assertEquals(0.075, i.halfWidth(), 1e-12);
        assertEquals("[0.90, 1.05]", i.format("%.2f"));
    }

    @Test
    void aStudysLevelIsJmhs999PercentWithReplicatesForItsTails() {
        assertEquals(0.999, Bootstrap.STUDY_LEVEL);
        // 20 / (1 - level) replicates, at least 2000: 10 replicates lie beyond each bound
        assertEquals(20000, Bootstrap.replicatesFor(0.999));
        assertEquals(20000, Bootstrap.replicatesFor(99.9 / 100));
        assertEquals(4000, Bootstrap.replicatesFor(0.995));
        assertEquals(2000, Bootstrap.replicatesFor(0.95));
        assertEquals(2000, Bootstrap.replicatesFor(0.5));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.replicatesFor(1));
        Bootstrap b = Bootstrap.seeded(3, 0.999);
        assertEquals(20000, b.replicates());
        assertEquals(0.999, b.level());
        assertTrue(b.method().startsWith("99.9 % hierarchical percentile bootstrap, 20000 replicates"), b.method());
        assertEquals("95 %", Bootstrap.percent(0.95));
        assertEquals("99.9 %", Bootstrap.percent(99.9 / 100));
        assertEquals("99 %", Bootstrap.percent(0.99));
        assertEquals("80.25 %", Bootstrap.percent(0.8025));
    }

    @Test
    void aHigherLevelWidensTheIntervalByHand() {
        // the same two replicates as intervalOfAMedianByHand ({1, 3}): at 99.9 % the quantiles are
        // 0.0005 and 0.9995 (type 7): 1 + 0.0005 * 2 = 1.001 and 1 + 0.9995 * 2 = 2.999
        var b = new Bootstrap(scripted(0, 0, 0, 1, 0, 2, 2, 1), 2, 0.999);
        Interval ci = b.medianOf(new double[] {1, 2, 3});
        assertEquals(1.001, ci.lo(), 1e-12);
        assertEquals(2.999, ci.hi(), 1e-12);
        // and a seeded bootstrap's 99.9 % interval contains its 95 % one, from the same kind of draws
        double[][] forks = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, {2, 4, 6, 8, 10, 12}, {1.5, 2.5, 3.5}};
        Interval narrow = Bootstrap.seeded(11).median(forks);
        Interval wide = Bootstrap.seeded(11, 0.999).median(forks);
        assertTrue(wide.lo() <= narrow.lo() && wide.hi() >= narrow.hi() && wide.hi() - wide.lo() > narrow.hi() - narrow.lo(),
                narrow + " inside " + wide);
    }
}
