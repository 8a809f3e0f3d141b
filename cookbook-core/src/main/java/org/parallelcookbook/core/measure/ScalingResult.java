package org.parallelcookbook.core.measure;

import java.util.List;

/**
 * The outcome of a scaling study: one series of points per workload variant, plus the machine it
 * ran on.
 */
public record ScalingResult(String id, String workload, int cores, String jdk, int warmup, int trials,
                            List<Series> series) {

    public ScalingResult {
        series = List.copyOf(series);
    }

    /**
     * The points of one variant.
     *
     * @param variant        the variant's name
     * @param serialFraction Amdahl serial fraction fitted to the points (least squares on Karp-Flatt)
     * @param points         one point per worker count, ascending
     */
    public record Series(String variant, double serialFraction, List<ScalingPoint> points) {
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
