package org.parallelcookbook.gpu;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_WRITE_ONLY;

import java.util.Locale;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.Clock;
import org.parallelcookbook.core.measure.Measurer;
import org.parallelcookbook.gpu.opencl.ClKernel;
import org.parallelcookbook.gpu.opencl.OpenClContext;
import org.parallelcookbook.gpu.opencl.OpenClDevices;

/**
 * <b>Testing your GPU application with PyOpenCL</b> (book chapter 6).
 *
 * <p>The book times the same job on the CPU and on the GPU: for each of 10,000 float elements,
 * the sum {@code a[i] + b[i]} is computed 10,000 times in a loop (a double loop on the CPU, a loop
 * per work item in the kernel). The queue is created with profiling enabled, so the kernel's own
 * start and end times come from its event; results are compared. It reports 72 s on the CPU
 * against 0.08 s on a GeForce GT 240. (Book bug: the prose speaks of 10<sup>9</sup> additions; the
 * code does 10<sup>8</sup>.)
 *
 * <p><b>What a Java reader must watch:</b> the book's CPU loop assigns the same value 10,000 times
 * ({@code c[i] = a[i] + b[i]}). CPython executes every one, but for an optimising compiler the
 * additions are loop-invariant and all stores but the last are dead: the JIT may hoist the
 * addition out of the loop or drop the loop altogether, so what that loop's time measures depends
 * on the JIT version, not on the additions. {@link #bookLoop} keeps it for contrast; the measured
 * version {@link #cpuReference} accumulates ({@code acc += a[i] + b[i]}), which neither the JIT nor
 * the OpenCL compiler may fold, because float addition is not associative. The kernel does exactly
 * the same additions in the same order, so device and CPU agree bit for bit.
 *
 * <p>The lasting comparison (element-wise and a naive vs tiled 1024×1024 matrix multiply, on
 * sequential Java, parallel streams, OpenCL and Aparapi, in GFLOP/s) is the benchmark:
 * {@code ./cookbook bench ch6.opencl-test --chart gpu.png}.
 *
 * <p>Run: {@code ./cookbook run ch6.opencl-test [--n 10000] [--repeat 10000]}. On PoCL the "GPU"
 * is your CPU, and the recipe says so.
 */
@Recipe(id = "ch6.opencl-test", chapter = 6, title = "Testing your GPU application with PyOpenCL",
        tourArgs = {"--n", "10000", "--repeat", "200"}, bench = GpuComparison.class)
public final class OpenClCpuVsGpu {

    /** The device side of the book's test: one work item per element, the sum accumulated {@code repeat} times. */
    public static final String SOURCE = """
            __kernel void repeatedSum(const int n, const int repeat, __global const float *a,
                                      __global const float *b, __global float *c) {
                const int i = get_global_id(0);
                if (i < n) {
                    float acc = 0.0f;
                    for (int r = 0; r < repeat; r++) {
                        acc += a[i] + b[i];
                    }
                    c[i] = acc;
                }
            }
            """;

    private OpenClCpuVsGpu() {
    }

    /**
     * Both results and the times: CPU (host clock), the book's foldable loop, the kernel (device
     * profiling: {@code startNs}/{@code endNs}) and the whole device round trip (buffers, copies,
     * kernel, read-back; host clock).
     */
    public record Result(String device, int n, int repeat, float[] cpu, float[] gpu, double cpuSeconds,
                         double bookLoopSeconds, long startNs, long endNs, double totalSeconds) {
        public double kernelSeconds() {
            return (endNs - startNs) / 1e9;
        }

        /** ‖gpu − cpu‖ / ‖cpu‖. */
        public double relativeError() {
            return relativeNorm(gpu, cpu);
        }
    }

