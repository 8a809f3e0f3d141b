package org.parallelcookbook.core.measure;

/**
 * How steady the machine was during a study: a fixed, single-threaded piece of work timed before
 * the first point and after the last one. When its time moved by more than {@link #THRESHOLD}, the
 * machine changed speed (another program, frequency scaling, a noisy neighbour of a VM) while the
 * study ran, and the report says so.
 *
 * @param beforeSeconds median probe time before the study
 * @param afterSeconds  median probe time after the study
 */
public record Probe(double beforeSeconds, double afterSeconds) {

    /** A relative change above which the probe counts as moved: 5 %. */
    public static final double THRESHOLD = 0.05;

    private static final int RUNS = 5;
    private static final long ITERATIONS = 8_000_000L;

    /** (after - before) / before. */
    public double change() {
        return (afterSeconds - beforeSeconds) / beforeSeconds;
    }

    public boolean moved() {
        return Math.abs(change()) > THRESHOLD;
    }

    /**
     * Times the probe: two warm-up runs, then the median of five. The work is a fixed integer
     * recurrence that the JIT cannot fold away (about 20 ms on a 2.6 GHz core).
     */
    public static double time(Clock clock) {
        double[] runs = new double[RUNS];
        for (int i = -2; i < RUNS; i++) {
            long start = clock.nanoTime();
            Sink.consume(work(ITERATIONS));
            long took = clock.nanoTime() - start;
            if (i >= 0) {
                runs[i] = took / 1e9;
            }
        }
        return Summary.of(runs).median();
    }

    static long work(long iterations) {
        long x = 0x9E3779B97F4A7C15L;
        for (long i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }
}
