package org.parallelcookbook.gpu;

import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.gpu.cuda.CudaContext;
import org.parallelcookbook.gpu.cuda.CudaReductionKernel;

/**
 * <b>The MapReduce operation with PyCUDA</b> (book chapter 6).
 *
 * <p>PyCUDA's {@code ReductionKernel(dtype_out, arguments, map_expr="x[i]*y[i]",
 * reduce_expr="a+b", neutral="0")} maps every element and folds the results, on the GPU: the dot
 * product of {@code arange(400)} with itself is 21253400 (the prose says 500 elements; the code
 * uses 400). The result stays on the device until {@code .get()}.
 *
 * <p><b>Java vs Python:</b> {@link CudaReductionKernel} (same shape as the OpenCL
 * {@code ClReductionKernel}) generates the map, a per-block tree reduction in shared memory with
 * {@code __syncthreads()} between levels, and a second one-block launch over the block partials.
 * Integers are {@code long} ({@code long long} in CUDA C++), so the sum cannot overflow at the
 * sizes used here.
 *
 * <p>Run: {@code ./cookbook run ch6.cuda-reduction [n]} (needs an NVIDIA GPU).
 */
@Recipe(id = "ch6.cuda-reduction", chapter = 6, title = "The MapReduce operation with PyCUDA")
public final class CudaDotProduct {

    private CudaDotProduct() {
    }

    /** 0, 1, ..., n-1. */
    public static long[] arange(int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    /** The CPU reference: sum of i² for i &lt; n. */
    public static long reference(int n) {
        long s = 0;
        for (long i = 0; i < n; i++) {
            s += i * i;
        }
        return s;
    }

    /** x · y on the GPU. */
    public static long dot(long[] x, long[] y) {
        try (var cuda = CudaContext.open(null);
             var dot = new CudaReductionKernel(cuda, "long", "0", "a+b", "x[i]*y[i]", "const long *x, const long *y", "dot")) {
            return dot.reduce(x.length, x, y).longValue();
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(CudaDotProduct.class)
                .intPositional("n", 400, 1, Integer.MAX_VALUE, "vector length");
        RecipeMain.run(args, options, opt -> {
            int n = opt.intValue("n");
            long[] x = arange(n);
            long result = dot(x, x);
            System.out.println("dot(arange(" + n + "), arange(" + n + ")) on the GPU = " + result);
            System.out.println("CPU reference                        = " + reference(n));
        });
    }
}
