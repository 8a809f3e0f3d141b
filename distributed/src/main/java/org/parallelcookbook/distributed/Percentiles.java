package org.parallelcookbook.distributed;

import java.util.Arrays;

/** Percentiles of many single-call latencies (nanoseconds in, microseconds out, one decimal). */
record Percentiles(double medianMicros, double p90Micros, double p99Micros, double minMicros) {

    static Percentiles of(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return new Percentiles(us(at(s, 0.5)), us(at(s, 0.9)), us(at(s, 0.99)), us(s[0]));
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    private static double us(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }
}
