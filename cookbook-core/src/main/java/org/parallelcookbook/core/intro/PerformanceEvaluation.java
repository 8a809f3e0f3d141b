package org.parallelcookbook.core.intro;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.PerformanceMetrics;
import org.parallelcookbook.core.measure.ScalableWorkload;
import org.parallelcookbook.core.measure.ScalingExperiment;
import org.parallelcookbook.core.measure.ScalingResult;
import org.parallelcookbook.core.report.ScalingReport;
import org.parallelcookbook.core.report.TextTable;

/**
 * <b>How to evaluate the performance of a parallel program</b> (book chapter 1).
 *
 * <p>The book defines speedup S = T1/Tp, efficiency E = S/p, and the two laws that bound them:
 * Amdahl's (a fixed problem: the serial fraction caps the speedup at 1/(1 - P)) and Gustafson's
 * (a problem that grows with the machine: S = p - alpha (p - 1)). The formulas live in
 * {@link PerformanceMetrics}; the runner that measures them on a real workload is
 * {@link ScalingExperiment}, the same engine behind {@code ./cookbook bench}.
 *
 * <p>This recipe prints the laws for the book's example numbers, then measures a CPU-bound,
 * embarrassingly parallel workload (a Monte Carlo estimate of pi, split into 64 equal, seeded
 * chunks so that every worker count computes the very same answer) at 1, 2 and 4 threads: warm-up
 * first, then repeated trials, medians, and the Karp-Flatt serial fraction next to Amdahl's curve.
 *
 * <p><b>Book bug:</b> the book says a program that is 90 % parallel tops out at a speedup of 9;
 * Amdahl's formula gives 1 / (1 - 0.9) = 10.
 *
 * <p><b>Java vs Python:</b> in CPython the GIL keeps CPU-bound threads from running at once, so
 * this measurement would need processes. The JVM has no GIL: plain threads scale with the cores.
 *
 * <p>The recipe measures in its own JVM, in rounds that alternate the worker counts; every figure
 * is printed with its 99.9 % bootstrap interval ({@link ScalingExperiment}'s default level).
 * {@code ./cookbook bench ch1.performance} measures the same workload (its no-argument constructor:
 * 32 M samples) in three fresh JVMs, each visiting the points in its own order, which puts the
 * differences between JVMs into the intervals (see {@link ScalingExperiment} and
 * {@code docs/chapter-1.md}).
 *
 * <p>Run: {@code ./cookbook run ch1.performance [--samples N] [--workers 1,2,4] [--trials N]}, or
 * the scaling study with chart: {@code ./cookbook bench ch1.performance --chart speedup.png}.
 */
@Recipe(id = "ch1.performance", chapter = 1, title = "How to evaluate the performance of a parallel program",
        tourArgs = {"--samples", "400000", "--trials", "1", "--warmup", "1"},
        bench = PerformanceEvaluation.MonteCarloPi.class)
public final class PerformanceEvaluation {

    private PerformanceEvaluation() {
    }

    /** One row of the laws table. */
    public record LawRow(int workers, double amdahl, double gustafson) {
    }

    /** Amdahl's and Gustafson's predictions for a parallel fraction on the given worker counts. */
    public static List<LawRow> laws(double parallelFraction, List<Integer> workers) {
        List<LawRow> rows = new ArrayList<>();
        for (int p : workers) {
            rows.add(new LawRow(p, PerformanceMetrics.amdahl(parallelFraction, p),
                    PerformanceMetrics.gustafson(1 - parallelFraction, p)));
        }
        return rows;
    }

    /**
     * A CPU-bound, embarrassingly parallel workload: count random points of the unit square that
     * fall inside the quarter circle. The samples are cut into {@value #CHUNKS} chunks with their own
     * seeds; worker w takes a contiguous block of chunks. Every worker count therefore does the same
     * work and returns the same count.
     */
    public static final class MonteCarloPi implements ScalableWorkload {
        static final int CHUNKS = 64;
        private final long samples;
        private final long seed;

        public MonteCarloPi() {
            this(32_000_000L, 42);
        }

        public MonteCarloPi(long samples, long seed) {
            if (samples < CHUNKS) {
                throw new IllegalArgumentException("samples must be at least " + CHUNKS);
            }
            this.samples = samples;
            this.seed = seed;
        }

