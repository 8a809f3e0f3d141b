package org.parallelcookbook.examples.mandelbrot;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The shared-memory models: one JVM, many threads writing disjoint rows of one array. They differ
 * only in how rows are handed out, which is the whole load-balancing lesson: the rows through the
 * middle of the set cost far more than those at the edges.
 */
public final class ThreadModels {

    private ThreadModels() {
    }

    /** The reference: one thread, row after row. */
    public static final class Sequential implements MandelbrotModel {
        @Override
        public String name() {
            return "sequential";
        }

        @Override
        public String chapter() {
            return "1";
        }

        @Override
        public int[] render(MandelbrotSpec spec, int workers) {
            int[] out = new int[spec.pixels()];
            spec.rows(0, spec.height(), out);
            return out;
        }

        @Override
        public int effectiveWorkers(int requested) {
            return 1;
        }
    }

    /**
     * A fixed pool of {@code workers} platform threads, each running one part of the grid; the
     * parts differ between the two models below.
     */
    private abstract static class PooledModel implements MandelbrotModel {
        private ExecutorService pool;

        @Override
        public void start(int workers) {
            pool = Executors.newFixedThreadPool(workers);
        }

        /** The work of worker {@code w} of {@code workers}, writing its rows or columns into {@code out}. */
        abstract Runnable part(MandelbrotSpec spec, int w, int workers, int[] out, AtomicInteger nextRow);

        @Override
        public int[] render(MandelbrotSpec spec, int workers) throws Exception {
            int[] out = new int[spec.pixels()];
            AtomicInteger nextRow = new AtomicInteger();
            List<Future<?>> parts = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                parts.add(pool.submit(part(spec, w, workers, out, nextRow)));
            }
            for (Future<?> f : parts) {
                f.get();
            }
            return out;
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.close();
            }
        }
    }

    /**
     * Static block partitioning: worker w gets the contiguous columns [w*W/p, (w+1)*W/p) of every
     * row. Simple, no coordination, and unbalanced: the points inside the set cost the full
     * iteration limit, and most of them lie in the right-hand blocks (the main cardioid). Blocks of
     * rows would hide the lesson at p = 2: the set is symmetric about the real axis, so the upper
     * and lower halves happen to cost the same.
     */
    public static final class StaticBlocks extends PooledModel {
        @Override
        public String name() {
            return "static-blocks";
        }

        @Override
        public String chapter() {
            return "2 (threads), 1 (domain decomposition)";
        }

        @Override
        Runnable part(MandelbrotSpec spec, int w, int workers, int[] out, AtomicInteger nextRow) {
            int from = (int) ((long) w * spec.width() / workers);
            int to = (int) ((long) (w + 1) * spec.width() / workers);
            return () -> spec.columns(from, to, out);
        }

        @Override
        public String notes() {
            return "contiguous column blocks";
        }
    }

    /**
     * Dynamic scheduling: workers take the next row from a shared counter until none is left, so a
     * worker that drew cheap rows simply takes more of them.
     */
    public static final class Dynamic extends PooledModel {
        @Override
        public String name() {
            return "dynamic";
        }

        @Override
        public String chapter() {
            return "2 (threads), 1 (dynamic mapping)";
        }

        @Override
        Runnable part(MandelbrotSpec spec, int w, int workers, int[] out, AtomicInteger nextRow) {
            return () -> {
                for (int row = nextRow.getAndIncrement(); row < spec.height(); row = nextRow.getAndIncrement()) {
                    spec.rows(row, row + 1, out);
                }
            };
        }

        @Override
        public String notes() {
            return "shared row counter";
        }
    }

    /** Fork/join: a parallel stream over rows on a pool of {@code workers}, split and stolen by the framework. */
    public static final class ForkJoin implements MandelbrotModel {
        private java.util.concurrent.ForkJoinPool pool;

        @Override
        public String name() {
            return "fork-join";
        }

        @Override
        public String chapter() {
            return "2 (x.forkjoin)";
        }

        @Override
        public void start(int workers) {
            pool = new java.util.concurrent.ForkJoinPool(workers);
        }

        @Override
        public int[] render(MandelbrotSpec spec, int workers) throws Exception {
            int[] out = new int[spec.pixels()];
            pool.submit(() -> IntStream.range(0, spec.height()).parallel().forEach(row -> spec.rows(row, row + 1, out))).get();
            return out;
        }

        @Override
        public String notes() {
            return "parallel stream, work stealing";
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.close();
            }
        }
    }

    /**
     * One virtual thread per row. Virtual threads are for waiting, not computing: they run on a
     * carrier pool as large as the machine's cores, so the worker count cannot be chosen.
     */
    public static final class VirtualThreads implements MandelbrotModel {
        @Override
        public String name() {
            return "virtual-threads";
        }

        @Override
        public String chapter() {
            return "2 (x.virtual-threads)";
        }

        @Override
        public int[] render(MandelbrotSpec spec, int workers) throws Exception {
            int[] out = new int[spec.pixels()];
            try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int row = 0; row < spec.height(); row++) {
                    int r = row;
                    vt.submit(() -> spec.rows(r, r + 1, out));
                }
            }
            return out;
        }

        @Override
        public int effectiveWorkers(int requested) {
            return Runtime.getRuntime().availableProcessors();
        }

        @Override
        public String notes() {
            return "one virtual thread per row; carriers = cores";
        }
    }
}
