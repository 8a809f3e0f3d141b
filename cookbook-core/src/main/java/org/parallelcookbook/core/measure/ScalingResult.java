package org.parallelcookbook.core.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of a scaling study: one series of points per workload variant, how they were
 * measured (forks, warm-up, trials, batching, the interval method), the machine and the date.
 *
 * @param id             the study's id (the recipe id for {@code cookbook bench})
 * @param workload       the workload's name
 * @param model          what the workers are ({@link ScalableWorkload#model()})
 * @param cores          the cores those workers had ({@link ScalableWorkload#cores()}): what
 *                       Amdahl's fit is limited to
 * @param machine        the machine the study ran on
 * @param warmup         fixed warm-up runs per point and fork
 * @param minWarmup      minimum warm-up time per point and fork
 * @param trials         measured trials per point and fork
 * @param minTrial       minimum trial time; shorter runs are batched
 * @param measureTime    minimum time of the rounds per fork (rounds go on past {@code trials} until
 *                       it is reached); zero: exactly {@code trials} rounds
 * @param rounds         whether the points were measured interleaved, in rounds of one trial per
 *                       point ({@link Measurer#sampleRounds}), or point by point
 * @param forks          fresh JVMs that measured every point (0: the measuring JVM itself)
 * @param seed           seed of the point order of each fork and of the bootstrap
 * @param intervalMethod how the intervals were computed, in one sentence
 * @param confidence     the intervals' confidence level, e.g. 0.999
 * @param probe          the single-thread probe before and after, or null when not taken
 * @param date           when the study finished
 * @param series         one series per variant
 */
public record ScalingResult(String id, String workload, String model, int cores, Machine machine, int warmup,
                            Duration minWarmup, int trials, Duration minTrial, Duration measureTime, boolean rounds, int forks, long seed,
                            String intervalMethod, double confidence, Probe probe, Instant date, List<Series> series) {

    public ScalingResult {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence level must lie in (0, 1), got " + confidence);
        }
        series = List.copyOf(series);
    }

    /** The JDK the study ran on. */
    public String jdk() {
        return machine.jdk();
    }

    /**
     * The points of one variant.
     *
     * @param variant          the variant's name
     * @param serialFraction   Amdahl serial fraction fitted (least squares on Karp-Flatt) to the
     *                         points with p &lt;= cores (all points when none has 1 &lt; p &lt;= cores)
     * @param serialFractionCi interval of the fitted serial fraction, from the same resamples
     * @param points           one point per worker count, ascending
     */
    public record Series(String variant, double serialFraction, Interval serialFractionCi, List<ScalingPoint> points) {
        public Series {
            points = List.copyOf(points);
        }

        public ScalingPoint at(int workers) {
            return points.stream().filter(p -> p.workers() == workers).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no point at " + workers + " workers"));
        }
    }

    public Series series(String variant) {
        return series.stream().filter(s -> s.variant().equals(variant)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variant " + variant));
    }

    /** The only (or first) series. */
    public Series first() {
        return series.get(0);
    }
}
