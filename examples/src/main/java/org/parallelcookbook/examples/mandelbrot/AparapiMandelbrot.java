package org.parallelcookbook.examples.mandelbrot;

import com.aparapi.Kernel;
import com.aparapi.device.Device;
import org.parallelcookbook.gpu.aparapi.AparapiSupport;

/**
 * The Mandelbrot set as plain Java that Aparapi translates to OpenCL at run time (the NumbaPro
 * idea of chapter 6), or runs on its Java thread pool when there is no usable OpenCL. Every
 * multiplication stands in its own statement, so that no OpenCL compiler can fuse it with an
 * addition and the counts stay equal to the Java ones.
 */
public final class AparapiMandelbrot implements MandelbrotModel {

    /** The kernel: Aparapi reads this bytecode and writes OpenCL C from it. */
    static final class EscapeKernel extends Kernel {
        int[] out;
        int width;
        int height;
        int maxIter;
        double xMin;
        double yMin;
        double dx;
        double dy;

        @Override
        public void run() {
            int gid = getGlobalId();
            if (gid < width * height) {
                int col = gid % width;
                int row = gid / width;
                double ox = col * dx;
                double oy = row * dy;
                double cx = xMin + ox;
                double cy = yMin + oy;
                double x = 0.0;
                double y = 0.0;
                int i = 0;
                boolean inside = true;
                while (i < maxIter && inside) {
                    double x2 = x * x;
                    double y2 = y * y;
                    if (x2 + y2 > 4.0) {
                        inside = false;
                    } else {
                        double xy = x * y;
                        double xy2 = 2.0 * xy;
                        y = xy2 + cy;
                        x = x2 - y2 + cx;
                        i++;
                    }
                }
                out[gid] = i;
            }
        }
    }

    private EscapeKernel kernel;
    private Device device;
    private String ranOn = "";

    @Override
    public String name() {
        return "aparapi";
    }

    @Override
    public String chapter() {
        return "6 (Aparapi)";
    }

    @Override
    public void start(int workers) {
        device = AparapiSupport.choose(AparapiSupport.Mode.AUTO).device();
        kernel = new EscapeKernel();
        AparapiSupport.use(kernel, device);
    }

    @Override
    public int[] render(MandelbrotSpec spec, int workers) {
        int[] out = new int[spec.pixels()];
        kernel.out = out;
        kernel.width = spec.width();
        kernel.height = spec.height();
        kernel.maxIter = spec.maxIter();
        kernel.xMin = spec.xMin();
        kernel.yMin = spec.yMin();
        kernel.dx = spec.dx();
        kernel.dy = spec.dy();
        kernel.execute(AparapiSupport.range(device, spec.pixels()));
        ranOn = AparapiSupport.ranOn(kernel).where();
        return out;
    }

    @Override
    public int effectiveWorkers(int requested) {
        if (ranOn.startsWith("OpenCL")) {
            return (int) Math.max(1, org.parallelcookbook.gpu.opencl.OpenClDevices.choose().device().computeUnits());
        }
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public String notes() {
        return ranOn;
    }

    @Override
    public void close() {
        if (kernel != null) {
            kernel.dispose();
            kernel = null;
        }
    }
}
