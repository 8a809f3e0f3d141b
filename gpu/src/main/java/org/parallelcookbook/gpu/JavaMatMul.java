package org.parallelcookbook.gpu;

import java.util.stream.IntStream;

/**
 * The plain-Java baseline of the chapter's matrix multiply, written the way a CPU wants it:
 * cache-blocked and multithreaded. The rows of C are split into chunks of {@value #ROWS} rows, one
 * task each on the common fork/join pool; inside a chunk, k runs in blocks of {@value #K_BLOCK} so
 * that the block of B being streamed ({@value #K_BLOCK} rows) stays in the core's L2 cache while
 * every row of the chunk uses it, instead of coming from memory once per row. The inner loop
 * ({@code c[i][j] += a[i][k] * b[k][j]} over j) is the one HotSpot's C2 vectorises with the
 * machine's widest registers.
 *
 * <p>What it does not do: register blocking. Keeping a block of C in registers across k needs
 * explicit vectors (the incubating {@code jdk.incubator.vector} API), which every run of the
 * cookbook would then have to resolve with {@code --add-modules}, printing an incubator warning;
 * the OpenCL kernels of {@link OpenClMatMulLadder} show that step instead.
 */
public final class JavaMatMul {

    /** Rows of C per task. */
    public static final int ROWS = 16;
    /** Rows of B per cache block. */
    public static final int K_BLOCK = 128;

    /** The row of the benchmark table that says what this variant changes. */
    public static final String BLOCKED_CHANGE = "cache blocking: chunks of " + ROWS + " rows of C per task, k in blocks of "
            + K_BLOCK + " so the rows of B in use stay in L2 while the whole chunk uses them";

    private JavaMatMul() {
    }

    /** C = A·B for row-major n×n matrices, blocked and on the common pool. */
    public static float[] blocked(float[] a, float[] b, int n) {
        if (a.length != n * n || b.length != n * n) {
            throw new IllegalArgumentException("A and B must be n x n");
        }
        float[] c = new float[n * n];
        int chunks = (n + ROWS - 1) / ROWS;
        IntStream.range(0, chunks).parallel().forEach(t -> chunk(a, b, c, n, t * ROWS, Math.min(n, (t + 1) * ROWS)));
        return c;
    }

    private static void chunk(float[] a, float[] b, float[] c, int n, int from, int to) {
        for (int k0 = 0; k0 < n; k0 += K_BLOCK) {
            int k1 = Math.min(n, k0 + K_BLOCK);
            for (int i = from; i < to; i++) {
                int row = i * n;
                for (int k = k0; k < k1; k++) {
                    float aik = a[row + k];
                    int bk = k * n;
                    for (int j = 0; j < n; j++) {
                        c[row + j] += aik * b[bk + j];
                    }
                }
            }
        }
    }
}
