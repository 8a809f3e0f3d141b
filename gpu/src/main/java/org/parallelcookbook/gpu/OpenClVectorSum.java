package org.parallelcookbook.gpu;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_WRITE_ONLY;

import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.gpu.opencl.OpenClContext;
import org.parallelcookbook.gpu.opencl.OpenClDevices;

/**
 * <b>How to build a PyOpenCL application</b> (book chapter 6).
 *
 * <p>The host side of every OpenCL program is the same handful of objects: a <i>device</i>, a
 * <i>context</i> that owns memory and programs for it, a <i>command queue</i> that feeds it work,
 * a <i>program</i> compiled from source at run time, and the <i>kernel</i> taken from it. The
 * book adds two random int vectors of length 100: buffers created {@code READ_ONLY|COPY_HOST_PTR},
 * kernel {@code vectorSum} with one work item per element ({@code get_global_id(0)}), result copied
 * back with {@code enqueue_copy} and checked.
 *
 * <p><b>Java vs Python:</b> the book takes platform 0, device 0; here {@link OpenClContext} opens
 * the device chosen by {@code -Dcookbook.opencl.device} (GPU before CPU by default) and prints it.
 * Every object is released by try-with-resources, in reverse order, even when the build fails
 * (PyOpenCL relies on garbage collection; JOCL objects hold native memory the JVM cannot see). The
 * kernel launch is timed by the device itself (a profiling event), not by the host clock.
 *
 * <p>Run: {@code ./cookbook run ch6.opencl-app [n] [seed]}.
 */
@Recipe(id = "ch6.opencl-app", chapter = 6, title = "How to build a PyOpenCL application")
public final class OpenClVectorSum {

    /** The kernel, as in the book: one work item per element, launched over exactly n items. */
    public static final String SOURCE = """
            __kernel void vectorSum(__global const int *a, __global const int *b, __global int *c) {
                int gid = get_global_id(0);
                c[gid] = a[gid] + b[gid];
            }
            """;

    private OpenClVectorSum() {
    }

    /** The sum, the device that computed it and the kernel's device time. */
    public record Result(int[] c, String device, double kernelSeconds) {
    }

    /** c = a + b on the chosen OpenCL device. */
    public static Result sum(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("vectors must be non-empty and of equal length");
        }
        int[] c = new int[a.length];
        try (var cl = OpenClContext.open(OpenClDevices.choose());
             var program = cl.build(SOURCE);
             var kernel = program.kernel("vectorSum");
             var bufA = cl.buffer(CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, a);
             var bufB = cl.buffer(CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, b);
             var bufC = cl.buffer(CL_MEM_WRITE_ONLY, (long) c.length * Integer.BYTES)) {
            var run = kernel.args(bufA, bufB, bufC).launch1d(a.length);
            cl.read(bufC, c);
            return new Result(c, cl.choice().describe(), run.seconds());
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(OpenClVectorSum.class)
                .intPositional("n", 100, 1, Integer.MAX_VALUE, "vector length")
                .longPositional("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE, "seed of the random vectors");
        RecipeMain.run(args, options, opt -> {
            int n = opt.intValue("n");
            long seed = opt.longValue("seed");
            int[] x = HostArrays.randomInts(n, 100, seed);
            int[] y = HostArrays.randomInts(n, 100, seed + 1);
            var result = sum(x, y);
            System.out.println(result.device());
            System.out.println("a     = " + HostArrays.head(x, 20));
            System.out.println("b     = " + HostArrays.head(y, 20));
            System.out.println("a + b = " + HostArrays.head(result.c(), 20));
            for (int i = 0; i < n; i++) {
                if (result.c()[i] != x[i] + y[i]) {
                    throw new IllegalStateException("element " + i + " is wrong: " + result.c()[i]);
                }
            }
            System.out.printf(java.util.Locale.ROOT, "all %d sums checked against the CPU; kernel time %s%n", n,
                    RecipeMain.seconds(result.kernelSeconds()));
        });
    }
}
