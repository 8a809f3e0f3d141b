package org.parallelcookbook.examples.mandelbrot;

import java.util.List;
import org.parallelcookbook.processes.pool.WorkerPool;

/**
 * The Mandelbrot set on chapter 3's process pool: {@code workers} worker JVMs
 * ({@link WorkerPool}, Java's {@code multiprocessing.Pool}) started once, then one
 * {@link RowBlock} task per block of rows, handed out to idle workers as they finish (dynamic
 * balancing) and collected in input order by {@link WorkerPool#map}. Each task and each result
 * crosses a pipe as a serialized object, which is the price of the separate address spaces.
 */
public final class WorkerPoolMandelbrot implements MandelbrotModel {

    /** Blocks each worker gets on average: enough to balance the costly middle rows. */
    static final int BLOCKS_PER_WORKER = 4;

    private WorkerPool pool;
    private int rowsPerBlock;
    private int blocks;

    @Override
    public String name() {
        return "worker-pool";
    }

    @Override
    public String chapter() {
        return "3 (WorkerPool)";
    }

    @Override
    public void start(int workers) {
        close();
        pool = WorkerPool.start(workers);
    }

    @Override
    public int[] render(MandelbrotSpec spec, int workers) {
        rowsPerBlock = RowBlock.rowsPerBlock(spec, pool.size(), BLOCKS_PER_WORKER);
        List<RowBlock> tasks = RowBlock.split(spec, rowsPerBlock);
        blocks = tasks.size();
        List<int[]> results = pool.map(tasks);
        int[] grid = new int[spec.pixels()];
        for (int i = 0; i < tasks.size(); i++) {
            tasks.get(i).place(results.get(i), grid);
        }
        return grid;
    }

    @Override
    public int effectiveWorkers(int requested) {
        return pool == null ? requested : pool.size();
    }

    @Override
    public String notes() {
        return pool == null ? "" : pool.size() + " worker JVMs; " + blocks + " tasks of " + rowsPerBlock + " rows";
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
