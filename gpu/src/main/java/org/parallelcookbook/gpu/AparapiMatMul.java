package org.parallelcookbook.gpu;

import java.util.Locale;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.gpu.aparapi.AparapiSupport;
import org.parallelcookbook.gpu.aparapi.LongMatMulKernel;

/**
 * <b>GPU programming with NumbaPro</b> (book chapter 6).
 *
 * <p>NumbaPro (today: Numba) compiles Python functions through LLVM to GPU code (PTX) or
 * multicore machine code: {@code @jit}, {@code @vectorize}, {@code @guvectorize} with a layout
 * such as {@code (m,n),(n,p)->(m,p)}, and {@code target=} to pick the hardware. The book's example
 * multiplies two random 10×10 int64 matrices with a {@code @guvectorize}d triple loop.
 *
 * <p><b>Java vs Python:</b> the same idea in Java is Aparapi: write a {@code Kernel} subclass in
 * plain Java ({@link LongMatMulKernel}), and at its first {@code execute} Aparapi reads the
 * bytecode of {@code run()}, writes an OpenCL kernel from it and runs that on an OpenCL device,
 * one work item per {@code getGlobalId()}. When that is impossible it runs the same method on a
 * Java thread pool (JTP) instead, silently; {@link AparapiSupport} therefore pins the device the
 * chapter's other recipes use and then asks the kernel where it really ran, and this recipe prints
 * the answer ({@code OpenCL on pthread-... (Portable Computing Language, CPU)} where PoCL is the
 * only OpenCL). {@code --mode jtp} forces the thread pool, {@code --mode opencl} refuses it.
 *
 * <p>Run: {@code ./cookbook run ch6.numbapro [--size 10] [--mode auto|opencl|jtp] [--seed 42]}.
 */
@Recipe(id = "ch6.numbapro", chapter = 6, title = "GPU programming with NumbaPro")
public final class AparapiMatMul {

    private AparapiMatMul() {
    }

    /** The product and where it was computed. */
    public record Result(long[] c, boolean openCl, String ranOn, String chosenBecause) {
    }

    /** C (m×p) = A (m×n) · B (n×p), row-major, on Aparapi in the given mode. */
    public static Result multiply(long[] a, long[] b, int m, int n, int p, AparapiSupport.Mode mode) {
        if (a.length != m * n || b.length != n * p) {
            throw new IllegalArgumentException("A must be m x n and B n x p");
        }
        var target = AparapiSupport.choose(mode);
        long[] c = new long[m * p];
        var kernel = new LongMatMulKernel(a, b, c, n, p);
        try {
            AparapiSupport.use(kernel, target.device());
            kernel.execute(AparapiSupport.range(target.device(), m * p));
            var ran = AparapiSupport.ranOn(kernel);
            return new Result(c, ran.openCl(), ran.where(), target.reason());
        } finally {
            kernel.dispose();
        }
    }

    /** The CPU triple loop (the reference). */
    public static long[] reference(long[] a, long[] b, int m, int n, int p) {
        long[] c = new long[m * p];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < p; j++) {
                long sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += a[i * n + k] * b[k * p + j];
                }
                c[i * p + j] = sum;
            }
        }
        return c;
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(AparapiMatMul.class)
                .intOption("--size", 10, 1, Integer.MAX_VALUE, "rows and columns of the square matrices")
                .intOption("--seed", 42, 0, Integer.MAX_VALUE, "seed of the random matrices")
                .stringOption("--mode", "auto", "Aparapi execution mode: auto, gpu, cpu (OpenCL on the CPU) or jtp (Java threads)");
        RecipeMain.run(args, options, opt -> {
            int size = opt.intValue("--size");
            long seed = opt.intValue("--seed");
            var mode = AparapiSupport.Mode.parse(opt.string("--mode"));
            long[] x = HostArrays.randomLongs(size * size, 10, seed);
            long[] y = HostArrays.randomLongs(size * size, 10, seed + 1);
            var result = multiply(x, y, size, size, size, mode);
            System.out.println("Aparapi ran on: " + result.ranOn());
            System.out.println("  (device chosen because " + result.chosenBecause() + ")");
            int show = Math.min(size, 10);
            if (show == size) {
                System.out.print("A =\n" + HostArrays.format(x, size, size));
                System.out.print("B =\n" + HostArrays.format(y, size, size));
                System.out.print("C = A.B =\n" + HostArrays.format(result.c(), size, size));
            }
            boolean equal = java.util.Arrays.equals(result.c(), reference(x, y, size, size, size));
            if (!equal) {
                throw new IllegalStateException("C differs from the CPU triple loop");
            }
            System.out.printf(Locale.ROOT, "C equals the CPU triple loop exactly (%dx%d longs)%n", size, size);
        });
    }
}
