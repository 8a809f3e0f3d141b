package org.parallelcookbook.gpu.kernel;

/**
 * Square float matrix multiply C = A·B (row-major, n×n), written twice for each backend so that
 * the two memory strategies the book describes sit side by side:
 *
 * <ul>
 *   <li><b>naive</b>: the work item (thread) at (row, col) reads a whole row of A and a column of B
 *       from global memory: 2n loads for 2n flops;</li>
 *   <li><b>tiled</b>: a TILE×TILE work group (block) copies one tile of A and one of B into local
 *       ({@code __shared__}) memory, waits at a barrier, multiplies the tiles from there, waits
 *       again and moves on. Each global element is loaded once per tile instead of once per
 *       work item: TILE times fewer global loads.</li>
 * </ul>
 *
 * Both guard {@code row < n && col < n} and pad partial tiles with zeros, so n need not be a
 * multiple of TILE; launch them on a grid rounded up to TILE.
 */
public final class MatMulKernels {

    /** Tile edge; the work-group (block) is TILE×TILE. */
    public static final int TILE = 16;

    public static final String OPENCL = """
            #define TILE %d
            __kernel void matmul_naive(const int n, __global const float *a, __global const float *b,
                                       __global float *c) {
                const int col = get_global_id(0);
                const int row = get_global_id(1);
                if (row < n && col < n) {
                    float sum = 0.0f;
                    for (int k = 0; k < n; k++) {
                        sum += a[row * n + k] * b[k * n + col];
                    }
                    c[row * n + col] = sum;
                }
            }

            __kernel void matmul_tiled(const int n, __global const float *a, __global const float *b,
                                       __global float *c) {
                __local float ta[TILE][TILE];
                __local float tb[TILE][TILE];
                const int tx = get_local_id(0);
                const int ty = get_local_id(1);
                const int col = get_group_id(0) * TILE + tx;
                const int row = get_group_id(1) * TILE + ty;
                float sum = 0.0f;
                for (int t = 0; t < (n + TILE - 1) / TILE; t++) {
                    const int ka = t * TILE + tx;
                    const int kb = t * TILE + ty;
                    ta[ty][tx] = (row < n && ka < n) ? a[row * n + ka] : 0.0f;
                    tb[ty][tx] = (kb < n && col < n) ? b[kb * n + col] : 0.0f;
                    barrier(CLK_LOCAL_MEM_FENCE);
                    for (int k = 0; k < TILE; k++) {
                        sum += ta[ty][k] * tb[k][tx];
                    }
                    barrier(CLK_LOCAL_MEM_FENCE);
                }
                if (row < n && col < n) {
                    c[row * n + col] = sum;
                }
            }
            """.formatted(TILE);

    public static final String CUDA = """
            #define TILE %d
            extern "C" __global__ void matmul_naive(const int n, const float *a, const float *b, float *c) {
                const int col = blockIdx.x * blockDim.x + threadIdx.x;
                const int row = blockIdx.y * blockDim.y + threadIdx.y;
                if (row < n && col < n) {
                    float sum = 0.0f;
                    for (int k = 0; k < n; k++) {
                        sum += a[row * n + k] * b[k * n + col];
                    }
                    c[row * n + col] = sum;
                }
            }

            extern "C" __global__ void matmul_tiled(const int n, const float *a, const float *b, float *c) {
                __shared__ float ta[TILE][TILE];
                __shared__ float tb[TILE][TILE];
                const int tx = threadIdx.x;
                const int ty = threadIdx.y;
                const int col = blockIdx.x * TILE + tx;
                const int row = blockIdx.y * TILE + ty;
                float sum = 0.0f;
                for (int t = 0; t < (n + TILE - 1) / TILE; t++) {
                    const int ka = t * TILE + tx;
                    const int kb = t * TILE + ty;
                    ta[ty][tx] = (row < n && ka < n) ? a[row * n + ka] : 0.0f;
                    tb[ty][tx] = (kb < n && col < n) ? b[kb * n + col] : 0.0f;
                    __syncthreads();
                    for (int k = 0; k < TILE; k++) {
                        sum += ta[ty][k] * tb[k][tx];
                    }
                    __syncthreads();
                }
                if (row < n && col < n) {
                    c[row * n + col] = sum;
                }
            }
            """.formatted(TILE);

    private MatMulKernels() {
    }

    /** n rounded up to a multiple of TILE: the global size of both kernels. */
    public static int padded(int n) {
        return (n + TILE - 1) / TILE * TILE;
    }

    /** The CPU reference, i-k-j order (row-major friendly), in double accumulation per element. */
    public static float[] reference(float[] a, float[] b, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i * n + k];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += aik * b[k * n + j];
                }
            }
        }
        float[] out = new float[n * n];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) c[i];
        }
        return out;
    }

    /** Largest |x - ref| / max(1, |ref|) over all elements. */
    public static double maxRelativeError(float[] x, float[] ref) {
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - ref[i]) / Math.max(1.0, Math.abs(ref[i])));
        }
        return worst;
    }
}
