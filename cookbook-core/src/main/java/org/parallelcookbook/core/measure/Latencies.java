package org.parallelcookbook.core.measure;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Many single-call latencies summarised the way the cookbook's latency benchmarks report them
 * (ping-pong, RMI, executor round trips): the median with its 95 % interval, the 90th and 99th
 * percentiles and the fastest call, all in microseconds.
 *
 * <p>The calls come from one JVM, so the interval is a plain percentile bootstrap of the median
 * ({@link Bootstrap#medianOf(double[])}, seeded: the same latencies give the same interval).
 *
 * @param count        calls measured
 * @param medianMicros median latency
 * @param medianCi     95 % interval of the median, microseconds
 * @param p90Micros    90th percentile
 * @param p99Micros    99th percentile
 * @param minMicros    fastest call
 */
public record Latencies(int count, double medianMicros, Interval medianCi, double p90Micros, double p99Micros,
                        double minMicros) {

    /** Replicates of the median's bootstrap (fewer than a study's: a latency sample has thousands of calls). */
    static final int REPLICATES = 1000;

    /** Summarises latencies given in nanoseconds. */
    public static Latencies ofNanos(long[] nanos) {
        double[] us = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            us[i] = nanos[i] / 1e3;
        }
        return ofMicros(us);
    }

    /** Summarises latencies given in microseconds. */
    public static Latencies ofMicros(double[] micros) {
        if (micros.length == 0) {
            throw new IllegalArgumentException("no latencies");
        }
        Bootstrap b = new Bootstrap(new SplittableRandom(1), REPLICATES, Bootstrap.DEFAULT_LEVEL);
        return new Latencies(micros.length, Summary.percentile(micros, 0.5), b.medianOf(micros),
                Summary.percentile(micros, 0.9), Summary.percentile(micros, 0.99), Summary.percentile(micros, 0));
    }

    /** {@code 12.3 [12.1, 12.6]}: the median and its interval, one decimal. */
    public String median() {
        return String.format(Locale.ROOT, "%.1f %s", medianMicros, medianCi.format("%.1f"));
    }
}
