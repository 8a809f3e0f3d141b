package org.parallelcookbook.core.measure;

import java.util.Arrays;

/**
 * Statistics of repeated trials, in seconds.
 *
 * @param trials number of measured trials
 * @param median the median: the figure the cookbook reports
 * @param min    fastest trial
 * @param max    slowest trial
 * @param mean   arithmetic mean
 * @param stdDev sample standard deviation (0 for a single trial)
 */
public record Summary(int trials, double median, double min, double max, double mean, double stdDev) {

    public static Summary of(double... seconds) {
        if (seconds.length == 0) {
            throw new IllegalArgumentException("no trials");
        }
        double[] s = seconds.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        double mean = Arrays.stream(s).average().orElseThrow();
        double var = 0;
        for (double x : s) {
            var += (x - mean) * (x - mean);
        }
        double stdDev = n > 1 ? Math.sqrt(var / (n - 1)) : 0;
        return new Summary(n, median, s[0], s[n - 1], mean, stdDev);
    }

    /**
     * The q-quantile (0..1) of values by linear interpolation between order statistics (R's type 7;
     * the median for q = 0.5): the percentiles that latency benchmarks report.
     */
    public static double percentile(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must lie in [0, 1], got " + q);
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return Bootstrap.quantile(s, q);
    }

    /** (max - min) / median: how much the trials disagreed. */
    public double spread() {
        return median == 0 ? 0 : (max - min) / median;
    }
}
