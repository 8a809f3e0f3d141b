package org.parallelcookbook.gpu;

import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.gpu.opencl.ClElementwiseKernel;
import org.parallelcookbook.gpu.opencl.OpenClContext;
import org.parallelcookbook.gpu.opencl.OpenClDevices;

/**
 * <b>Evaluating element-wise expressions with PyOpenCL</b> (book chapter 6).
 *
 * <p>Most GPU code is "do this to every element". PyOpenCL's {@code ElementwiseKernel} writes the
 * kernel for you from an argument list and one C statement over the index {@code i}; the book adds
 * two vectors of 100 ints with {@code "c[i] = a[i] + b[i]"}. {@link ClElementwiseKernel} does the
 * same (the generated source is printed), and its CUDA twin {@code CudaElementwiseKernel} has the
 * very same shape.
 *
 * <p><b>Java vs Python:</b> the book's {@code create_some_context()} asks interactively which
 * platform to use unless {@code PYOPENCL_CTX} is set; a recipe that stops to ask cannot run in CI,
 * so here the device comes from {@code -Dcookbook.opencl.device} or {@code COOKBOOK_OPENCL_DEVICE},
 * otherwise GPU before CPU, and the choice is printed. Arrays are plain Java arrays: the helper
 * copies pointer arguments in, and the non-{@code const} ones back.
 *
 * <p>Run: {@code ./cookbook run ch6.opencl-elementwise [n] [seed]}.
 */
@Recipe(id = "ch6.opencl-elementwise", chapter = 6, title = "Evaluating element-wise expressions with PyOpenCL")
public final class OpenClElementwise {

    private OpenClElementwise() {
    }

    /** The result, the generated kernel and where it ran. */
    public record Result(int[] c, String source, String device) {
    }

    /** c = a + b through a generated element-wise kernel. */
    public static Result add(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors must have equal length");
        }
        int[] c = new int[a.length];
        try (var cl = OpenClContext.open(OpenClDevices.choose());
             var sum = new ClElementwiseKernel(cl, "const int *a, const int *b, int *c", "c[i] = a[i] + b[i]", "sum")) {
            sum.run(a.length, a, b, c);
            return new Result(c, sum.source(), cl.choice().describe());
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(OpenClElementwise.class)
                .intPositional("n", 100, 1, Integer.MAX_VALUE, "vector length")
                .longPositional("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE, "seed of the random vectors");
        RecipeMain.run(args, options, opt -> {
            int n = opt.intValue("n");
            long seed = opt.longValue("seed");
            int[] x = HostArrays.randomInts(n, 100, seed);
            int[] y = HostArrays.randomInts(n, 100, seed + 1);
            var result = add(x, y);
            System.out.println(result.device());
            System.out.println("generated kernel:");
            result.source().lines().forEach(l -> System.out.println("    " + l));
            System.out.println("a = " + HostArrays.head(x, 20));
            System.out.println("b = " + HostArrays.head(y, 20));
            System.out.println("c = " + HostArrays.head(result.c(), 20));
            int wrong = 0;
            for (int i = 0; i < n; i++) {
                wrong += result.c()[i] == x[i] + y[i] ? 0 : 1;
            }
            if (wrong > 0) {
                throw new IllegalStateException(wrong + " elements differ from the CPU sum");
            }
            System.out.println("c equals the CPU sum a + b in all " + n + " elements");
        });
    }
}
