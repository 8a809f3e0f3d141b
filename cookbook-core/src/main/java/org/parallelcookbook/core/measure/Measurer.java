package org.parallelcookbook.core.measure;

import java.util.concurrent.Callable;

/**
 * Times a piece of work the way the cookbook always does: some warm-up runs (so the JIT has
 * compiled the hot code), then repeated measured trials, summarised by their median. Every result
 * is passed to {@link Sink} so the work cannot be optimised away.
 */
public final class Measurer {

    private final Clock clock;
    private final int warmup;
    private final int trials;

    public Measurer(Clock clock, int warmup, int trials) {
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up runs must be >= 0");
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1");
        }
        this.clock = clock;
        this.warmup = warmup;
        this.trials = trials;
    }

    public Measurer(int warmup, int trials) {
        this(Clock.system(), warmup, trials);
    }

    /** Runs the work {@code warmup + trials} times and summarises the measured trials. */
    public Summary measure(Callable<?> work) throws Exception {
        for (int i = 0; i < warmup; i++) {
            Sink.consume(work.call());
        }
        double[] seconds = new double[trials];
        for (int i = 0; i < trials; i++) {
            long start = clock.nanoTime();
            Object result = work.call();
            long end = clock.nanoTime();
            Sink.consume(result);
            seconds[i] = (end - start) / 1e9;
        }
        return Summary.of(seconds);
    }

    /** Times one run, without warm-up: for work that cannot be repeated. */
    public static <T> Timed<T> once(Clock clock, Callable<T> work) throws Exception {
        long start = clock.nanoTime();
        T value = work.call();
        return new Timed<>(value, (clock.nanoTime() - start) / 1e9);
    }

    /** A value and the seconds it took. */
    public record Timed<T>(T value, double seconds) {
    }

    public int warmup() {
        return warmup;
    }

    public int trials() {
        return trials;
    }
}
