package org.parallelcookbook.gpu;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_WRITE_ONLY;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.parallelcookbook.gpu.kernel.MatMulBlocking;
import org.parallelcookbook.gpu.kernel.MatMulGenerator;
import org.parallelcookbook.gpu.kernel.MatMulKernels;
import org.parallelcookbook.gpu.opencl.ClBuffer;
import org.parallelcookbook.gpu.opencl.ClKernel;
import org.parallelcookbook.gpu.opencl.ClProgram;
import org.parallelcookbook.gpu.opencl.OpenClContext;
import org.parallelcookbook.gpu.opencl.OpenClDevices;

/**
 * The matrix-multiply kernel ladder of chapter 6 on one OpenCL device: each step changes one thing
 * and is its own row of {@code ./cookbook bench ch6.opencl-test}.
 *
 * <ol>
 *   <li><b>naive</b>: one work item per element of C, a row of A and a column of B from global memory;</li>
 *   <li><b>tiled</b>: 16×16 work groups share 16×16 tiles of A and B in local memory;</li>
 *   <li><b>registers</b>: each work item computes a 4×4 block of C in 16 scalar registers, so every
 *       element it loads is used 4 times;</li>
 *   <li><b>vectors</b>: the block becomes rows × {@code floatN} vectors (N = the device's preferred
 *       float vector width), read with {@code vloadN} and updated with one vector {@code fma};</li>
 *   <li><b>local tile</b>: a work group stacked along the rows copies a tile of B into local memory
 *       once and every work item multiplies from it; the tile and group sizes come from the device's
 *       local memory, maximum work-group size and preferred work-group multiple, and a short search
 *       over a few candidates at start-up picks the fastest (reported as {@link #search()}).</li>
 * </ol>
 *
 * Steps 3-5 are written by {@link MatMulGenerator}, which writes the CUDA twins too.
 */
public final class OpenClMatMulLadder implements AutoCloseable {

    /** One rung; {@code blocking} is null for the hand-written naive and tiled kernels. */
    public record Step(String label, String change, MatMulBlocking blocking) {
        public String kernelName() {
            return blocking == null ? "matmul_" + label : blocking.kernelName();
        }
    }

    /** What the device says about itself, the inputs of the local-tile sizes. */
    public record Limits(long localMemBytes, long maxWorkGroupSize, long preferredMultiple, int preferredFloatWidth) {
        public String describe() {
            return String.format(Locale.ROOT, "local memory %d KiB, max work group %d, preferred work-group multiple %d, "
                    + "preferred float vector width %d", localMemBytes >> 10, maxWorkGroupSize, preferredMultiple,
                    preferredFloatWidth);
        }
    }

    /** One candidate of the start-up search and its kernel time at the search size. */
    public record Trial(MatMulBlocking blocking, double seconds, double gflops) {
    }

    /** The search: every candidate tried and the one kept. */
    public record Search(int n, List<Trial> trials, MatMulBlocking chosen) {
        public String describe() {
            var sb = new StringBuilder("search at n = " + n + ":");
            for (Trial t : trials) {
                sb.append(String.format(Locale.ROOT, " %s %.1f GFLOP/s;", t.blocking().kernelName(), t.gflops()));
            }
            return sb.append(" chose ").append(chosen.kernelName()).toString();
        }
    }

    /** One launch's product and its device (profiled) time. */
    public record Product(float[] c, double kernelSeconds) {
    }

    public static final String NAIVE = "naive";
    public static final String TILED = "tiled";
    public static final String REGISTERS = "registers";
    public static final String VECTORS = "vectors";
    public static final String LOCAL = "local tile";

    private final OpenClContext cl;
    private final Limits limits;
    private final List<Step> steps = new ArrayList<>();
    private final Map<Step, ClKernel> kernels = new LinkedHashMap<>();
    private final List<ClProgram> programs = new ArrayList<>();
    private Search search;

