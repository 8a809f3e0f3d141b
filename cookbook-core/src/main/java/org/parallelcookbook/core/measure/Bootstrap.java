package org.parallelcookbook.core.measure;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * Confidence intervals for the figures of a study by a <em>hierarchical percentile bootstrap</em>.
 *
 * <p>The trials of a study are not one homogeneous sample: they come from several JVMs (forks),
 * and two JVMs of the same program differ (JIT decisions, memory layout, the machine's state at the
 * time) by more than two trials inside one JVM do. A bootstrap that pooled every trial would
 * ignore that and give intervals that are too narrow. So each replicate resamples at two levels,
 * the way the data was produced: first it draws as many forks as were run, with replacement; then,
 * inside each drawn fork, as many trials as that fork had, with replacement. The median of the
 * pooled resampled trials is one replicate of the median; at a level of 95 %, the 2.5th and 97.5th
 * percentiles of the replicates bound the interval. Custom benchmarks use 95 %
 * ({@link #seeded(long)}); scaling studies default to {@link #STUDY_LEVEL} (99.9 %, as JMH), with
 * {@link #replicatesFor(double) more replicates} so that the tails are drawn from enough of them.
 *
 * <p>The points of a study (worker counts, variants) share the fork draw of a replicate, because a
 * fork measured all of them: a slow JVM is slow at p = 1 and at p = 2, and the ratio T1 / Tp of one
 * replicate cancels that. Speedup, efficiency and the fitted serial fraction are therefore computed
 * per replicate, from that replicate's medians, and their intervals are the percentiles of those
 * derived values: the interval of a ratio, not a ratio of intervals.
 *
 * <p>The random source is injected, so a test can script the draws and check the interval by hand;
 * {@link #seeded(long)} gives the reproducible default.
 */
public final class Bootstrap {

    /** Replicates of the default bootstrap. */
    public static final int DEFAULT_REPLICATES = 2000;
    /** Confidence level of the default bootstrap. */
    public static final double DEFAULT_LEVEL = 0.95;
    /**
     * Confidence level of a scaling study's intervals unless told otherwise: 99.9 %, JMH's level.
     * Why not 95 %: five reruns of a study agree (each median inside every other run's interval) only
     * when the intervals' half-width exceeds the spread of five medians, about 2.3 standard errors
     * on average and 3.9 in 95 % of cases; a correct 95 % interval is 1.96 standard errors wide each
     * side, so calibrated 95 % intervals of five reruns disagree most of the time (docs/chapter-1.md).
     */
    public static final double STUDY_LEVEL = 0.999;

    private final RandomGenerator random;
    private final int replicates;
    private final double level;

    public Bootstrap(RandomGenerator random, int replicates, double level) {
        if (replicates < 1) {
            throw new IllegalArgumentException("replicates must be >= 1");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must lie in (0, 1), got " + level);
        }
        this.random = Objects.requireNonNull(random);
        this.replicates = replicates;
        this.level = level;
    }

    /** 2000 replicates, 95 %, a {@link SplittableRandom} with this seed. */
    public static Bootstrap seeded(long seed) {
        return new Bootstrap(new SplittableRandom(seed), DEFAULT_REPLICATES, DEFAULT_LEVEL);
    }

    /** {@link #replicatesFor(double)} replicates at this level, a {@link SplittableRandom} with this seed. */
    public static Bootstrap seeded(long seed, double level) {
        return new Bootstrap(new SplittableRandom(seed), replicatesFor(level), level);
    }

    /**
     * Replicates enough for the tails of an interval at this level: at least {@link #DEFAULT_REPLICATES},
     * and at least 10 replicates beyond each bound (20 / (1 - level): 20,000 at 99.9 %).
     */
    public static int replicatesFor(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must lie in (0, 1), got " + level);
        }
        return (int) Math.max(DEFAULT_REPLICATES, Math.ceil(20 / (1 - level) - 1e-6));
    }

    /** A level as a percentage for reports: 0.95 as "95 %", 0.999 as "99.9 %". */
    public static String percent(double level) {
        return new java.math.BigDecimal(Double.toString(level * 100)).round(new java.math.MathContext(6))
                .stripTrailingZeros().toPlainString() + " %";
    }

    /** One sentence naming the method, for reports and JSON. */
    public String method() {
        return String.format(java.util.Locale.ROOT,
                "%s hierarchical percentile bootstrap, %d replicates (forks resampled, then trials within each fork)",
                percent(level), replicates);
    }

    /** {@link #method()} for a study measured in rounds ({@link #roundMedians}). */
    public String roundsMethod() {
        return String.format(java.util.Locale.ROOT,
                "%s hierarchical percentile bootstrap, %d replicates (forks resampled, then rounds within each fork: a round's trials of all points drawn together); speedup: the median of the per-round ratios T1/Tp",
                percent(level), replicates);
    }

    public int replicates() {
        return replicates;
    }

    public double level() {
        return level;
    }

    /**
     * Replicated medians of several points measured by the same forks, whose trials were taken
     * independently: inside a drawn fork every point's trials are drawn on their own.
     *
     * @param points for each point, its trials per fork: {@code points.get(i)[fork][trial]}; every
     *               point has the same number of forks
     * @return {@code [replicate][point]}: the median of the point's resampled trials
     */
    public double[][] medians(List<double[][]> points) {
        return replicate(points, false);
    }

    /**
     * Replicated medians of points measured in <em>rounds</em> ({@link Measurer#sampleRounds}): trial
     * {@code r} of every point of a fork was taken in the same round. The rounds are resampled, not
     * each point's trials on its own: inside a drawn fork one draw of trial indices serves every
     * point, so a slow round is drawn (or left out) for all points at once, as it happened, and a
     * ratio of two points' medians keeps the pairing that the interleaving bought.
     *
     * @param points as for {@link #medians}, and inside each fork every point has the same number of trials
     */
    public double[][] roundMedians(List<double[][]> points) {
        return replicate(points, true);
    }

    /**
     * Replicates of a study measured in rounds, for speedups from <em>paired</em> trials: the
     * draws of {@link #roundMedians} (forks, then whole rounds inside each drawn fork), and from
     * each draw both every point's median time and, for every point i, the median of the per-round
     * ratios {@code point[base] / point[i]} over the drawn rounds: the speedup of round r compares
     * trial r at one worker with trial r at p, taken seconds apart, so a fork or a spell of seconds
     * in which the machine ran slower cancels in each ratio.
     *
     * @param points as for {@link #roundMedians}
     * @param base   the point the ratios are taken against (p = 1)
     */
    public RoundReplicates roundRatios(List<double[][]> points, int base) {
        double[][] medians = replicate(points, true, base);
        return new RoundReplicates(java.util.Arrays.stream(medians).map(r -> java.util.Arrays.copyOf(r, points.size())).toArray(double[][]::new),
                java.util.Arrays.stream(medians).map(r -> java.util.Arrays.copyOfRange(r, points.size(), 2 * points.size()))
                        .toArray(double[][]::new));
    }

    /**
     * What {@link #roundRatios} replicated: {@code medians[replicate][point]} and
     * {@code ratios[replicate][point]} (the median paired ratio base / point).
     */
    public record RoundReplicates(double[][] medians, double[][] ratios) {
    }

    /** The median of the per-round ratios {@code base[f][r] / other[f][r]} over every round of every fork. */
    public static double pairedRatio(double[][] base, double[][] other) {
        int size = 0;
        for (double[] f : base) {
            size += f.length;
        }
        double[] ratios = new double[size];
        int at = 0;
        for (int f = 0; f < base.length; f++) {
            if (base[f].length != other[f].length) {
                throw new IllegalArgumentException("paired ratios need the same rounds at both points");
            }
            for (int r = 0; r < base[f].length; r++) {
                ratios[at++] = base[f][r] / other[f][r];
            }
        }
        return median(ratios);
    }

    private double[][] replicate(List<double[][]> points, boolean rounds) {
        return replicate(points, rounds, -1);
    }

    private double[][] replicate(List<double[][]> points, boolean rounds, int base) {
        if (points.isEmpty()) {
            return new double[replicates][0];
        }
        int forks = points.get(0).length;
        for (double[][] p : points) {
            if (p.length != forks || forks == 0) {
                throw new IllegalArgumentException("every point needs the same, non-zero number of forks");
            }
            for (int f = 0; f < forks; f++) {
                if (p[f].length == 0) {
                    throw new IllegalArgumentException("a fork without trials");
                }
                if (rounds && p[f].length != points.get(0)[f].length) {
                    throw new IllegalArgumentException("rounds need the same number of trials for every point of a fork");
                }
            }
        }
        int n = points.size();
        double[][] out = new double[replicates][base < 0 ? n : 2 * n];
        int[] drawn = new int[forks];
        int[][] trialDraws = new int[forks][];
        for (int r = 0; r < replicates; r++) {
            for (int k = 0; k < forks; k++) {
                drawn[k] = random.nextInt(forks);
            }
            if (rounds) {
                for (int k = 0; k < forks; k++) {
                    int size = points.get(0)[drawn[k]].length;
                    trialDraws[k] = new int[size];
                    for (int t = 0; t < size; t++) {
                        trialDraws[k][t] = random.nextInt(size);
                    }
                }
            }
            for (int i = 0; i < points.size(); i++) {
                double[][] p = points.get(i);
                int size = 0;
                for (int f : drawn) {
                    size += p[f].length;
                }
                double[] pooled = new double[size];
                int at = 0;
                for (int k = 0; k < forks; k++) {
                    double[] trials = p[drawn[k]];
                    for (int t = 0; t < trials.length; t++) {
                        pooled[at++] = trials[rounds ? trialDraws[k][t] : random.nextInt(trials.length)];
                    }
                }
                out[r][i] = median(pooled);
                if (base >= 0) {
                    double[][] b = points.get(base);
                    double[] ratios = new double[size];
                    int k2 = 0;
                    for (int k = 0; k < forks; k++) {
                        double[] num = b[drawn[k]];
                        double[] den = p[drawn[k]];
                        for (int t = 0; t < den.length; t++) {
                            ratios[k2++] = num[trialDraws[k][t]] / den[trialDraws[k][t]];
                        }
                    }
                    out[r][n + i] = median(ratios);
                }
            }
        }
        return out;
    }

    /** The interval of the median of one point ({@code forks[fork][trial]}). */
    public Interval median(double[][] forks) {
        double[][] reps = medians(List.<double[][]>of(forks));
        return percentile(column(reps, r -> r[0]));
    }

    /** The interval of the median of trials from one JVM (no forks): a plain percentile bootstrap. */
    public Interval medianOf(double[] trials) {
        return median(new double[][] {trials});
    }

    /** The interval of any figure derived from one replicate's medians. */
    public Interval derived(double[][] replicateMedians, ToDoubleFunction<double[]> figure) {
        return percentile(column(replicateMedians, figure));
    }

    /**
     * The percentile interval of replicated values at this bootstrap's level (linear interpolation
     * between order statistics, as R's default quantile type 7).
     */
    public Interval percentile(double[] values) {
        double tail = (1 - level) / 2;
        double[] s = values.clone();
        Arrays.sort(s);
        return new Interval(quantile(s, tail), quantile(s, 1 - tail));
    }

    /** The q-quantile of sorted values, type 7. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The median of values (mean of the middle two for an even count); sorts a copy. */
    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double[] column(double[][] reps, ToDoubleFunction<double[]> f) {
        double[] out = new double[reps.length];
        for (int r = 0; r < reps.length; r++) {
            out[r] = f.applyAsDouble(reps[r]);
        }
        return out;
    }
}
