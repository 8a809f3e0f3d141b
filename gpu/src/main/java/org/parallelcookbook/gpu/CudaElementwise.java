package org.parallelcookbook.gpu;

import java.util.Locale;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.gpu.cuda.CudaContext;
import org.parallelcookbook.gpu.cuda.CudaElementwiseKernel;

/**
 * <b>Evaluating element-wise expressions with PyCUDA</b> (book chapter 6).
 *
 * <p>PyCUDA's {@code ElementwiseKernel("float a, float *x, float b, float *y, float *c",
 * "c[i] = a*x[i] + b*y[i]", "lin_comb")} writes the whole kernel, index and bounds check included,
 * from one C statement. The book applies it with a = 2, b = 5 to two 50-element vectors from
 * {@code curandom}, prints inputs and result, and checks ‖c − (2x + 5y)‖ &lt; 1e−5.
 *
 * <p><b>Java vs Python:</b> {@link CudaElementwiseKernel} has the same constructor shape as its
 * OpenCL twin {@code ClElementwiseKernel} (context, arguments, operation, name); inputs marked
 * {@code const} are only copied in. JCurand 12.6 is not on Maven Central, so the vectors come from
 * a seeded host generator instead of cuRAND.
 *
 * <p>Run: {@code ./cookbook run ch6.cuda-elementwise [n] [--seed 42]} (needs an NVIDIA GPU).
 */
@Recipe(id = "ch6.cuda-elementwise", chapter = 6, title = "Evaluating element-wise expressions with PyCUDA")
public final class CudaElementwise {

    private CudaElementwise() {
    }

    /** Inputs, result and ‖c − (a·x + b·y)‖. */
    public record Result(float[] x, float[] y, float[] c, double norm, String source, String device) {
    }

    public static Result linearCombination(float a, float[] x, float b, float[] y) {
        float[] c = new float[x.length];
        try (var cuda = CudaContext.open(null);
             var linComb = new CudaElementwiseKernel(cuda, "float a, const float *x, float b, const float *y, float *c",
                     "c[i] = a*x[i] + b*y[i]", "lin_comb")) {
            linComb.run(x.length, a, x, b, y, c);
            double sq = 0;
            for (int i = 0; i < c.length; i++) {
                double d = c[i] - ((double) a * x[i] + (double) b * y[i]);
                sq += d * d;
            }
            return new Result(x, y, c, Math.sqrt(sq), linComb.source(), linComb.device());
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(CudaElementwise.class)
                .intPositional("n", 50, 1, Integer.MAX_VALUE, "vector length")
                .intOption("--seed", 42, 0, Integer.MAX_VALUE, "seed of the random input");
        RecipeMain.run(args, options, opt -> {
            int n = opt.intValue("n");
            long seed = opt.intValue("--seed");
            var r = linearCombination(2f, HostArrays.randomFloats(n, seed), 5f, HostArrays.randomFloats(n, seed + 1));
            System.out.println(r.device());
            System.out.println("generated kernel:");
            r.source().lines().forEach(l -> System.out.println("    " + l));
            System.out.println("x = " + HostArrays.head(r.x(), 10));
            System.out.println("y = " + HostArrays.head(r.y(), 10));
            System.out.println("c = " + HostArrays.head(r.c(), 10));
            System.out.printf(Locale.ROOT, "|c - (2x + 5y)| = %.3g (< 1e-5: %s)%n", r.norm(), r.norm() < 1e-5);
        });
    }
}