    private OpenClMatMulLadder(OpenClContext cl, Limits limits) {
        this.cl = cl;
        this.limits = limits;
    }

    /**
     * Builds every step for the context's device, running the local-tile search at {@code searchN}
     * ({@code progress} gets one line per candidate; may be null).
     */
    public static OpenClMatMulLadder build(OpenClContext cl, int searchN, Consumer<String> progress) {
        ClProgram handWritten = cl.build(MatMulKernels.OPENCL);
        ClKernel naive = handWritten.kernel("matmul_naive");
        var dev = cl.device();
        var limits = new Limits(dev.localMemBytes(), Math.min(dev.maxWorkGroupSize(), naive.maxWorkGroupSize()),
                Math.max(1, naive.preferredWorkGroupMultiple()), OpenClDevices.preferredFloatWidth(dev));
        var ladder = new OpenClMatMulLadder(cl, limits);
        ladder.programs.add(handWritten);
        try {
            ladder.add(new Step(NAIVE, "one work item per element of C: 2n loads from global memory for 2n flops", null), naive);
            ladder.add(new Step(TILED, MatMulKernels.TILE + "x" + MatMulKernels.TILE
                    + " work groups share tiles of A and B in local memory: each global element is loaded "
                    + MatMulKernels.TILE + "x less often", null), handWritten.kernel("matmul_tiled"));
            var registers = MatMulBlocking.registers(4, 4, 1);
            ladder.add(new Step(REGISTERS, "each work item computes a 4x4 block of C in 16 scalar registers: every "
                    + "element of A and B it loads is used 4 times", registers));
            int width = vectorWidth(limits.preferredFloatWidth());
            var vectors = MatMulBlocking.registers(8, width >= 8 ? 2 : 4, width);
            ladder.add(new Step(VECTORS, "the block becomes " + vectors.rows() + " rows x " + vectors.vectors() + " float"
                    + width + " (the device's preferred width), read with vload" + width + " and updated with one vector "
                    + "fma each", vectors));
            ladder.search = ladder.searchLocal(vectors, searchN, progress);
            ladder.add(new Step(LOCAL, "a work group of " + ladder.search.chosen().group() + " work items copies a "
                    + ladder.search.chosen().kTile() + "-row tile of B into local memory once and all multiply from it; "
                    + "sizes from the device's limits, chosen by a start-up search", ladder.search.chosen()));
            return ladder;
        } catch (RuntimeException e) {
            ladder.close();
            throw e;
        }
    }

    /** 16 for a float16 device (AVX-512 PoCL), 8 for AVX2; 4 where the device prefers scalars (GPUs). */
    static int vectorWidth(int preferred) {
        if (preferred >= 16) {
            return 16;
        }
        return preferred >= 8 ? 8 : 4;
    }

