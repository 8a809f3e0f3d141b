package org.parallelcookbook.core.intro;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.report.TextTable;

/**
 * <b>How to design a parallel program</b> (book chapter 1): the four PCAM steps (partitioning,
 * communication/assignment, agglomeration, mapping), each as running code on one job of
 * {@code n} independent tasks.
 *
 * <p>Task {@code i} is deliberately uneven: it counts the Collatz steps of {@code i + 1}, so some
 * tasks cost ten times more than their neighbours, as real work does. Every strategy below must
 * return the same total as the sequential loop, and run every task exactly once; the recipe checks
 * both and prints them, with the number of messages each strategy needed.
 *
 * <ul>
 *   <li><b>Domain decomposition</b>: {@link BlockPartitioner#split} cuts {@code [0, n)} into
 *       {@code p} contiguous blocks (sizes differ by at most one); {@link BlockPartitioner#cyclic}
 *       deals the indices round-robin, {@code i -> i mod p}, which balances work that grows with
 *       {@code i}.</li>
 *   <li><b>Functional decomposition</b>: a three-stage pipeline (generate, compute, accumulate),
 *       one thread per stage, connected by bounded {@link BlockingQueue}s.</li>
 *   <li><b>Agglomeration</b>: the {@code grain} parameter merges {@code grain} consecutive tasks into
 *       one message, so a fixed per-message cost does not dominate; compare the "messages" column
 *       for grain 1 and grain 50.</li>
 *   <li><b>Dynamic mapping, manager/worker</b>: the manager puts task ranges into one shared
 *       {@link BlockingQueue}; idle workers take the next one. A "poison pill" per worker ends
 *       them.</li>
 *   <li><b>Dynamic mapping, decentralised</b>: {@link ForkJoinPool} work stealing. Each worker
 *       splits its own range and idle workers steal halves from busy ones; there is no manager.</li>
 * </ul>
 *
 * <p><b>Java vs Python:</b> the book describes these designs in prose; Python would need
 * {@code multiprocessing} to run the CPU-bound tasks in parallel. In Java all of them are plain
 * threads sharing one heap, so "sending a task" is handing over a reference through a queue, whose
 * happens-before guarantee makes the task's fields visible to the worker that takes it.
 *
 * <p>Run: {@code ./cookbook run ch1.design [--tasks N] [--workers P] [--grain G]}.
 */
@Recipe(id = "ch1.design", chapter = 1, title = "How to design a parallel program",
        tourArgs = {"--tasks", "2000", "--workers", "2"})
public final class PcamDesign {

    private PcamDesign() {
    }

    /**
     * One strategy's outcome.
     *
     * @param strategy name shown in the table
     * @param total    sum of the task results
     * @param messages task hand-overs between threads (0 for static partitions computed in place)
     * @param tasks    number of tasks
     * @param minRuns  fewest times any task ran
     * @param maxRuns  most times any task ran
     * @param nanos    wall time (printed, never tested)
     */
    public record Execution(String strategy, long total, int messages, int tasks, int minRuns, int maxRuns, long nanos) {
        /** True when every task ran exactly once. */
        public boolean eachRanOnce() {
            return tasks == 0 || (minRuns == 1 && maxRuns == 1);
        }
    }

    /** All strategies on one job, and the sequential reference they must match. */
    public record Design(int tasks, int workers, int grain, long sequential, List<Execution> executions) {
    }

    /** The uneven work of task {@code i}: Collatz steps from {@code i + 1} down to 1. */
    public static long task(int i) {
        long x = i + 1L;
        long steps = 0;
        while (x != 1) {
            x = (x & 1) == 0 ? x >>> 1 : 3 * x + 1;
            steps++;
        }
        return steps;
    }

