package org.parallelcookbook.core.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Runs one {@link ScalableWorkload} at p = 1, 2, 4, ... workers: warm-up, repeated trials, the
 * median of each, then speedup, efficiency and the Karp-Flatt serial fraction against the p = 1
 * median, and Amdahl's curve from the serial fraction fitted to all points. This is the engine of
 * {@code cookbook bench} and of the {@code ch1.performance} recipe ({@code PerformanceEvaluation}).
 *
 * <p>The clock is injectable: with a fake clock the reported speedups are exactly the ones the
 * fake durations imply, which is how the maths is tested.
 */
public final class ScalingExperiment {

    private final String id;
    private final ScalableWorkload workload;
    private final List<Integer> workers;
    private final List<String> variants;
    private final Measurer measurer;
    private final Progress progress;

    private ScalingExperiment(Builder b) {
        this.id = b.id == null ? b.workload.name() : b.id;
        this.workload = b.workload;
        TreeSet<Integer> counts = new TreeSet<>(b.workers == null ? b.workload.defaultWorkers() : b.workers);
        counts.add(1); // speedup is relative to one worker, so p = 1 is always measured
        if (counts.first() < 1) {
            throw new IllegalArgumentException("worker counts must be >= 1");
        }
        this.workers = List.copyOf(counts);
        this.variants = b.variants == null ? b.workload.variants() : List.copyOf(b.variants);
        this.measurer = new Measurer(b.clock, b.warmup, b.trials);
        this.progress = b.progress;
    }

    public static Builder of(ScalableWorkload workload) {
        return new Builder(workload);
    }

    public List<Integer> workers() {
        return workers;
    }

    /** Sets the workload up, measures every variant at every worker count, and closes nothing. */
    public ScalingResult run() throws Exception {
        workload.setUp();
        int total = variants.size() * workers.size();
        int done = 0;
        List<ScalingResult.Series> series = new ArrayList<>();
        for (String variant : variants) {
            List<Summary> times = new ArrayList<>();
            for (int p : workers) {
                progress.update(done, total, variant + " @ " + p + " worker" + (p == 1 ? "" : "s"));
                times.add(measurer.measure(() -> workload.run(variant, p)));
                done++;
            }
            series.add(analyse(variant, workers, times, Runtime.getRuntime().availableProcessors()));
        }
        progress.update(done, total, "done");
        return new ScalingResult(id, workload.name(), Runtime.getRuntime().availableProcessors(),
                Runtime.version().toString(), measurer.warmup(), measurer.trials(), series);
    }

    /**
     * Turns medians into speedup, efficiency, Karp-Flatt and a fitted Amdahl curve. Amdahl's law
     * describes p processors, so the serial fraction is fitted to the points with p <= cores (all
     * points when none of them has 1 < p <= cores): more threads than cores measure oversubscription,
     * not the program's serial part.
     */
    static ScalingResult.Series analyse(String variant, List<Integer> workers, List<Summary> times, int cores) {
        double t1 = times.get(workers.indexOf(1)).median();
        double[] speedups = new double[workers.size()];
        for (int i = 0; i < workers.size(); i++) {
            speedups[i] = PerformanceMetrics.speedup(t1, times.get(i).median());
        }
        boolean anyWithinCores = workers.stream().anyMatch(p -> p > 1 && p <= cores);
        List<Integer> fitted = new ArrayList<>();
        List<Double> fittedSpeedups = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            if (!anyWithinCores || workers.get(i) <= cores) {
                fitted.add(workers.get(i));
                fittedSpeedups.add(speedups[i]);
            }
        }
        double serial = fitSerialFraction(fitted, fittedSpeedups.stream().mapToDouble(Double::doubleValue).toArray());
        List<ScalingPoint> points = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            int p = workers.get(i);
            points.add(new ScalingPoint(p, times.get(i), speedups[i],
                    PerformanceMetrics.efficiency(speedups[i], p),
                    PerformanceMetrics.karpFlatt(speedups[i], p),
                    PerformanceMetrics.amdahl(1 - serial, p)));
        }
        return new ScalingResult.Series(variant, serial, points);
    }

    /**
     * Least-squares serial fraction f of Amdahl's law 1/S = f + (1 - f)/p, i.e. of
     * (1/S - 1/p) = f (1 - 1/p), over the points with p > 1; clamped to [0, 1]. 0 when there are none.
     */
    static double fitSerialFraction(List<Integer> workers, double[] speedups) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < workers.size(); i++) {
            int p = workers.get(i);
            if (p == 1) {
                continue;
            }
            double x = 1 - 1.0 / p;
            double y = 1 / speedups[i] - 1.0 / p;
            num += x * y;
            den += x * x;
        }
        if (den == 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, num / den));
    }

    /** Configures a study. */
    public static final class Builder {
        private final ScalableWorkload workload;
        private String id;
        private List<Integer> workers;
        private List<String> variants;
        private int warmup = 2;
        private int trials = 5;
        private Clock clock = Clock.system();
        private Progress progress = Progress.none();

        private Builder(ScalableWorkload workload) {
            this.workload = Objects.requireNonNull(workload);
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder workers(List<Integer> workers) {
            this.workers = workers == null || workers.isEmpty() ? null : List.copyOf(workers);
            return this;
        }

        public Builder variants(List<String> variants) {
            this.variants = variants == null || variants.isEmpty() ? null : List.copyOf(variants);
            return this;
        }

        public Builder warmup(int warmup) {
            this.warmup = warmup;
            return this;
        }

        public Builder trials(int trials) {
            this.trials = trials;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder progress(Progress progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        public ScalingExperiment build() {
            return new ScalingExperiment(this);
        }
    }
}