    /** The measured CPU version: the additions really happen. */
    public static float[] cpuReference(float[] a, float[] b, int repeat) {
        float[] c = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            float acc = 0f;
            for (int r = 0; r < repeat; r++) {
                acc += a[i] + b[i];
            }
            c[i] = acc;
        }
        return c;
    }

    /** The book's CPU loop, literally: the same store {@code repeat} times, which a JIT may hoist or shorten. */
    public static float[] bookLoop(float[] a, float[] b, int repeat) {
        float[] c = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int r = 0; r < repeat; r++) {
                c[i] = a[i] + b[i];
            }
        }
        return c;
    }

    /** Runs the book's comparison on the chosen device. */
    public static Result compare(int n, int repeat, long seed, Clock clock) throws Exception {
        float[] a = HostArrays.randomFloats(n, seed);
        float[] b = HostArrays.randomFloats(n, seed + 1);
        var cpu = Measurer.once(clock, () -> cpuReference(a, b, repeat));
        var book = Measurer.once(clock, () -> bookLoop(a, b, repeat));
        float[] gpu = new float[n];
        try (var cl = OpenClContext.open(OpenClDevices.choose());
             var program = cl.build(SOURCE);
             var kernel = program.kernel("repeatedSum")) {
            var total = Measurer.once(clock, () -> {
                try (var bufA = cl.buffer(CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, a);
                     var bufB = cl.buffer(CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, b);
                     var bufC = cl.buffer(CL_MEM_WRITE_ONLY, (long) n * Float.BYTES)) {
                    ClKernel.Run run = kernel.args(n, repeat, bufA, bufB, bufC).launch1d(n);
                    cl.read(bufC, gpu);
                    return run;
                }
            });
            return new Result(cl.choice().describe(), n, repeat, cpu.value(), gpu, cpu.seconds(), book.seconds(),
                    total.value().startNs(), total.value().endNs(), total.seconds());
        }
    }

    /** ‖x − y‖₂ / ‖y‖₂ (0 when both are zero). */
    public static double relativeNorm(float[] x, float[] y) {
        double diff = 0;
        double ref = 0;
        for (int i = 0; i < y.length; i++) {
            diff += (double) (x[i] - y[i]) * (x[i] - y[i]);
            ref += (double) y[i] * y[i];
        }
        return ref == 0 ? Math.sqrt(diff) : Math.sqrt(diff / ref);
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(OpenClCpuVsGpu.class)
                .intOption("--n", 10_000, 1, Integer.MAX_VALUE, "vector length")
                .intOption("--repeat", 10_000, 1, Integer.MAX_VALUE, "times the kernel's arithmetic is repeated per element")
                .intOption("--seed", 42, 0, Integer.MAX_VALUE, "seed of the random vectors");
        RecipeMain.run(args, options, opt -> {
            int n = opt.intValue("--n");
            int repeat = opt.intValue("--repeat");
            long seed = opt.intValue("--seed");
            var r = compare(n, repeat, seed, Clock.system());
            System.out.println(r.device());
            System.out.printf(Locale.ROOT, "%,d elements x %,d repeated additions = %,d additions%n", n, repeat,
                    (long) n * repeat);
            System.out.printf(Locale.ROOT, "CPU time (1 Java thread)          : %s%n", RecipeMain.seconds(r.cpuSeconds()));
            System.out.printf(Locale.ROOT, "CPU time of the book's loop       : %s  (loop-invariant stores: a JIT may shorten them; not a measure of additions)%n",
                    RecipeMain.seconds(r.bookLoopSeconds()));
            System.out.printf(Locale.ROOT, "kernel time (profiling event)     : %s  (start %d ns, end %d ns)%n",
                    RecipeMain.seconds(r.kernelSeconds()), r.startNs(), r.endNs());
            System.out.printf(Locale.ROOT, "device time with buffers & copies : %s%n", RecipeMain.seconds(r.totalSeconds()));
            System.out.printf(Locale.ROOT, "relative norm |gpu - cpu| / |cpu|: %.3g%n", r.relativeError());
            if (!(r.relativeError() < 1e-5)) {
                throw new IllegalStateException("device and CPU results differ");
            }
            System.out.println("results agree (norm < 1e-5). For the full comparison: ./cookbook bench ch6.opencl-test");
        });
    }
}