        @Override
        public String name() {
            return String.format(Locale.ROOT, "Monte Carlo pi, %,d samples", samples);
        }

        @Override
        public List<Integer> defaultWorkers() {
            return List.of(1, 2, 4);
        }

        @Override
        public Object run(String variant, int workers) throws Exception {
            return hits(workers);
        }

        /** Points inside the circle, computed by {@code workers} threads. */
        public long hits(int workers) throws Exception {
            if (workers == 1) {
                return chunkRange(0, CHUNKS);
            }
            try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
                List<Future<Long>> parts = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    int from = w * CHUNKS / workers;
                    int to = (w + 1) * CHUNKS / workers;
                    parts.add(pool.submit(() -> chunkRange(from, to)));
                }
                long total = 0;
                for (Future<Long> f : parts) {
                    total += f.get();
                }
                return total;
            }
        }

        public double estimate(long hits) {
            return 4.0 * hits / samples;
        }

        private long chunkRange(int from, int to) {
            long total = 0;
            for (int c = from; c < to; c++) {
                total += chunk(c);
            }
            return total;
        }

        private long chunk(int c) {
            long n = samples / CHUNKS + (c < samples % CHUNKS ? 1 : 0);
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + c);
            long inside = 0;
            for (long i = 0; i < n; i++) {
                double x = random.nextDouble();
                double y = random.nextDouble();
                if (x * x + y * y < 1.0) {
                    inside++;
                }
            }
            return inside;
        }
    }

    /** Runs the study and returns it. */
    public static ScalingResult measure(long samples, List<Integer> workers, int warmup, int trials) throws Exception {
        try (MonteCarloPi workload = new MonteCarloPi(samples, 42)) {
            return ScalingExperiment.of(workload).id("ch1.performance").workers(workers)
                    .warmup(warmup).trials(trials).build().run();
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(PerformanceEvaluation.class)
                .intOption("--trials", 5, 1, Integer.MAX_VALUE, "timed trials per worker count")
                .intOption("--warmup", 2, 0, Integer.MAX_VALUE, "warm-up runs per worker count")
                .longOption("--samples", 32_000_000, MonteCarloPi.CHUNKS, Long.MAX_VALUE, "Monte Carlo samples per trial")
                .stringOption("--workers", "1,2,4", "worker counts, comma-separated");
        RecipeMain.run(args, options, opt -> {
            long samples = opt.longValue("--samples");
            int trials = opt.intValue("--trials");
            int warmup = opt.intValue("--warmup");
            List<Integer> workers = parseWorkers(opt.string("--workers"));

            System.out.printf(Locale.ROOT, "Amdahl's limit for a 90%% parallel program: %.1f (the book says 9)%n",
                    PerformanceMetrics.amdahlLimit(0.9));
            TextTable laws = new TextTable("p", "Amdahl S (P=0.9)", "Gustafson S (alpha=0.1)");
            laws(0.9, List.of(1, 2, 4, 8, 16, 64)).forEach(r -> laws.row(r.workers(),
                    String.format(Locale.ROOT, "%.4f", r.amdahl()), String.format(Locale.ROOT, "%.1f", r.gustafson())));
            System.out.print(laws.render());
            System.out.println();
            ScalingResult result = measure(samples, workers, warmup, trials);
            System.out.print(ScalingReport.table(result));
            MonteCarloPi check = new MonteCarloPi(samples, 42);
            System.out.printf(Locale.ROOT, "pi estimate %.5f (identical for every worker count)%n",
                    check.estimate(check.hits(1)));
        });
    }

    static List<Integer> parseWorkers(String list) {
        List<Integer> result = new ArrayList<>();
        for (String part : list.split(",")) {
            try {
                int p = Integer.parseInt(part.strip());
                if (p < 1) {
                    throw new NumberFormatException();
                }
                result.add(p);
            } catch (NumberFormatException e) {
                throw new org.parallelcookbook.core.UsageException(
                        "--workers takes a comma-separated list of positive whole numbers, e.g. 1,2,4; got '" + list + "'");
            }
        }
        return result;
    }
}
