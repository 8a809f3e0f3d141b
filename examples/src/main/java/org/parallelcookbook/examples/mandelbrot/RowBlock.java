package org.parallelcookbook.examples.mandelbrot;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.parallelcookbook.processes.pool.RemoteTask;

/**
 * A block of rows [from, to) of a grid, as a task that travels to another JVM or cluster member:
 * the spec's fields and the row range, nothing else, so it serializes into a few dozen bytes. Its
 * result is the block's iteration counts, row-major ({@code (to - from) * width} ints).
 *
 * <p>The same object is a {@link RemoteTask} for chapter 3's {@code WorkerPool} and a
 * {@link Callable} for chapter 5's Hazelcast executor: both ship it with Java serialization, and
 * both admit it only because its package is on their deserialization allow-lists.
 */
public record RowBlock(int width, int height, double xMin, double xMax, double yMin, double yMax, int maxIter,
                       int from, int to) implements RemoteTask<int[]>, Callable<int[]>, Serializable {

    public RowBlock {
        if (from < 0 || to > height || from >= to) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") outside a grid of height " + height);
        }
    }

    /** Rows [from, to) of {@code spec}. */
    public static RowBlock of(MandelbrotSpec spec, int from, int to) {
        return new RowBlock(spec.width(), spec.height(), spec.xMin(), spec.xMax(), spec.yMin(), spec.yMax(),
                spec.maxIter(), from, to);
    }

    /** The grid cut into blocks of {@code rowsPerBlock} rows (the last may be shorter), top to bottom. */
    public static List<RowBlock> split(MandelbrotSpec spec, int rowsPerBlock) {
        List<RowBlock> blocks = new ArrayList<>();
        for (int from = 0; from < spec.height(); from += rowsPerBlock) {
            blocks.add(of(spec, from, Math.min(spec.height(), from + rowsPerBlock)));
        }
        return blocks;
    }

    /** How many rows per block give each of {@code workers} workers about {@code blocksPerWorker} blocks (8 to 16 rows). */
    public static int rowsPerBlock(MandelbrotSpec spec, int workers, int blocksPerWorker) {
        int rows = spec.height() / Math.max(1, workers * blocksPerWorker);
        return Math.max(8, Math.min(16, rows));
    }

    public MandelbrotSpec spec() {
        return new MandelbrotSpec(width, height, xMin, xMax, yMin, yMax, maxIter);
    }

    /** Computes the block (where it lands: a worker JVM, a cluster member). */
    @Override
    public int[] call() {
        MandelbrotSpec spec = spec();
        int[] out = new int[(to - from) * width];
        for (int row = from; row < to; row++) {
            System.arraycopy(spec.row(row), 0, out, (row - from) * width, width);
        }
        return out;
    }

    /** Copies this block's result into its place in the whole grid. */
    public void place(int[] counts, int[] grid) {
        if (counts.length != (to - from) * width) {
            throw new IllegalStateException("block of rows [" + from + ", " + to + ") came back with " + counts.length
                    + " counts, expected " + (to - from) * width);
        }
        System.arraycopy(counts, 0, grid, from * width, counts.length);
    }
}