    /** The sequential reference: every task, in order, on the calling thread. */
    public static long sequential(int n) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += task(i);
        }
        return total;
    }

    /** Runs every strategy on {@code n} tasks with {@code workers} threads and agglomeration {@code grain}. */
    public static Design design(int n, int workers, int grain) throws Exception {
        if (n < 0 || workers < 1 || grain < 1) {
            throw new IllegalArgumentException("need n >= 0, workers >= 1, grain >= 1");
        }
        List<Execution> runs = new ArrayList<>();
        runs.add(blocks(n, workers));
        runs.add(cyclic(n, workers));
        runs.add(pipeline(n));
        runs.add(managerWorker(n, workers, 1));
        if (grain != 1) {
            runs.add(managerWorker(n, workers, grain));
        }
        runs.add(forkJoin(n, workers, Math.max(grain, 16)));
        return new Design(n, workers, grain, sequential(n), List.copyOf(runs));
    }

    /** Domain decomposition in contiguous blocks: worker w sums block w. */
    public static Execution blocks(int n, int workers) throws Exception {
        var counts = new AtomicIntegerArray(n);
        long start = System.nanoTime();
        long total = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<Long>> parts = new ArrayList<>();
            for (BlockPartitioner.Block b : BlockPartitioner.split(n, workers)) {
                parts.add(pool.submit(() -> {
                    long sum = 0;
                    for (int i = b.start(); i < b.end(); i++) {
                        counts.incrementAndGet(i);
                        sum += task(i);
                    }
                    return sum;
                }));
            }
            for (Future<Long> f : parts) {
                total += f.get();
            }
        }
        return execution("domain: blocks", total, 0, counts, start);
    }

    /** Domain decomposition, cyclic: worker w sums the tasks i with i mod p == w. */
    public static Execution cyclic(int n, int workers) throws Exception {
        var counts = new AtomicIntegerArray(n);
        long start = System.nanoTime();
        long total = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<Long>> parts = new ArrayList<>();
            for (List<Integer> owned : BlockPartitioner.cyclic(n, workers)) {
                parts.add(pool.submit(() -> {
                    long sum = 0;
                    for (int i : owned) {
                        counts.incrementAndGet(i);
                        sum += task(i);
                    }
                    return sum;
                }));
            }
            for (Future<Long> f : parts) {
                total += f.get();
            }
        }
        return execution("domain: cyclic", total, 0, counts, start);
    }

    private static final int END = -1;

    /**
     * Functional decomposition: stage 1 generates task ids, stage 2 computes them, stage 3 adds the
     * results. Each stage is one thread; a sentinel value flows down the pipe to stop the next stage.
     */
    public static Execution pipeline(int n) throws Exception {
        var counts = new AtomicIntegerArray(n);
        BlockingQueue<Integer> ids = new ArrayBlockingQueue<>(64);
        BlockingQueue<Long> results = new ArrayBlockingQueue<>(64);
        var messages = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService stages = Executors.newFixedThreadPool(3)) {
            stages.submit(() -> {
                for (int i = 0; i < n; i++) {
                    ids.put(i);
                    messages.incrementAndGet();
                }
                ids.put(END);
                return null;
            });
            stages.submit(() -> {
                for (int i = ids.take(); i != END; i = ids.take()) {
                    counts.incrementAndGet(i);
                    results.put(task(i));
                    messages.incrementAndGet();
                }
                results.put((long) END);
                return null;
            });
            Future<Long> sum = stages.submit(() -> {
                long total = 0;
                for (long r = results.take(); r != END; r = results.take()) {
                    total += r;
                }
                return total;
            });
            return execution("functional: 3-stage pipeline", sum.get(), messages.get(), counts, start);
        }
    }

    private record Range(int from, int to) {
        static final Range POISON = new Range(-1, -1);
    }

    /**
     * Manager/worker with a shared task pool: the manager (this thread) enqueues ranges of
     * {@code grain} tasks; each worker takes ranges until it takes the poison pill.
     */
    public static Execution managerWorker(int n, int workers, int grain) throws Exception {
        var counts = new AtomicIntegerArray(n);
        BlockingQueue<Range> pool = new LinkedBlockingQueue<>();
        long start = System.nanoTime();
        long total = 0;
        int messages = 0;
        try (ExecutorService crew = Executors.newFixedThreadPool(workers)) {
            List<Future<Long>> parts = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                parts.add(crew.submit(() -> {
                    long sum = 0;
                    for (Range r = pool.take(); r != Range.POISON; r = pool.take()) {
                        for (int i = r.from(); i < r.to(); i++) {
                            counts.incrementAndGet(i);
                            sum += task(i);
                        }
                    }
                    return sum;
                }));
            }
            for (int from = 0; from < n; from += grain) {
                pool.put(new Range(from, Math.min(n, from + grain)));
                messages++;
            }
            for (int w = 0; w < workers; w++) {
                pool.put(Range.POISON);
            }
            for (Future<Long> f : parts) {
                total += f.get();
            }
        }
        return execution("manager/worker, grain " + grain, total, messages, counts, start);
    }

    /** Decentralised dynamic mapping: fork/join with work stealing, ranges below {@code threshold} run directly. */
    public static Execution forkJoin(int n, int workers, int threshold) {
        var counts = new AtomicIntegerArray(n);
        var forks = new AtomicInteger();
        long start = System.nanoTime();
        final class Sum extends RecursiveTask<Long> {
            private final int from;
            private final int to;

            Sum(int from, int to) {
                this.from = from;
                this.to = to;
            }

            @Override
            protected Long compute() {
                if (to - from <= threshold) {
                    long sum = 0;
                    for (int i = from; i < to; i++) {
                        counts.incrementAndGet(i);
                        sum += task(i);
                    }
                    return sum;
                }
                int mid = (from + to) >>> 1;
                var left = new Sum(from, mid);
                left.fork();
                forks.incrementAndGet();
                long right = new Sum(mid, to).compute();
                return right + left.join();
            }
        }
        try (var pool = new ForkJoinPool(workers)) {
            long total = pool.invoke(new Sum(0, n));
            return execution("fork/join work stealing", total, forks.get(), counts, start);
        }
    }

    private static Execution execution(String name, long total, int messages, AtomicIntegerArray counts, long start) {
        long nanos = System.nanoTime() - start;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int i = 0; i < counts.length(); i++) {
            min = Math.min(min, counts.get(i));
            max = Math.max(max, counts.get(i));
        }
        return new Execution(name, total, messages, counts.length(), counts.length() == 0 ? 0 : min, max, nanos);
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(PcamDesign.class)
                .intOption("--tasks", 100_000, 0, Integer.MAX_VALUE, "fine-grained tasks of the partition step")
                .intOption("--workers", Runtime.getRuntime().availableProcessors(), 1, Integer.MAX_VALUE, "worker threads of the mapping step").defaultText("the cores")
                .intOption("--grain", 50, 1, Integer.MAX_VALUE, "tasks agglomerated into one coarse task");
        RecipeMain.run(args, options, opt -> {
            int n = opt.intValue("--tasks");
            int workers = opt.intValue("--workers");
            int grain = opt.intValue("--grain");
            System.out.println("Blocks of " + Math.min(n, 10) + " tasks over 3 workers: " + BlockPartitioner.split(Math.min(n, 10), 3));
            System.out.println("Cyclic assignment of the same tasks:   " + BlockPartitioner.cyclic(Math.min(n, 10), 3));
            System.out.println();
            Design d = design(n, workers, grain);
            System.out.printf(Locale.ROOT, "%,d tasks (Collatz steps of i+1), %d workers; sequential total %,d%n",
                    d.tasks(), d.workers(), d.sequential());
            var table = new TextTable("strategy", "total", "matches", "messages", "each task once", "time");
            for (Execution e : d.executions()) {
                table.row(e.strategy(), String.format(Locale.ROOT, "%,d", e.total()), e.total() == d.sequential(),
                        e.messages(), e.eachRanOnce(), RecipeMain.seconds(e.nanos() / 1e9));
            }
            System.out.print(table.render());
        });
    }
}
