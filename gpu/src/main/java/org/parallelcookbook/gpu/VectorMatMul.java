package org.parallelcookbook.gpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API variant of {@link JavaMatMul}: the Java counterpart of the OpenCL <em>vectors</em>
 * rung. The only class of the module that names {@code jdk.incubator.vector}; {@link JavaMatMul}
 * loads it only after checking that the module is in the boot layer, so the rest of the module
 * runs in a JVM started without {@code --add-modules jdk.incubator.vector}.
 *
 * <p>B is packed into panels two vectors wide (2 × {@code FloatVector.SPECIES_PREFERRED.length()}
 * columns, zero-padded past n), each panel k-major and contiguous. For each block of {@value #ROWS_PER_BLOCK} rows of C and one panel, the
 * {@value #ROWS_PER_BLOCK} × 2 vectors of C stay in registers (twelve named accumulators) across a
 * block of {@value #KC} values of k; each k loads two vectors of the panel and
 * {@value #ROWS_PER_BLOCK} scalars of A, and does twelve vector fmas. Twelve accumulators, two B
 * vectors and one broadcast fit the 16 vector registers of AVX2 as well as the 32 of AVX-512.
 * Columns past n are masked on C's loads and stores; the last rows (fewer than
 * {@value #ROWS_PER_BLOCK}) go one at a time.
 */
final class VectorMatMul {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int W = 2 * L;
    /** Rows of C per register block. */
    static final int ROWS_PER_BLOCK = 6;
    /** k per cache block: the slice of a panel in use is KC × 2 vectors (32 KiB with 16-float vectors). */
    static final int KC = 256;
    /** Rows of C per task: eight register blocks. */
    static final int TASK_ROWS = 8 * ROWS_PER_BLOCK;

    private VectorMatMul() {
    }

    static String describe() {
        return "the Vector API (" + S + "): B packed in panels of 2 vectors, each step keeps a " + ROWS_PER_BLOCK
                + " x 2-vector block of C in registers across k and updates it with one fma per vector";
    }

    static float[] multiply(float[] a, float[] b, int n, int workers) {
        int panels = (n + W - 1) / W;
        float[] packed = new float[panels * n * W];
        for (int p = 0; p < panels; p++) {
            int j0 = p * W;
            int width = Math.min(W, n - j0);
            for (int k = 0; k < n; k++) {
                System.arraycopy(b, k * n + j0, packed, (p * n + k) * W, width);
            }
        }
        float[] c = new float[n * n];
        JavaMatMul.inParallel((n + TASK_ROWS - 1) / TASK_ROWS, workers, t -> {
            int from = t * TASK_ROWS;
            task(a, packed, c, n, panels, from, Math.min(n, from + TASK_ROWS));
        });
        return c;
    }

    private static void task(float[] a, float[] packed, float[] c, int n, int panels, int from, int to) {
        for (int k0 = 0; k0 < n; k0 += KC) {
            int k1 = Math.min(n, k0 + KC);
            for (int p = 0; p < panels; p++) {
                int j = p * W;
                int base = p * n * W;
                VectorMask<Float> m0 = j + W <= n ? null : S.indexInRange(j, n);
                VectorMask<Float> m1 = j + W <= n ? null : S.indexInRange(j + L, n);
                int i = from;
                for (; i + ROWS_PER_BLOCK <= to; i += ROWS_PER_BLOCK) {
                    block(a, packed, c, n, i, j, base, k0, k1, m0, m1);
                }
                for (; i < to; i++) {
                    row(a, packed, c, n, i, j, base, k0, k1, m0, m1);
                }
            }
        }
    }

    private static FloatVector load(float[] c, int offset, VectorMask<Float> m) {
        return m == null ? FloatVector.fromArray(S, c, offset) : FloatVector.fromArray(S, c, offset, m);
    }

    private static void store(FloatVector v, float[] c, int offset, VectorMask<Float> m) {
        if (m == null) {
            v.intoArray(c, offset);
        } else {
            v.intoArray(c, offset, m);
        }
    }

    /** Rows i .. i+5 of C, columns j .. j+2L-1, over k0 .. k1-1. */
    private static void block(float[] a, float[] packed, float[] c, int n, int i, int j, int base, int k0, int k1,
                              VectorMask<Float> m0, VectorMask<Float> m1) {
        int r0 = i * n;
        int r1 = r0 + n;
        int r2 = r1 + n;
        int r3 = r2 + n;
        int r4 = r3 + n;
        int r5 = r4 + n;
        FloatVector c00 = load(c, r0 + j, m0);
        FloatVector c01 = load(c, r0 + j + L, m1);
        FloatVector c10 = load(c, r1 + j, m0);
        FloatVector c11 = load(c, r1 + j + L, m1);
        FloatVector c20 = load(c, r2 + j, m0);
        FloatVector c21 = load(c, r2 + j + L, m1);
        FloatVector c30 = load(c, r3 + j, m0);
        FloatVector c31 = load(c, r3 + j + L, m1);
        FloatVector c40 = load(c, r4 + j, m0);
        FloatVector c41 = load(c, r4 + j + L, m1);
        FloatVector c50 = load(c, r5 + j, m0);
        FloatVector c51 = load(c, r5 + j + L, m1);
        for (int k = k0; k < k1; k++) {
            int o = base + k * W;
            FloatVector b0 = FloatVector.fromArray(S, packed, o);
            FloatVector b1 = FloatVector.fromArray(S, packed, o + L);
            FloatVector x = FloatVector.broadcast(S, a[r0 + k]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[r1 + k]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[r2 + k]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[r3 + k]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[r4 + k]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[r5 + k]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        store(c00, c, r0 + j, m0);
        store(c01, c, r0 + j + L, m1);
        store(c10, c, r1 + j, m0);
        store(c11, c, r1 + j + L, m1);
        store(c20, c, r2 + j, m0);
        store(c21, c, r2 + j + L, m1);
        store(c30, c, r3 + j, m0);
        store(c31, c, r3 + j + L, m1);
        store(c40, c, r4 + j, m0);
        store(c41, c, r4 + j + L, m1);
        store(c50, c, r5 + j, m0);
        store(c51, c, r5 + j + L, m1);
    }

    /** One row of C (the rows left over after the blocks of six), columns j .. j+2L-1. */
    private static void row(float[] a, float[] packed, float[] c, int n, int i, int j, int base, int k0, int k1,
                            VectorMask<Float> m0, VectorMask<Float> m1) {
        int r0 = i * n;
        FloatVector c00 = load(c, r0 + j, m0);
        FloatVector c01 = load(c, r0 + j + L, m1);
        for (int k = k0; k < k1; k++) {
            int o = base + k * W;
            FloatVector x = FloatVector.broadcast(S, a[r0 + k]);
            c00 = x.fma(FloatVector.fromArray(S, packed, o), c00);
            c01 = x.fma(FloatVector.fromArray(S, packed, o + L), c01);
        }
        store(c00, c, r0 + j, m0);
        store(c01, c, r0 + j + L, m1);
    }
}
