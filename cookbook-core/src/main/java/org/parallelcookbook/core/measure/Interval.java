package org.parallelcookbook.core.measure;

import java.util.Locale;

/**
 * A confidence interval {@code [lo, hi]} around a figure of a study (a median time, a speedup, an
 * efficiency, a serial fraction). How it was obtained is named by the study
 * ({@link ScalingResult#intervalMethod()}); {@link Bootstrap} computes them.
 *
 * @param lo lower bound
 * @param hi upper bound
 */
public record Interval(double lo, double hi) {

    public Interval {
        if (lo > hi) {
            throw new IllegalArgumentException("interval [" + lo + ", " + hi + "] has lo > hi");
        }
    }

    /** A degenerate interval: a figure known exactly (one trial, or a constant). */
    public static Interval point(double value) {
        return new Interval(value, value);
    }

    /** Half of the width. */
    public double halfWidth() {
        return (hi - lo) / 2;
    }

    /**
     * The larger distance from {@code estimate} to either bound, relative to the estimate: 0.05
     * means the interval lies within +-5 % of the estimate.
     */
    public double relativeHalfWidth(double estimate) {
        if (estimate == 0) {
            return hi == lo ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.max(Math.abs(hi - estimate), Math.abs(estimate - lo)) / Math.abs(estimate);
    }

    public boolean contains(double value) {
        return value >= lo && value <= hi;
    }

    /** {@code [1.83, 1.93]} with the given format for each bound, e.g. {@code "%.2f"}. */
    public String format(String each) {
        return "[" + String.format(Locale.ROOT, each, lo) + ", " + String.format(Locale.ROOT, each, hi) + "]";
    }
}
