package org.parallelcookbook.examples.mandelbrot;

import static org.jocl.CL.CL_MEM_WRITE_ONLY;

import org.parallelcookbook.core.UnavailableException;
import org.parallelcookbook.gpu.opencl.ClBuffer;
import org.parallelcookbook.gpu.opencl.ClKernel;
import org.parallelcookbook.gpu.opencl.ClProgram;
import org.parallelcookbook.gpu.opencl.OpenClContext;

/**
 * The Mandelbrot set as an OpenCL kernel (chapter 6): one work item per pixel, on the device the
 * chapter's {@code OpenClDevices} chooses (PoCL on a machine without a GPU). Double precision
 * throughout, and floating-point contraction off, so that the counts equal the Java ones exactly:
 * a fused multiply-add rounds once where Java rounds twice.
 */
public final class OpenClMandelbrot implements MandelbrotModel {

    static final String SOURCE = """
            #pragma OPENCL EXTENSION cl_khr_fp64 : enable
            #pragma OPENCL FP_CONTRACT OFF
            __kernel void mandelbrot(__global int *out, const int width, const int height,
                                     const double xMin, const double yMin, const double dx, const double dy,
                                     const int maxIter) {
                int col = get_global_id(0);
                int row = get_global_id(1);
                if (col >= width || row >= height) {
                    return;
                }
                double ox = col * dx;
                double oy = row * dy;
                double cx = xMin + ox;
                double cy = yMin + oy;
                double x = 0.0;
                double y = 0.0;
                int i = 0;
                while (i < maxIter) {
                    double x2 = x * x;
                    double y2 = y * y;
                    if (x2 + y2 > 4.0) {
                        break;
                    }
                    double xy2 = 2.0 * x * y;
                    y = xy2 + cy;
                    x = x2 - y2 + cx;
                    i++;
                }
                out[row * width + col] = i;
            }
            """;
    private static final int TILE = 8;

    private OpenClContext cl;
    private ClProgram program;
    private ClKernel kernel;
    private String reason;
    private boolean probed;

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public String chapter() {
        return "6 (JOCL)";
    }

    @Override
    public String unavailableReason() {
        if (!probed) {
            probed = true;
            try (OpenClContext probe = OpenClContext.open((java.io.PrintStream) null)) {
                if (!probe.device().doubles()) {
                    reason = probe.device().describe() + " has no double precision (cl_khr_fp64)";
                }
            } catch (UnavailableException | LinkageError e) {
                reason = "no OpenCL device: " + e.getMessage();
            }
        }
        return reason;
    }

    @Override
    public void start(int workers) {
        cl = OpenClContext.open((java.io.PrintStream) null);
        program = cl.build(SOURCE);
        kernel = program.kernel("mandelbrot");
    }

    @Override
    public int[] render(MandelbrotSpec spec, int workers) {
        int[] out = new int[spec.pixels()];
        try (ClBuffer buffer = cl.buffer(CL_MEM_WRITE_ONLY, (long) out.length * Integer.BYTES)) {
            kernel.args(buffer, spec.width(), spec.height(), spec.xMin(), spec.yMin(), spec.dx(), spec.dy(), spec.maxIter());
            long gx = (spec.width() + TILE - 1) / TILE * TILE;
            long gy = (spec.height() + TILE - 1) / TILE * TILE;
            kernel.launch(new long[] {gx, gy}, new long[] {TILE, TILE});
            cl.read(buffer, out);
        }
        return out;
    }

    @Override
    public int effectiveWorkers(int requested) {
        return cl == null ? 1 : (int) Math.max(1, cl.device().computeUnits());
    }

    @Override
    public String notes() {
        return cl == null ? "" : "device " + cl.device().describe() + "; workers = its compute units";
    }

    @Override
    public void close() {
        if (kernel != null) {
            kernel.close();
        }
        if (program != null) {
            program.close();
        }
        if (cl != null) {
            cl.close();
        }
        kernel = null;
        program = null;
        cl = null;
    }
}
