package org.parallelcookbook.gpu;

import java.util.Locale;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.UnavailableException;
import org.parallelcookbook.gpu.aparapi.AparapiSupport;
import org.parallelcookbook.gpu.aparapi.PartialSumKernel;
import org.parallelcookbook.gpu.cuda.CudaContext;
import org.parallelcookbook.gpu.cuda.CudaReductionKernel;
import org.parallelcookbook.gpu.cuda.CudaSupport;
import org.parallelcookbook.gpu.opencl.ClReductionKernel;
import org.parallelcookbook.gpu.opencl.OpenClContext;
import org.parallelcookbook.gpu.opencl.OpenClDevices;

/**
 * <b>Numba's {@code @cuda.reduce}</b> (2nd edition, chapter 8; an extra).
 *
 * <p>Numba turns a two-argument Python function ({@code lambda a, b: a + b}) into a complete GPU
 * reduction; the example sums 1..10000 and prints 50005000. Here the same sum is done three ways:
 * with the OpenCL {@code ReductionKernel} of chapter 6 (map {@code x[i]}, reduce {@code a+b}:
 * always runs, on PoCL where there is no GPU), with an Aparapi kernel that leaves one partial sum
 * per work item for the host to add, and with the CUDA {@code ReductionKernel} when an NVIDIA GPU
 * is present (otherwise that line says why it was skipped). All three are checked against
 * n(n+1)/2.
 *
 * <p>Run: {@code ./cookbook run x.gpu-sum-reduce [n]}.
 */
@Recipe(id = "x.gpu-sum-reduce", chapter = 6, title = "Numba @cuda.reduce: a GPU sum reduction", extra = true)
public final class GpuSumReduce {

    private GpuSumReduce() {
    }

    /** Each backend's sum; {@code cuda} is null (with {@code cudaNote} saying why) when CUDA is absent. */
    public record Result(long expected, long openCl, String openClDevice, long aparapi, String aparapiRanOn, Long cuda,
                         String cudaNote) {
    }

    /** 1, 2, ..., n. */
    public static long[] oneTo(int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = i + 1;
        }
        return v;
    }

    /** The sum of 1..n on OpenCL. */
    public static long openClSum(long[] values) {
        try (var cl = OpenClContext.open(OpenClDevices.choose());
             var sum = new ClReductionKernel(cl, "long", "0", "a+b", "x[i]", "const long *x", "sum")) {
            return sum.reduce(values.length, values).longValue();
        }
    }

    /** The sum with Aparapi: partials on the device, their sum on the host. */
    public static long aparapiSum(long[] values, AparapiSupport.Mode mode, String[] ranOn) {
        var target = AparapiSupport.choose(mode);
        int workItems = 256;
        long[] partial = new long[workItems];
        var kernel = new PartialSumKernel(values, partial, values.length);
        try {
            AparapiSupport.use(kernel, target.device());
            kernel.execute(AparapiSupport.range(target.device(), workItems));
            ranOn[0] = AparapiSupport.ranOn(kernel).where();
        } finally {
            kernel.dispose();
        }
        long total = 0;
        for (long p : partial) {
            total += p;
        }
        return total;
    }

    /** The sum on CUDA (requires a CUDA device). */
    public static long cudaSum(long[] values) {
        try (var cuda = CudaContext.open(null);
             var sum = new CudaReductionKernel(cuda, "long", "0", "a+b", "x[i]", "const long *x", "sum")) {
            return sum.reduce(values.length, values).longValue();
        }
    }

    public static Result run(int n) {
        return run(n, CudaSupport.available() ? GpuSumReduce::cudaSum : null);
    }

    /**
     * The three backends; {@code cuda} null means CUDA is absent (the note says why). Any error of
     * the CUDA backend (a {@code CudaException}, a missing NVRTC, a link error) makes the CUDA row
     * "failed: message" and keeps the OpenCL and Aparapi sums.
     */
    static Result run(int n, java.util.function.Function<long[], Long> cudaBackend) {
        long[] values = oneTo(n);
        long expected = (long) n * (n + 1) / 2;
        long cl = openClSum(values);
        String[] ranOn = new String[1];
        long ap = aparapiSum(values, AparapiSupport.Mode.AUTO, ranOn);
        Long cuda = null;
        String note;
        if (cudaBackend != null) {
            try {
                cuda = cudaBackend.apply(values);
                note = "ran";
            } catch (UnavailableException e) {
                note = "skipped: " + e.getMessage();
            } catch (RuntimeException | LinkageError e) {
                note = "failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        } else {
            note = "skipped: " + CudaSupport.reason();
        }
        return new Result(expected, cl, OpenClDevices.choose().describe(), ap, ranOn[0], cuda, note);
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(GpuSumReduce.class)
                .intPositional("n", 10_000, 1, Integer.MAX_VALUE, "numbers summed");
        RecipeMain.run(args, options, opt -> {
            int n = opt.intValue("n");
            if (n > 3_000_000) {
                throw new org.parallelcookbook.core.UsageException("n must be at most 3000000 (the sum must fit a long, the input the heap)");
            }
            var r = run(n);
            System.out.printf(Locale.ROOT, "sum of 1..%d, expected n(n+1)/2 = %d%n", n, r.expected());
            System.out.printf(Locale.ROOT, "OpenCL ReductionKernel : %d   [%s]%n", r.openCl(), r.openClDevice());
            System.out.printf(Locale.ROOT, "Aparapi partial sums   : %d   [%s]%n", r.aparapi(), r.aparapiRanOn());
            System.out.printf(Locale.ROOT, "CUDA ReductionKernel   : %s%n", r.cuda() == null ? r.cudaNote() : r.cuda().toString());
            if (r.openCl() != r.expected() || r.aparapi() != r.expected() || (r.cuda() != null && r.cuda() != r.expected())) {
                throw new IllegalStateException("a backend got the sum wrong");
            }
            if (r.cudaNote().startsWith("failed")) {
                throw new IllegalStateException("OpenCL and Aparapi agree with n(n+1)/2, but the CUDA backend failed");
            }
            System.out.println("every backend that ran agrees with n(n+1)/2");
        });
    }
}
