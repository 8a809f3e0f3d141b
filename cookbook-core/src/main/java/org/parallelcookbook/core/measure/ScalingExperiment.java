package org.parallelcookbook.core.measure;

import com.fasterxml.jackson.jr.ob.JSON;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.parallelcookbook.core.launch.ChildResult;
import org.parallelcookbook.core.launch.JvmLauncher;

/**
 * Runs one {@link ScalableWorkload} at p = 1, 2, 4, ... workers: warm-up, repeated trials, the
 * median of each with its confidence interval, then speedup, efficiency and the Karp-Flatt serial
 * fraction against the p = 1 median, Amdahl's curve from the serial fraction fitted to the points
 * with p &lt;= cores, and Gustafson's scaled speedup for the same fraction. This is the engine of
 * {@code cookbook bench} and of the {@code ch1.performance} recipe ({@code PerformanceEvaluation}).
 *
 * <p><b>Forks.</b> With {@code forks(n)}, n > 0, every point is measured in each of n fresh JVMs
 * (started with {@link JvmLauncher}; each builds the workload with its no-argument constructor),
 * and each fork visits the points in its own order (a seeded shuffle, reversed in every second fork,
 * see {@link #order}): a machine whose speed drifts then spreads the drift over every point instead
 * of slowing the last ones, and
 * the differences between JVMs show in the intervals ({@link Bootstrap}). With {@code forks(0)}
 * (the default for library use) everything runs in this JVM, in the fixed order (alternating by round).
 *
 * <p><b>Rounds.</b> Inside a fork (or this JVM) every point is warmed up first, then the points
 * are measured in rounds of one trial each, the order reversed in every second round
 * ({@link Measurer#sampleRounds}): trial r of p = 1 and trial r of p = 2 are seconds apart, not a
 * whole block of trials, so a machine whose speed drifts slows both alike, and the bootstrap
 * resamples whole rounds ({@link Bootstrap#roundMedians}) so that the speedup keeps that pairing.
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
    private final int forks;
    private final long seed;
    private final boolean probe;
    private final Clock clock;
    private final Duration forkTimeout;
    private final Bootstrap bootstrap;
    private final List<String> extraForkOptions;
    private final Duration measureTime;

    private ScalingExperiment(Builder b) {
        this.id = b.id == null ? b.workload.name() : b.id;
        this.workload = b.workload;
        TreeSet<Integer> counts = new TreeSet<>(b.workers == null ? b.workload.defaultWorkers() : b.workers);
        counts.add(1); // speedup is relative to one worker, so p = 1 is always measured
        if (counts.first() < 1) {
            throw new IllegalArgumentException("worker counts must be >= 1");
        }
        if (b.forks < 0) {
            throw new IllegalArgumentException("forks must be >= 0, got " + b.forks);
        }
        this.workers = List.copyOf(counts);
        this.variants = b.variants == null ? b.workload.variants() : List.copyOf(b.variants);
        this.measurer = new Measurer(b.clock, b.warmup, b.trials, b.warmupTime, b.minTrialTime);
        this.progress = b.progress;
        this.forks = b.forks;
        this.seed = b.seed;
        this.probe = b.probe;
        this.clock = b.clock;
        this.forkTimeout = b.forkTimeout;
        this.bootstrap = b.bootstrap == null ? Bootstrap.seeded(b.seed, b.confidence) : b.bootstrap;
        this.extraForkOptions = List.copyOf(b.forkJvmOptions);
        this.measureTime = b.measureTime;
        if (forks > 0) {
            requireForkable(workload.getClass());
        }
    }

    public static Builder of(ScalableWorkload workload) {
        return new Builder(workload);
    }

    public List<Integer> workers() {
        return workers;
    }

    public int forks() {
        return forks;
    }

    /**
     * Measures every variant at every worker count and closes nothing. In-process (no forks) the
     * workload is set up here; with forks each fork sets up and closes its own copy.
     *
     * @throws ForkFailedException when a fork ended without results
     */
    public ScalingResult run() throws Exception {
        Machine machine = Machine.current();
        double probeBefore = probe ? Probe.time(clock) : Double.NaN;
        long[] ticksBefore = probe ? Probe.cpuTicks() : null;
        List<Key> keys = new ArrayList<>();
        for (String v : variants) {
            for (int p : workers) {
                keys.add(new Key(v, p));
            }
        }
        Map<Key, List<ForkTrials>> data = new LinkedHashMap<>();
        keys.forEach(k -> data.put(k, new ArrayList<>()));
        boolean rounds = workload.interleave();
        int steps = keys.size() + (rounds ? measurer.trials() : 0);
        if (forks == 0) {
            workload.setUp();
            long pid = ProcessHandle.current().pid();
            List<java.util.concurrent.Callable<Object>> works =
                    keys.stream().<java.util.concurrent.Callable<Object>>map(k -> () -> workload.run(k.variant(), k.workers())).toList();
            List<String> labels = keys.stream().map(Key::label).toList();
            Measurer.RoundProgress told = (done, what) -> progress.update(done, steps, what);
            List<Measurer.Sample> samples = rounds ? measurer.sampleRounds(works, labels, told, measureTime)
                    : measurer.sampleBlocks(works, labels, told);
            for (int i = 0; i < keys.size(); i++) {
                Measurer.Sample s = samples.get(i);
                data.get(keys.get(i)).add(new ForkTrials(0, pid, i, s.operations(), s.warmupRuns(), boxed(s.seconds())));
            }
            progress.update(steps, steps, "done");
        } else {
            for (int f = 1; f <= forks; f++) {
                List<Key> order = order(keys, seed, f);
                Map<Key, ForkTrials> got = runFork(f, order, rounds, (f - 1) * steps, forks * steps);
                got.forEach((k, t) -> data.get(k).add(t));
            }
            progress.update(forks * steps, forks * steps, "done");
        }
        Probe probed = null;
        if (probe) {
            double stolen = Probe.stealBetween(ticksBefore, Probe.cpuTicks());
            probed = new Probe(probeBefore, Probe.time(clock), stolen);
        }
        int cores = workload.cores();
        List<ScalingResult.Series> series = new ArrayList<>();
        for (String v : variants) {
            List<List<ForkTrials>> perPoint = workers.stream().map(p -> data.get(new Key(v, p))).toList();
            series.add(analyse(v, workers, perPoint, cores, bootstrap, rounds));
        }
        String method = rounds ? bootstrap.roundsMethod() : bootstrap.method();
        return new ScalingResult(id, workload.name(), workload.model(), cores, machine, measurer.warmup(),
                measurer.minWarmup(), measurer.trials(), measurer.minTrial(), rounds ? measureTime : Duration.ZERO, rounds, forks, seed,
                forks == 0 ? method + "; one JVM only, so no between-JVM variance is in the intervals" : method,
                bootstrap.level(), probed, Instant.now(), series);
    }

    /** One point of the study: a variant at a worker count. */
    record Key(String variant, int workers) {
        /** "variant @ 2 workers", for progress lines. */
        String label() {
            return label(variant, workers);
        }

        static String label(String variant, int workers) {
            return variant + " @ " + workers + " worker" + (workers == 1 ? "" : "s");
        }
    }

    /**
     * The order in which fork {@code fork} (from 1) visits the points. Forks come in pairs: an odd
     * fork shuffles the points with a random source seeded from the seed and the pair, and the even
     * fork after it visits them in the reverse order. Within a pair every point then has the same
     * mean position, so a machine that speeds up or slows down steadily over a fork's run biases no
     * point, and different pairs use different shuffles, so no two points stay neighbours.
     */
    static List<Key> order(List<Key> keys, long seed, int fork) {
        List<Key> order = new ArrayList<>(keys);
        int pair = (fork + 1) / 2;
        Collections.shuffle(order, new SplittableRandom(seed * 1_000_003L + pair));
        if (fork % 2 == 0) {
            Collections.reverse(order);
        }
        return order;
    }

    private Map<Key, ForkTrials> runFork(int fork, List<Key> order, boolean rounds, int doneBefore, int total) throws Exception {
        Path dir = Files.createTempDirectory("cookbook-fork-");
        try {
            Path job = dir.resolve("job.json");
            Path out = dir.resolve("result.json");
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("workload", workload.getClass().getName());
            j.put("fork", fork);
            j.put("warmup", measurer.warmup());
            j.put("warmup_ns", measurer.minWarmup().toNanos());
            j.put("trials", measurer.trials());
            j.put("min_trial_ns", measurer.minTrial().toNanos());
            j.put("rounds", rounds);
            j.put("measure_ns", measureTime.toNanos());
            List<Object> points = new ArrayList<>();
            for (Key k : order) {
                points.add(Map.of("variant", k.variant(), "workers", k.workers()));
            }
            j.put("points", points);
            Files.writeString(job, JSON.std.asString(j));
            AtomicReference<String> lastLine = new AtomicReference<>("");
            progress.update(doneBefore, total, "fork " + fork + "/" + forks + ": starting a JVM");
            ChildResult r;
            try {
                List<String> options = new ArrayList<>(forkJvmOptions());
                options.addAll(extraForkOptions);
                r = JvmLauncher.forMain(ForkMain.class).name("fork " + fork).jvmOptions(options.toArray(String[]::new))
                        .args(job.toString(), out.toString())
                        .onStderrLine(line -> {
                            if (line.startsWith(ForkMain.PROGRESS)) {
                                String[] parts = line.substring(ForkMain.PROGRESS.length()).split(" ", 2);
                                progress.update(doneBefore + Integer.parseInt(parts[0]), total,
                                        "fork " + fork + "/" + forks + ": " + parts[1]);
                            } else if (!line.isBlank()) {
                                lastLine.set(line);
                            }
                        })
                        .run(forkTimeout);
            } catch (TimeoutException e) {
                throw new ForkFailedException(fork, forks, -1, "no result within " + forkTimeout.toSeconds() + " s");
            }
            if (r.exitCode() != 0) {
                throw new ForkFailedException(fork, forks, r.exitCode(), lastLine.get());
            }
            if (!Files.exists(out)) {
                throw new ForkFailedException(fork, forks, 0, "it wrote no results");
            }
            return readFork(fork, Files.readString(out), order);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private Map<Key, ForkTrials> readFork(int fork, String json, List<Key> order) throws Exception {
        Map<String, Object> root = JSON.std.mapFrom(json);
        long pid = ((Number) root.get("pid")).longValue();
        Map<Key, ForkTrials> got = new LinkedHashMap<>();
        for (Object o : (List<?>) root.get("points")) {
            Map<?, ?> m = (Map<?, ?>) o;
            Key k = new Key((String) m.get("variant"), ((Number) m.get("workers")).intValue());
            List<Double> seconds = ((List<?>) m.get("seconds")).stream().map(x -> ((Number) x).doubleValue()).toList();
            got.put(k, new ForkTrials(fork, pid, order.indexOf(k), ((Number) m.get("operations")).intValue(),
                    ((Number) m.get("warmup_runs")).intValue(), seconds));
        }
        if (!got.keySet().containsAll(order)) {
            throw new ForkFailedException(fork, forks, 0, "results are missing points");
        }
        return got;
    }

    /** The options of this JVM that a fork should share (heap, JIT, native access), without agents or debuggers. */
    static List<String> forkJvmOptions() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            boolean agent = a.startsWith("-agent") || a.startsWith("-javaagent") || a.contains("jdwp")
                    || a.startsWith("-Xdebug") || a.startsWith("-Xrun");
            if (!agent && (a.startsWith("-X") || a.startsWith("--enable-native-access")
                    || a.startsWith("--sun-misc-unsafe-memory-access") || a.startsWith("--add-opens")
                    || a.startsWith("--add-exports") || a.startsWith("-Djava.awt.headless"))) {
                out.add(a);
            }
        }
        return out;
    }

    private static void requireForkable(Class<?> type) {
        boolean ok = Modifier.isPublic(type.getModifiers())
                && (type.getEnclosingClass() == null || Modifier.isStatic(type.getModifiers()));
        try {
            ok = ok && Modifier.isPublic(type.getConstructor().getModifiers());
        } catch (NoSuchMethodException e) {
            ok = false;
        }
        if (!ok) {
            throw new IllegalArgumentException(type.getName()
                    + " cannot be forked: a forked workload needs to be a public class with a public no-argument constructor (or use forks(0))");
        }
    }

    private static List<Double> boxed(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    /**
     * Turns the trials of every point into medians with intervals, speedup, efficiency, Karp-Flatt,
     * a fitted Amdahl curve and Gustafson's curve. Amdahl's law describes p processors, so the serial
     * fraction is fitted to the points with p &lt;= cores (all points when none of them has
     * 1 &lt; p &lt;= cores): more threads than cores measure oversubscription, not the program's serial part.
     *
     * @param trials for each worker count, its trials per fork (every point the same forks)
     * @param rounds whether trial r of every point was taken in round r: then whole rounds are resampled
     *               and a speedup is the median of the paired per-round ratios T1[r] / Tp[r]; otherwise
     *               the ratio of the two medians
     */
    static ScalingResult.Series analyse(String variant, List<Integer> workers, List<List<ForkTrials>> trials,
                                        int cores, Bootstrap bootstrap, boolean rounds) {
        int n = workers.size();
        int one = workers.indexOf(1);
        List<double[][]> perFork = new ArrayList<>();
        Summary[] times = new Summary[n];
        for (int i = 0; i < n; i++) {
            List<ForkTrials> t = trials.get(i);
            double[][] forks = t.stream().map(ForkTrials::array).toArray(double[][]::new);
            perFork.add(forks);
            times[i] = Summary.of(t.stream().flatMap(f -> f.seconds().stream()).mapToDouble(Double::doubleValue).toArray());
        }
        double[] medians = new double[n];
        for (int i = 0; i < n; i++) {
            medians[i] = times[i].median();
        }
        boolean anyWithinCores = workers.stream().anyMatch(p -> p > 1 && p <= cores);
        boolean[] fit = new boolean[n];
        for (int i = 0; i < n; i++) {
            fit[i] = !anyWithinCores || workers.get(i) <= cores;
        }
        // rounds: the speedup of a point is the median of its paired per-round ratios T1[r] / Tp[r];
        // blocks: the ratio of the two medians
        double[] speedups = new double[n];
        double[][] timeReps;
        double[][] speedupReps;
        if (rounds) {
            for (int i = 0; i < n; i++) {
                speedups[i] = Bootstrap.pairedRatio(perFork.get(one), perFork.get(i));
            }
            Bootstrap.RoundReplicates reps = bootstrap.roundRatios(perFork, one);
            timeReps = reps.medians();
            speedupReps = reps.ratios();
        } else {
            speedups = speedups(medians, one);
            timeReps = bootstrap.medians(perFork);
            speedupReps = java.util.Arrays.stream(timeReps).map(r -> speedups(r, one)).toArray(double[][]::new);
        }
        double serial = fitSerialFraction(workers, speedups, fit);
        Interval serialCi = bootstrap.derived(speedupReps, r -> fitSerialFraction(workers, r, fit));
        List<ScalingPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int p = workers.get(i);
            int at = i;
            points.add(new ScalingPoint(p, times[i], bootstrap.derived(timeReps, r -> r[at]),
                    speedups[i], bootstrap.derived(speedupReps, r -> r[at]),
                    PerformanceMetrics.efficiency(speedups[i], p), bootstrap.derived(speedupReps, r -> r[at] / p),
                    PerformanceMetrics.karpFlatt(speedups[i], p),
                    PerformanceMetrics.amdahl(1 - serial, p), PerformanceMetrics.gustafson(serial, p),
                    trials.get(i)));
        }
        return new ScalingResult.Series(variant, serial, serialCi, points);
    }

    private static double[] speedups(double[] medians, int one) {
        double[] s = new double[medians.length];
        for (int i = 0; i < medians.length; i++) {
            s[i] = PerformanceMetrics.speedup(medians[one], medians[i]);
        }
        return s;
    }

    /** {@link #fitSerialFraction(List, double[])} over the points marked in {@code use}. */
    static double fitSerialFraction(List<Integer> workers, double[] speedups, boolean[] use) {
        List<Integer> w = new ArrayList<>();
        List<Double> s = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            if (use[i]) {
                w.add(workers.get(i));
                s.add(speedups[i]);
            }
        }
        return fitSerialFraction(w, s.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Least-squares serial fraction f of Amdahl's law 1/S = f + (1 - f)/p, i.e. of
     * (1/S - 1/p) = f (1 - 1/p), over the given points with p > 1; clamped to [0, 1]. 0 when there
     * are none.
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
        private Duration warmupTime = Duration.ZERO;
        private Duration minTrialTime = Duration.ZERO;
        private int forks;
        private long seed = 42;
        private boolean probe;
        private Duration forkTimeout = Duration.ofMinutes(30);
        private List<String> forkJvmOptions = List.of();
        private Duration measureTime = Duration.ZERO;
        private Bootstrap bootstrap;
        private double confidence = Bootstrap.STUDY_LEVEL;
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

        /** Fixed warm-up runs per point (and fork); default 2. */
        public Builder warmup(int warmup) {
            this.warmup = warmup;
            return this;
        }

        /** Minimum warm-up time per point (and fork), besides the fixed runs; default none. */
        public Builder warmupTime(Duration warmupTime) {
            this.warmupTime = Objects.requireNonNull(warmupTime);
            return this;
        }

        /**
         * Minimum time of the rounds per fork (or in this JVM): rounds go on past {@link #trials}
         * until they have taken this long ({@link Measurer#sampleRounds(List, List, Measurer.RoundProgress, Duration)});
         * default none. Ignored by a workload measured in blocks.
         */
        public Builder measureTime(Duration measureTime) {
            if (measureTime.isNegative()) {
                throw new IllegalArgumentException("measure time must be >= 0");
            }
            this.measureTime = measureTime;
            return this;
        }

        /** Measured trials per point (and fork), the minimum number of rounds; default 5. */
        public Builder trials(int trials) {
            this.trials = trials;
            return this;
        }

        /** Minimum time of one trial: shorter runs are batched ({@link Measurer}); default none. */
        public Builder minTrialTime(Duration minTrialTime) {
            this.minTrialTime = Objects.requireNonNull(minTrialTime);
            return this;
        }

        /** Fresh JVMs that each measure every point (0, the default: measure in this JVM). */
        public Builder forks(int forks) {
            this.forks = forks;
            return this;
        }

        /** Seed of each fork's point order and of the bootstrap; default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Time a fixed single-thread probe before and after the study; default off. */
        public Builder probe(boolean probe) {
            this.probe = probe;
            return this;
        }

        /**
         * Extra options for every fork's JVM (for example {@code -Xmx2g} or a GC), after the ones
         * this JVM passes on (heap, JIT, native access; see {@link #forkJvmOptions()}).
         */
        public Builder forkJvmOptions(List<String> options) {
            this.forkJvmOptions = List.copyOf(options);
            return this;
        }

        /** How long one fork may run; default 30 minutes. */
        public Builder forkTimeout(Duration forkTimeout) {
            this.forkTimeout = Objects.requireNonNull(forkTimeout);
            return this;
        }

        /**
         * Confidence level of the intervals, in (0, 1); default {@link Bootstrap#STUDY_LEVEL} (99.9 %).
         * Ignored when a {@link #bootstrap(Bootstrap)} is given: that one's level counts.
         */
        public Builder confidence(double level) {
            Bootstrap.replicatesFor(level);
            this.confidence = level;
            return this;
        }

        /**
         * The bootstrap of the intervals; default {@link Bootstrap#seeded(long, double)} with the study's
         * seed and {@link #confidence(double)}.
         */
        public Builder bootstrap(Bootstrap bootstrap) {
            this.bootstrap = Objects.requireNonNull(bootstrap);
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
