package org.parallelcookbook.distributed;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * <b>Scientific computing with SCOOP</b> (book chapter 5).
 *
 * <p>SCOOP (a ZeroMQ broker plus worker processes) runs {@code futures.map(evaluate_points_in_circle,
 * [attempts] * workers)}: every task throws {@code attempts} random points into the unit square and
 * counts those inside the quarter circle; pi is about 4 * hits / (workers * attempts). The book runs
 * (1000, 1000), (2000, 2000) and (3000, 3000) and prints pi near 3.1406, 3.1420, 3.1414.
 *
 * <p><b>Java:</b> the same tasks, each a {@link PiTask} with its own seed ({@code SplittableRandom},
 * so a result does not depend on which member or thread ran it), sent round-robin to the members of
 * a Hazelcast cluster, and the same tasks on a local {@code ExecutorService} and sequentially. All
 * three give the same hit count for the same seeds. Python's {@code random} in every SCOOP worker is
 * seeded from the OS, so the book's figures cannot be repeated; these can.
 *
 * <p>Run: {@code ./cookbook run ch5.scoop-pi [--seed N] [--member HOST:PORT]}; speed-up on 1 and 2
 * worker JVMs: {@code ./cookbook bench ch5.scoop-pi}.
 */
@Recipe(id = "ch5.scoop-pi", chapter = 5, title = "Scientific computing with SCOOP",
        bench = MonteCarloPi.OnWorkerJvms.class)
public final class MonteCarloPi {

    private MonteCarloPi() {
    }

    /** {@code evaluate_points_in_circle(attempts)} with its own seed. */
    public record PiTask(long attempts, long seed) implements Callable<Long>, Serializable {
        @Override
        public Long call() {
            return hits(attempts, seed);
        }
    }

    /** Points of {@code attempts} random ones, seeded by {@code seed}, inside the quarter circle. */
    public static long hits(long attempts, long seed) {
        var random = new SplittableRandom(seed);
        long inside = 0;
        for (long i = 0; i < attempts; i++) {
            double x = random.nextDouble();
            double y = random.nextDouble();
            if (x * x + y * y < 1.0) {
                inside++;
            }
        }
        return inside;
    }

    /** The seed of task {@code i}. */
    static long seedOf(long seed, int i) {
        return seed * 1_000_003L + i;
    }

    /** All tasks one after the other. */
    public static long sequential(int tasks, long attempts, long seed) {
        long total = 0;
        for (int i = 0; i < tasks; i++) {
            total += hits(attempts, seedOf(seed, i));
        }
        return total;
    }

    /** The tasks on a local pool. */
    public static long local(ExecutorService pool, int tasks, long attempts, long seed) throws Exception {
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            futures.add(pool.submit(new PiTask(attempts, seedOf(seed, i))));
        }
        long total = 0;
        for (Future<Long> f : futures) {
            total += f.get();
        }
        return total;
    }

    /** The tasks on the cluster, round-robin over its members ({@code futures.map}). */
    public static long distributed(Cluster cluster, int tasks, long attempts, long seed) throws Exception {
        IExecutorService executor = cluster.executor();
        List<Member> members = cluster.memberList();
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            futures.add(executor.submitToMember(new PiTask(attempts, seedOf(seed, i)), members.get(i % members.size())));
        }
        long total = 0;
        for (Future<Long> f : futures) {
            total += f.get(10, TimeUnit.MINUTES);
        }
        return total;
    }

    /** One row of the book's table. */
    public record Estimate(int workers, long attempts, long hits, double pi, double errorPercent, double seconds) {
        static Estimate of(int workers, long attempts, long hits, double seconds) {
            double pi = 4.0 * hits / ((double) workers * attempts);
            return new Estimate(workers, attempts, hits, pi, 100 * Math.abs(pi - Math.PI) / Math.PI, seconds);
        }
    }

    public static void main(String[] args) {
        var options = Cluster.declare(RecipeOptions.of(MonteCarloPi.class))
                .intOption("--seed", 42, 0, Integer.MAX_VALUE, "seed of the random points");
        RecipeMain.run(args, options, opt -> {
            long seed = opt.intValue("--seed");
            int[][] runs = {{1000, 1000}, {2000, 2000}, {3000, 3000}};
            try (var cluster = Cluster.fromOptions(opt, 2, false);
                 ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
                System.out.printf("cluster '%s' with %d members%n", cluster.name(), cluster.memberList().size());
                System.out.println("workers  attempts   hits/attempts          pi   error %   cluster time   local time");
                for (int[] run : runs) {
                    int workers = run[0];
                    long attempts = run[1];
                    long t0 = System.nanoTime();
                    long hits = distributed(cluster, workers, attempts, seed);
                    long t1 = System.nanoTime();
                    long localHits = local(pool, workers, attempts, seed);
                    long t2 = System.nanoTime();
                    if (hits != localHits) {
                        throw new IllegalStateException("cluster and local runs disagree: " + hits + " vs " + localHits);
                    }
                    var e = Estimate.of(workers, attempts, hits, (t1 - t0) / 1e9);
                    System.out.printf(Locale.ROOT, "%7d  %8d  %8d/%-8d  %.6f  %8.4f  %13s  %11s%n", workers, attempts,
                            hits, (long) workers * attempts, e.pi(), e.errorPercent(), RecipeMain.seconds(e.seconds()),
                            RecipeMain.seconds((t2 - t1) / 1e9));
                }
            }
        });
    }

    /**
     * The benchmark: 16 tasks of 12 million points (192 million in all) on 1 and 2 worker JVMs
     * with one executor thread each: tasks coarse enough (about 40 ms) that shipping them and their
     * results costs little next to the work.
     */
    public static final class OnWorkerJvms extends WorkerJvmWorkload {
        static final int TASKS = 16;
        static final long ATTEMPTS = 12_000_000;

        @Override
        public String name() {
            return String.format(Locale.ROOT, "Monte Carlo pi on worker JVMs, %d tasks x %,d points", TASKS, ATTEMPTS);
        }

        @Override
        public Object run(String variant, int workers) throws Exception {
            return distributed(cluster(workers), TASKS, ATTEMPTS, 7);
        }
    }
}
