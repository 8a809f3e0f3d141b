package org.parallelcookbook.threads;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RecursiveTask;
import java.util.stream.LongStream;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * <b>Fork/join and parallel streams</b> (modern Java).
 *
 * <p>Divide and conquer on threads: a task too big to do at once splits in two, <i>forks</i> one
 * half (queues it for another worker), computes the other itself, and <i>joins</i> the first.
 * Below a threshold it just does the work sequentially: that threshold is the agglomeration step of
 * the book's chapter 1 design method (tasks small enough to balance, big enough to pay for their
 * overhead). {@link ForkJoinPool} runs such tasks with <b>work stealing</b>: each worker keeps a
 * deque of its own forked tasks and, when idle, steals the oldest (largest) task of another.
 *
 * <p>Shown: {@link SumTask}, a {@link RecursiveTask} summing a {@code long[]}; {@link SortTask}, a
 * {@link RecursiveAction} merge sort that is <b>stable</b> (equal keys keep their order: the JDK's
 * stable {@code Arrays.sort} below the threshold, a merge that prefers the left run); the same sum as
 * {@code Arrays.stream(a).parallel().sum()}, which runs on the <i>common</i> pool shared by the whole
 * JVM; and a custom pool of a chosen size (invoking a parallel stream from inside a custom pool's
 * task runs it on that pool, an implementation detail, so pass the pool explicitly where it
 * matters).
 *
 * <p>Run: {@code ./cookbook run x.forkjoin [size] [--threshold 10000] [--parallelism N]}.
 */
@Recipe(id = "x.forkjoin", chapter = 2, title = "Fork/join and parallel streams", extra = true,
        tourArgs = {"1000000"})
public final class ForkJoinSum {

    private ForkJoinSum() {
    }

    /** Sum of {@code a[from, to)}, split in halves until a piece has at most {@code threshold} elements. */
    public static final class SumTask extends RecursiveTask<Long> {
        private final long[] a;
        private final int from;
        private final int to;
        private final int threshold;

        public SumTask(long[] a, int from, int to, int threshold) {
            if (threshold < 1) {
                throw new IllegalArgumentException("threshold must be at least 1");
            }
            this.a = a;
            this.from = from;
            this.to = to;
            this.threshold = threshold;
        }

        @Override
        protected Long compute() {
            if (to - from <= threshold) {
                long sum = 0;
                for (int i = from; i < to; i++) {
                    sum += a[i];
                }
                return sum;
            }
            int mid = (from + to) >>> 1;
            var left = new SumTask(a, from, mid, threshold);
            var right = new SumTask(a, mid, to, threshold);
            left.fork();                      // someone may steal it
            long r = right.compute();         // do the other half ourselves
            return r + left.join();
        }
    }

    /** Stable merge sort of {@code a[from, to)} by {@code order}, using {@code buffer} of the same length. */
    public static final class SortTask<T> extends RecursiveAction {
        private final T[] a;
        private final T[] buffer;
        private final int from;
        private final int to;
        private final int threshold;
        private final Comparator<? super T> order;

        public SortTask(T[] a, T[] buffer, int from, int to, int threshold, Comparator<? super T> order) {
            this.a = a;
            this.buffer = buffer;
            this.from = from;
            this.to = to;
            this.threshold = Math.max(1, threshold);
            this.order = order;
        }

        @Override
        protected void compute() {
            if (to - from <= threshold) {
                Arrays.sort(a, from, to, order); // TimSort: stable
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new SortTask<>(a, buffer, from, mid, threshold, order),
                    new SortTask<>(a, buffer, mid, to, threshold, order));
            merge(mid);
        }

        private void merge(int mid) {
            System.arraycopy(a, from, buffer, from, to - from);
            int i = from;
            int j = mid;
            int k = from;
            while (i < mid && j < to) {
                a[k++] = order.compare(buffer[j], buffer[i]) < 0 ? buffer[j++] : buffer[i++]; // ties: left first
            }
            while (i < mid) {
                a[k++] = buffer[i++];
            }
            while (j < to) {
                a[k++] = buffer[j++];
            }
        }
    }

    /** Sums {@code a} on {@code pool} with the given threshold. */
    public static long sum(ForkJoinPool pool, long[] a, int threshold) {
        return pool.invoke(new SumTask(a, 0, a.length, threshold));
    }

    /** Sorts {@code a} stably on {@code pool}. */
    public static <T> void sort(ForkJoinPool pool, T[] a, int threshold, Comparator<? super T> order) {
        pool.invoke(new SortTask<>(a, a.clone(), 0, a.length, threshold, order));
    }

    /** The parallel-stream sum, on the common pool. */
    public static long streamSum(long[] a) {
        return Arrays.stream(a).parallel().sum();
    }

    /** The sequential reference. */
    public static long sequentialSum(long[] a) {
        return LongStream.of(a).sum();
    }

    /** Deterministic input: {@code size} numbers in [-1000, 1000). */
    public static long[] input(int size, long seed) {
        var random = new SplittableRandom(seed);
        return random.longs(size, -1000, 1000).toArray();
    }

    /** Sums by each route and the sort check. */
    public record Result(int size, long sequential, long forkJoinCustom, long forkJoinCommon, long parallelStream,
                         int parallelism, long steals, boolean sorted) {
    }

    public static Result run(int size, int threshold, int parallelism) {
        long[] a = input(size, 42);
        try (var pool = new ForkJoinPool(parallelism)) {
            long custom = sum(pool, a, threshold);
            long common = sum(ForkJoinPool.commonPool(), a, threshold);
            Long[] boxed = Arrays.stream(a).boxed().toArray(Long[]::new);
            sort(pool, boxed, threshold, Comparator.naturalOrder());
            boolean sorted = true;
            for (int i = 1; i < boxed.length; i++) {
                sorted &= boxed[i - 1] <= boxed[i];
            }
            return new Result(size, sequentialSum(a), custom, common, streamSum(a), pool.getParallelism(),
                    pool.getStealCount(), sorted);
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(ForkJoinSum.class)
                .intPositional("size", 10_000_000, 0, Integer.MAX_VALUE, "array length")
                .intOption("--threshold", 10_000, 1, Integer.MAX_VALUE, "array length below which a task sums sequentially")
                .intOption("--parallelism", Runtime.getRuntime().availableProcessors(), 1, Integer.MAX_VALUE, "threads of the ForkJoinPool").defaultText("the cores");
        RecipeMain.run(args, options, opt -> {
            int size = opt.intValue("size");
            int threshold = opt.intValue("--threshold");
            int parallelism = opt.intValue("--parallelism");
            Result r = run(size, threshold, parallelism);
            System.out.printf(Locale.ROOT, "%,d numbers, threshold %,d%n", r.size(), threshold);
            System.out.printf(Locale.ROOT, "sequential sum           %d%n", r.sequential());
            System.out.printf(Locale.ROOT, "fork/join, custom pool   %d  (parallelism %d, %d steals)%n",
                    r.forkJoinCustom(), r.parallelism(), r.steals());
            System.out.printf(Locale.ROOT, "fork/join, common pool   %d  (parallelism %d)%n",
                    r.forkJoinCommon(), ForkJoinPool.getCommonPoolParallelism());
            System.out.printf(Locale.ROOT, "parallel stream          %d%n", r.parallelStream());
            System.out.println("all equal: " + (r.sequential() == r.forkJoinCustom() && r.sequential() == r.forkJoinCommon()
                    && r.sequential() == r.parallelStream()) + "; parallel merge sort sorted: " + r.sorted());
        });
    }
}
