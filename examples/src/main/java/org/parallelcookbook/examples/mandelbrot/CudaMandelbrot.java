package org.parallelcookbook.examples.mandelbrot;

import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import org.parallelcookbook.core.UnavailableException;
import org.parallelcookbook.gpu.cuda.CudaBuffer;
import org.parallelcookbook.gpu.cuda.CudaContext;
import org.parallelcookbook.gpu.cuda.CudaSupport;

/**
 * The Mandelbrot set as a CUDA kernel (chapter 6, JCuda): CUDA C++ compiled at run time by NVRTC
 * through the chapter's {@link CudaContext}, one thread per pixel in 16 x 16 blocks, launched with
 * the driver API.
 *
 * <p>Exactly Java's counts: double precision, and every multiplication and addition written as a
 * round-to-nearest intrinsic ({@code __dmul_rn}, {@code __dadd_rn}, {@code __dsub_rn}), which CUDA
 * promises never to contract into a fused multiply-add. That is what NVRTC's {@code --fmad=false}
 * does for a whole program, but written in the source it holds whatever options the kernel is
 * compiled with ({@code CudaContext} passes its own); a fused {@code x2 - y2 + cx} rounds once where
 * Java rounds twice, and near the set's boundary one last bit changes the count.
 */
public final class CudaMandelbrot implements MandelbrotModel {

    static final String SOURCE = """
            extern "C" __global__ void mandelbrot(int *out, const int width, const int height,
                                                  const double xMin, const double yMin,
                                                  const double dx, const double dy, const int maxIter) {
                int col = blockIdx.x * blockDim.x + threadIdx.x;
                int row = blockIdx.y * blockDim.y + threadIdx.y;
                if (col >= width || row >= height) {
                    return;
                }
                // the _rn intrinsics round each operation on its own, as Java does: never fused
                double cx = __dadd_rn(xMin, __dmul_rn((double) col, dx));
                double cy = __dadd_rn(yMin, __dmul_rn((double) row, dy));
                double x = 0.0;
                double y = 0.0;
                int i = 0;
                while (i < maxIter) {
                    double x2 = __dmul_rn(x, x);
                    double y2 = __dmul_rn(y, y);
                    if (__dadd_rn(x2, y2) > 4.0) {
                        break;
                    }
                    y = __dadd_rn(__dmul_rn(__dmul_rn(2.0, x), y), cy);
                    x = __dadd_rn(__dsub_rn(x2, y2), cx);
                    i++;
                }
                out[row * width + col] = i;
            }
            """;
    static final int BLOCK = 16;

    private CudaContext cuda;
    private CUfunction kernel;
    private String reason;
    private boolean probed;

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String chapter() {
        return "6 (JCuda)";
    }

    @Override
    public String unavailableReason() {
        if (!probed) {
            probed = true;
            if (!CudaSupport.available()) {
                // the probe's one sentence: CudaSupport.reason() adds what to install, too long for a table cell
                reason = "no CUDA device: " + CudaSupport.probe().reason();
            } else {
                try {
                    CudaSupport.requireNvrtc();
                } catch (UnavailableException e) {
                    reason = e.getMessage();
                }
            }
        }
        return reason;
    }

    @Override
    public void start(int workers) {
        close();
        cuda = CudaContext.open(null);
        kernel = cuda.cached("mandelbrot", SOURCE).function("mandelbrot");
    }

    @Override
    public int[] render(MandelbrotSpec spec, int workers) {
        int[] out = new int[spec.pixels()];
        try (CudaBuffer buffer = cuda.alloc((long) out.length * Integer.BYTES)) {
            int[] grid = {(spec.width() + BLOCK - 1) / BLOCK, (spec.height() + BLOCK - 1) / BLOCK};
            cuda.launch(kernel, grid, new int[] {BLOCK, BLOCK}, 0, buffer, spec.width(), spec.height(), spec.xMin(),
                    spec.yMin(), spec.dx(), spec.dy(), spec.maxIter());
            cuda.read(buffer, out);
        }
        return out;
    }

    @Override
    public int effectiveWorkers(int requested) {
        return cuda == null ? 1 : cuda.attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
    }

    @Override
    public String notes() {
        return cuda == null ? "" : "device " + cuda.describe() + "; workers = its multiprocessors";
    }

    @Override
    public void close() {
        kernel = null;
        if (cuda != null) {
            cuda.close(); // unloads the cached module too
            cuda = null;
        }
    }
}