    /**
     * The local-tile candidates: rows 4 or 8 per work item, groups of 2 or 4 preferred multiples
     * (capped by the kernel's maximum work-group size), and the longest tile of B (a power of two up
     * to 512 rows) that takes at most half of the device's local memory.
     */
    static List<MatMulBlocking> localCandidates(MatMulBlocking vectors, Limits limits) {
        List<MatMulBlocking> out = new ArrayList<>();
        for (int rows : new int[] {8, 4}) {
            for (long mult : new long[] {2, 4}) {
                int group = (int) Math.max(1, Math.min(limits.maxWorkGroupSize(), mult * limits.preferredMultiple()));
                int kTile = 512;
                long rowBytes = (long) vectors.blockWidth() * Float.BYTES;
                while (kTile > 1 && kTile * rowBytes > limits.localMemBytes() / 2) {
                    kTile /= 2;
                }
                var b = new MatMulBlocking(rows, vectors.vectors(), vectors.width(), kTile, group);
                if (!out.contains(b)) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    private Search searchLocal(MatMulBlocking vectors, int n, Consumer<String> progress) {
        float[] a = HostArrays.randomFloats(n * n, 11);
        float[] b = HostArrays.randomFloats(n * n, 12);
        List<Trial> trials = new ArrayList<>();
        Trial best = null;
        ClProgram bestProgram = null;
        for (var candidate : localCandidates(vectors, limits)) {
            ClProgram program = cl.build(MatMulGenerator.source(MatMulGenerator.Dialect.OPENCL, candidate));
            try (ClKernel kernel = program.kernel(candidate.kernelName())) {
                if (candidate.group() > kernel.maxWorkGroupSize()) {
                    program.close();
                    continue;
                }
                launchOnce(kernel, candidate, a, b, n); // first launch: the runtime's own compilation
                double s = launchOnce(kernel, candidate, a, b, n).kernelSeconds();
                var t = new Trial(candidate, s, 2.0 * n * n * n / s / 1e9);
                trials.add(t);
                if (progress != null) {
                    progress.accept(String.format(Locale.ROOT, "local-tile search: %s %.1f GFLOP/s", candidate.kernelName(), t.gflops()));
                }
                if (best == null || t.seconds() < best.seconds()) {
                    if (bestProgram != null) {
                        bestProgram.close();
                    }
                    best = t;
                    bestProgram = program;
                } else {
                    program.close();
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("no local-tile candidate fits this device: " + limits.describe());
        }
        programs.add(bestProgram);
        return new Search(n, List.copyOf(trials), best.blocking());
    }

    private void add(Step step) {
        ClProgram program = step.blocking().equals(search == null ? null : search.chosen()) ? programs.getLast()
                : cl.build(MatMulGenerator.source(MatMulGenerator.Dialect.OPENCL, step.blocking()));
        if (!programs.contains(program)) {
            programs.add(program);
        }
        add(step, program.kernel(step.kernelName()));
    }

    private void add(Step step, ClKernel kernel) {
        steps.add(step);
        kernels.put(step, kernel);
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public Step step(String label) {
        return steps.stream().filter(s -> s.label().equals(label)).findFirst().orElseThrow();
    }

    public Limits limits() {
        return limits;
    }

    public Search search() {
        return search;
    }

    /** Global and local sizes of a step for an n×n product. */
    public static long[][] shape(Step step, int n) {
        if (step.blocking() == null) {
            long p = MatMulKernels.padded(n);
            return new long[][] {{p, p}, {MatMulKernels.TILE, MatMulKernels.TILE}};
        }
        return new long[][] {step.blocking().global(n), step.blocking().local()};
    }

    /** Launches a step on buffers already on the device. */
    public ClKernel.Run launch(Step step, int n, ClBuffer a, ClBuffer b, ClBuffer c) {
        long[][] shape = shape(step, n);
        return kernels.get(step).args(n, a, b, c).launch(shape[0], shape[1]);
    }

    /** Copies A and B in, multiplies with one step, copies C out. */
    public Product multiply(Step step, float[] a, float[] b, int n) {
        return launchOnce(kernels.get(step), step, a, b, n);
    }

    private Product launchOnce(ClKernel kernel, Object stepOrBlocking, float[] a, float[] b, int n) {
        long[][] shape = stepOrBlocking instanceof Step s ? shape(s, n)
                : new long[][] {((MatMulBlocking) stepOrBlocking).global(n), ((MatMulBlocking) stepOrBlocking).local()};
        float[] c = new float[n * n];
        try (var bufA = cl.buffer(CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, a);
             var bufB = cl.buffer(CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, b);
             var bufC = cl.buffer(CL_MEM_WRITE_ONLY, (long) n * n * Float.BYTES)) {
            var run = kernel.args(n, bufA, bufB, bufC).launch(shape[0], shape[1]);
            cl.read(bufC, c);
            return new Product(c, run.seconds());
        }
    }

    @Override
    public void close() {
        kernels.values().forEach(ClKernel::close);
        kernels.clear();
        programs.forEach(ClProgram::close);
        programs.clear();
    }
}
