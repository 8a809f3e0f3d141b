package org.parallelcookbook.gpu;

import java.util.Locale;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.gpu.cuda.CudaContext;
import org.parallelcookbook.gpu.kernel.MatMulKernels;

/**
 * <b>Understanding the PyCUDA memory model with matrix manipulation</b> (book chapter 6).
 *
 * <p>A CUDA thread sees registers (private, fastest), shared memory (per block, on chip), constant
 * memory (read-only, cached) and global memory (the device's DRAM, slowest). The book's prose
 * describes the classic use of shared memory: load a tile of each matrix into it, synchronise,
 * multiply from the tile, synchronise, repeat. Its code, though, is the naive kernel: one 5×5
 * block, thread (tx, ty) computes c[ty][tx] straight from global memory; it prints A, B, C and
 * C − {@code np.dot(A, B)} (differences around 1e−7).
 *
 * <p><b>Java vs Python:</b> both kernels are here ({@link MatMulKernels#CUDA}): the naive one and
 * the tiled {@code __shared__}/{@code __syncthreads()} one the prose describes, each on a grid of
 * 16×16 blocks so that sizes beyond one block (and not a multiple of 16) work. The same pair in
 * OpenCL C is what {@code ./cookbook bench ch6.opencl-test} times.
 *
 * <p>Run: {@code ./cookbook run ch6.cuda-memory [--size 5] [--seed 42]} (needs an NVIDIA GPU).
 */
@Recipe(id = "ch6.cuda-memory", chapter = 6, title = "Understanding the PyCUDA memory model with matrix manipulation")
public final class CudaMatrixMultiply {

    private CudaMatrixMultiply() {
    }

    /** Both GPU products and the CPU one. */
    public record Result(int n, float[] a, float[] b, float[] naive, float[] tiled, float[] cpu, String device) {
    }

    public static Result multiply(float[] a, float[] b, int n) {
        if (a.length != n * n || b.length != n * n) {
            throw new IllegalArgumentException("A and B must be n x n");
        }
        float[] naive = new float[n * n];
        float[] tiled = new float[n * n];
        try (var cuda = CudaContext.open(null);
             var module = cuda.compile(MatMulKernels.CUDA, "matmul.cu");
             var da = cuda.copyOf(a);
             var db = cuda.copyOf(b);
             var dcNaive = cuda.alloc((long) n * n * Float.BYTES);
             var dcTiled = cuda.alloc((long) n * n * Float.BYTES)) {
            int blocks = MatMulKernels.padded(n) / MatMulKernels.TILE;
            int[] grid = {blocks, blocks};
            int[] block = {MatMulKernels.TILE, MatMulKernels.TILE};
            // one output buffer per kernel, each filled with NaN first: an element a kernel fails to
            // write stays NaN and fails the comparison, instead of showing the other kernel's result
            int nan = Float.floatToRawIntBits(Float.NaN);
            cuda.fill(dcNaive, nan);
            cuda.fill(dcTiled, nan);
            cuda.launch(module.function("matmul_naive"), grid, block, 0, n, da, db, dcNaive);
            cuda.launch(module.function("matmul_tiled"), grid, block, 0, n, da, db, dcTiled);
            cuda.read(dcNaive, naive);
            cuda.read(dcTiled, tiled);
            return new Result(n, a, b, naive, tiled, MatMulKernels.reference(a, b, n), cuda.describe());
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(CudaMatrixMultiply.class)
                .intOption("--size", 5, 1, Integer.MAX_VALUE, "rows and columns of the square matrices")
                .intOption("--seed", 42, 0, Integer.MAX_VALUE, "seed of the random matrices");
        RecipeMain.run(args, options, opt -> {
            int n = opt.intValue("--size");
            long seed = opt.intValue("--seed");
            var r = multiply(HostArrays.randomNormalFloats(n * n, seed), HostArrays.randomNormalFloats(n * n, seed + 1), n);
            System.out.println("device: " + r.device());
            if (n <= 8) {
                System.out.print("A =\n" + HostArrays.format(r.a(), n, n));
                System.out.print("B =\n" + HostArrays.format(r.b(), n, n));
                System.out.print("C (GPU, tiled) =\n" + HostArrays.format(r.tiled(), n, n));
                float[] diff = new float[n * n];
                for (int i = 0; i < diff.length; i++) {
                    diff[i] = r.tiled()[i] - r.cpu()[i];
                }
                System.out.print("C - A.B (CPU) =\n" + HostArrays.format(diff, n, n));
            }
            System.out.printf(Locale.ROOT, "max relative error: naive %.2e, tiled %.2e%n",
                    MatMulKernels.maxRelativeError(r.naive(), r.cpu()), MatMulKernels.maxRelativeError(r.tiled(), r.cpu()));
        });
    }
}
