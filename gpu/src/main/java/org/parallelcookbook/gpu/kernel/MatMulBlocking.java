package org.parallelcookbook.gpu.kernel;

import java.util.Locale;

/**
 * How one work item (thread) of a register-blocked matrix multiply divides C: it computes a block
 * of {@code rows} rows by {@code vectors × width} columns, held in {@code rows × vectors}
 * accumulators of {@code width} floats each. With {@code kTile > 0} a work group of {@code group}
 * work items (stacked along the rows, sharing the same columns) first copies a {@code kTile ×
 * blockWidth} tile of B into local ({@code __shared__}) memory and multiplies from there.
 *
 * @param rows    rows of C per work item (TM)
 * @param vectors vectors of C per row and work item (TN)
 * @param width   floats per vector: 1 (scalar), 2, 4, 8 or 16 (OpenCL's {@code floatN}, {@code vloadN})
 * @param kTile   rows of B per local tile; 0 for no local memory (B read from global memory)
 * @param group   work items per work group along the rows; 0 lets the runtime choose (only without a tile)
 */
public record MatMulBlocking(int rows, int vectors, int width, int kTile, int group) {

    public MatMulBlocking {
        if (rows < 1 || rows > 16 || vectors < 1 || vectors > 8 || rows * vectors * width > 1024) {
            throw new IllegalArgumentException("block of " + rows + " x " + vectors + " x " + width + " is out of range");
        }
        if (width != 1 && width != 2 && width != 4 && width != 8 && width != 16) {
            throw new IllegalArgumentException("vector width must be 1, 2, 4, 8 or 16, not " + width);
        }
        if (kTile < 0 || group < 0 || (kTile > 0 && group < 1)) {
            throw new IllegalArgumentException("a local tile needs a work-group size: kTile " + kTile + ", group " + group);
        }
    }

    /** Register blocking from global memory, no local tile. */
    public static MatMulBlocking registers(int rows, int vectors, int width) {
        return new MatMulBlocking(rows, vectors, width, 0, 0);
    }

    /** Columns of C per work item. */
    public int blockWidth() {
        return vectors * width;
    }

    public boolean usesLocal() {
        return kTile > 0;
    }

    /** Bytes of local memory one work group uses. */
    public long localBytes() {
        return (long) kTile * blockWidth() * Float.BYTES;
    }

    /** Work items along columns (dimension 0) and rows (dimension 1) for an n×n product. */
    public long[] global(int n) {
        long cols = ceilDiv(n, blockWidth());
        long rowItems = ceilDiv(n, rows);
        if (usesLocal()) {
            rowItems = ceilDiv(rowItems, group) * group;
        }
        return new long[] {cols, rowItems};
    }

    /** The work-group shape, or null when the runtime chooses. */
    public long[] local() {
        return usesLocal() ? new long[] {1, group} : null;
    }

    /** Kernel name that says the shape, e.g. {@code matmul_8x2xfloat16_k256_g32}. */
    public String kernelName() {
        return "matmul_" + rows + "x" + vectors + "x" + (width == 1 ? "float" : "float" + width)
                + (usesLocal() ? "_k" + kTile + "_g" + group : "");
    }

    /** {@code "8x(2 float16), B tile 256x32 in local memory, groups of 32"}. */
    public String describe() {
        String v = width == 1 ? vectors + " float" : vectors + " float" + width;
        String s = String.format(Locale.ROOT, "%dx(%s) per work item", rows, v);
        return usesLocal() ? s + String.format(Locale.ROOT, ", B tile %dx%d in local memory (%d KiB), groups of %d",
                kTile, blockWidth(), localBytes() >> 10, group) : s;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
