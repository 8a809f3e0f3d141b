package org.parallelcookbook.gpu;

import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import org.parallelcookbook.gpu.cuda.CudaBuffer;
import org.parallelcookbook.gpu.cuda.CudaContext;
import org.parallelcookbook.gpu.cuda.CudaModule;
import org.parallelcookbook.gpu.kernel.MatMulBlocking;
import org.parallelcookbook.gpu.kernel.MatMulGenerator;
import org.parallelcookbook.gpu.kernel.MatMulKernels;

/**
 * The CUDA twin of {@link OpenClMatMulLadder}: the same five steps, the blocked ones written by
 * the same {@link MatMulGenerator} in CUDA C++ and compiled by NVRTC. The block sizes are the
 * GPU-shaped ones (a GPU keeps few registers per thread and wants many threads): 4×4 scalars,
 * 4 rows × 4 floats, and a shared-memory tile of B sized from the device's shared memory per block
 * for blocks of 128 threads. There is no start-up search on CUDA (yet): one candidate per step.
 */
public final class CudaMatMulLadder implements AutoCloseable {

    /** Threads per block along the rows for the shared-memory step (4 warps). */
    public static final int GROUP = 128;

    /** One step and its compiled function. */
    public record Step(String label, MatMulBlocking blocking, CUfunction function) {
        public String kernelName() {
            return blocking == null ? "matmul_" + label : blocking.kernelName();
        }
    }

    private final CudaContext cuda;
    private final List<CudaModule> modules = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();

    private CudaMatMulLadder(CudaContext cuda) {
        this.cuda = cuda;
    }

    /** Compiles every step for the context's device. */
    public static CudaMatMulLadder build(CudaContext cuda) {
        var ladder = new CudaMatMulLadder(cuda);
        try {
            CudaModule hand = cuda.compile(MatMulKernels.CUDA, "matmul.cu");
            ladder.modules.add(hand);
            ladder.steps.add(new Step(OpenClMatMulLadder.NAIVE, null, hand.function("matmul_naive")));
            ladder.steps.add(new Step(OpenClMatMulLadder.TILED, null, hand.function("matmul_tiled")));
            int shared = cuda.attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK);
            for (var entry : List.of(
                    new Object[] {OpenClMatMulLadder.REGISTERS, MatMulBlocking.registers(4, 4, 1)},
                    new Object[] {OpenClMatMulLadder.VECTORS, MatMulBlocking.registers(4, 1, 4)},
                    new Object[] {OpenClMatMulLadder.LOCAL, localBlocking(shared)})) {
                var blocking = (MatMulBlocking) entry[1];
                CudaModule m = cuda.compile(MatMulGenerator.source(MatMulGenerator.Dialect.CUDA, blocking),
                        blocking.kernelName() + ".cu");
                ladder.modules.add(m);
                ladder.steps.add(new Step((String) entry[0], blocking, m.function(blocking.kernelName())));
            }
            return ladder;
        } catch (RuntimeException e) {
            ladder.close();
            throw e;
        }
    }

    /** 4 rows × 4 floats per thread, blocks of {@value #GROUP}, the longest power-of-two tile (≤ 512 rows) in half the shared memory. */
    public static MatMulBlocking localBlocking(int sharedBytesPerBlock) {
        int kTile = 512;
        while (kTile > 1 && (long) kTile * 4 * Float.BYTES > sharedBytesPerBlock / 2) {
            kTile /= 2;
        }
        return new MatMulBlocking(4, 1, 4, kTile, GROUP);
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Grid and block of a step: 16×16 blocks for the kernels without a tile, (1, GROUP) with one. */
    public static int[][] shape(Step step, int n) {
        if (step.blocking() == null) {
            int blocks = MatMulKernels.padded(n) / MatMulKernels.TILE;
            return new int[][] {{blocks, blocks}, {MatMulKernels.TILE, MatMulKernels.TILE}};
        }
        long[] items = step.blocking().global(n);
        if (step.blocking().usesLocal()) {
            return new int[][] {{(int) items[0], (int) (items[1] / step.blocking().group())}, {1, step.blocking().group()}};
        }
        int t = MatMulKernels.TILE;
        return new int[][] {{(int) ((items[0] + t - 1) / t), (int) ((items[1] + t - 1) / t)}, {t, t}};
    }

    /** Runs one step on device buffers and returns its kernel time (CUDA events), in seconds. */
    public double launch(Step step, int n, CudaBuffer a, CudaBuffer b, CudaBuffer c) {
        int[][] shape = shape(step, n);
        return cuda.launchTimed(step.function(), shape[0], shape[1], 0, n, a, b, c);
    }

    /** Copies A and B in, zeroes C, runs one step, copies C out. */
    public float[] multiply(Step step, float[] a, float[] b, int n) {
        float[] c = new float[n * n];
        try (var da = cuda.copyOf(a);
             var db = cuda.copyOf(b);
             var dc = cuda.alloc((long) n * n * Float.BYTES)) {
            cuda.fill(dc, Float.floatToRawIntBits(Float.NaN)); // a kernel that skips an element leaves NaN there
            launch(step, n, da, db, dc);
            cuda.read(dc, c);
        }
        return c;
    }

    @Override
    public void close() {
        modules.forEach(CudaModule::close);
        modules.clear();
    }
}
