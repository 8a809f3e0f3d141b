package org.parallelcookbook.core.measure;

/**
 * How steady the machine was during a study: a fixed, single-threaded piece of work timed before
 * the first point and after the last one. When its time moved by more than {@link #THRESHOLD}, the
 * machine changed speed (another program, frequency scaling, a noisy neighbour of a VM) while the
 * study ran, and the report says so.
 *
 * <p>On a virtual machine the probe also reads the CPU time the hypervisor <em>stole</em>: time in
 * which this guest's virtual CPUs wanted to run but the host ran someone else (the {@code steal}
 * column of Linux's {@code /proc/stat}, over the whole study). A study whose p = 2 trials lose a
 * tenth of a vCPU now and then cannot show a steady efficiency, whatever the statistics do.
 *
 * @param beforeSeconds median probe time before the study
 * @param afterSeconds  median probe time after the study
 * @param stealFraction share of all CPU time of the machine that was stolen during the study, or
 *                      NaN where {@code /proc/stat} cannot be read
 */
public record Probe(double beforeSeconds, double afterSeconds, double stealFraction) {

    /** A relative change above which the probe counts as moved: 5 %. */
    public static final double THRESHOLD = 0.05;
    /** A steal share above which the report names it: 1 %. */
    public static final double STEAL_THRESHOLD = 0.01;

    /** A probe without a steal reading. */
    public Probe(double beforeSeconds, double afterSeconds) {
        this(beforeSeconds, afterSeconds, Double.NaN);
    }

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

    /** Whether the steal share was read and is above {@link #STEAL_THRESHOLD}. */
    public boolean stolen() {
        return stealFraction > STEAL_THRESHOLD;
    }

    /**
     * The machine's CPU time counters now: {total, steal} in clock ticks, summed over all CPUs, from
     * the first line of {@code /proc/stat}; null where there is no such file (not Linux) or it
     * cannot be parsed.
     */
    public static long[] cpuTicks() {
        try {
            String line = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0);
            return parseCpuLine(line);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Parses the aggregate line {@code cpu user nice system idle iowait irq softirq steal ...}:
     * total is the sum of the first eight counters (guest time is already inside user), steal the
     * eighth. Null when the line is not such a line.
     */
    public static long[] parseCpuLine(String line) {
        String[] f = line.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 9) {
            return null;
        }
        long total = 0;
        for (int i = 1; i <= 8; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[] {total, Long.parseLong(f[8])};
    }

    /** The steal share between two {@link #cpuTicks()} readings; NaN when either is missing or no time passed. */
    public static double stealBetween(long[] before, long[] after) {
        if (before == null || after == null || after[0] <= before[0]) {
            return Double.NaN;
        }
        return (double) (after[1] - before[1]) / (after[0] - before[0]);
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
