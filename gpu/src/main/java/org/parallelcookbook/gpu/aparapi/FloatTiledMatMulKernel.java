package org.parallelcookbook.gpu.aparapi;

import com.aparapi.Kernel;

/**
 * The tiled matmul kernel ({@code matmul_tiled} of {@code MatMulKernels.OPENCL}) as far as Aparapi
 * can say it: two {@link Kernel.Local @Local} arrays of {@value #TILE}×{@value #TILE} floats that a
 * work group shares, {@link #localBarrier()} between loading a tile and using it, and local and
 * group ids over a 2-D range of {@value #TILE}×{@value #TILE} groups
 * ({@code AparapiSupport.range2d(device, n, n, TILE)}). Aparapi has no 2-D local arrays (the tiles
 * are indexed by hand), no vector types ({@code float4}, {@code vloadN}) and no way to keep a block
 * of accumulators in registers, so the ladder's later rungs cannot be written here.
 */
public final class FloatTiledMatMulKernel extends Kernel {
    /** Tile edge and work-group edge. */
    public static final int TILE = 16;

    private final float[] a;
    private final float[] b;
    private final float[] c;
    private final int n;
    @Local
    private final float[] ta = new float[TILE * TILE];
    @Local
    private final float[] tb = new float[TILE * TILE];

    public FloatTiledMatMulKernel(float[] a, float[] b, float[] c, int n) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.n = n;
    }

    @Override
    public void run() {
        int tx = getLocalId(0);
        int ty = getLocalId(1);
        int col = getGroupId(0) * TILE + tx;
        int row = getGroupId(1) * TILE + ty;
        float sum = 0f;
        int tiles = (n + TILE - 1) / TILE;
        for (int t = 0; t < tiles; t++) {
            int ka = t * TILE + tx;
            int kb = t * TILE + ty;
            float va = 0f;
            if (row < n && ka < n) {
                va = a[row * n + ka];
            }
            float vb = 0f;
            if (kb < n && col < n) {
                vb = b[kb * n + col];
            }
            ta[ty * TILE + tx] = va;
            tb[ty * TILE + tx] = vb;
            localBarrier();
            for (int k = 0; k < TILE; k++) {
                sum += ta[ty * TILE + k] * tb[k * TILE + tx];
            }
            localBarrier();
        }
        if (row < n && col < n) {
            c[row * n + col] = sum;
        }
    }
}
