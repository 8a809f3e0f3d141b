package org.parallelcookbook.gpu.opencl;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;

import java.util.ArrayList;
import java.util.List;
import org.parallelcookbook.gpu.kernel.ElementwiseKernel;
import org.parallelcookbook.gpu.kernel.GeneratedKernel;
import org.parallelcookbook.gpu.kernel.KernelSignature;
import org.parallelcookbook.gpu.kernel.KernelSources;

/**
 * {@link ElementwiseKernel} on OpenCL: PyOpenCL's
 * {@code ElementwiseKernel(ctx, "int *a, int *b, int *c", "c[i] = a[i] + b[i]", "sum")} is
 * {@code new ClElementwiseKernel(cl, "int *a, int *b, int *c", "c[i] = a[i] + b[i]", "sum")}.
 * The program is built once, in the constructor; {@link #run} can be called many times.
 */
public final class ClElementwiseKernel extends GeneratedKernel implements ElementwiseKernel {

    private final OpenClContext cl;
    private final ClProgram program;
    private final ClKernel kernel;
    private ClKernel.Run lastRun;

    public ClElementwiseKernel(OpenClContext cl, String arguments, String operation, String name) {
        super(name, KernelSignature.parse(arguments),
                sig -> KernelSources.elementwise(KernelSources.Backend.OPENCL, name, sig, operation),
                "OpenCL: " + cl.device().describe());
        this.cl = cl;
        this.program = cl.build(source);
        this.kernel = program.kernel(name);
    }

    /** Device time of the last launch (profiling event). */
    public ClKernel.Run lastRun() {
        return lastRun;
    }

    @Override
    public void run(int n, Object... args) {
        signature.check(n, args);
        List<ClBuffer> buffers = new ArrayList<>();
        try {
            kernel.arg(0, n);
            for (int k = 0; k < args.length; k++) {
                var p = signature.params().get(k);
                if (p.pointer()) {
                    var buffer = cl.buffer((p.isConst() ? CL_MEM_READ_ONLY : CL_MEM_READ_WRITE) | CL_MEM_COPY_HOST_PTR, args[k]);
                    buffers.add(buffer);
                    kernel.arg(k + 1, buffer);
                } else {
                    kernel.arg(k + 1, p.type().scalar((Number) args[k]));
                }
            }
            if (n > 0) {
                lastRun = kernel.launch1d(n);
            }
            int b = 0;
            for (int k = 0; k < args.length; k++) {
                var p = signature.params().get(k);
                if (p.pointer()) {
                    ClBuffer buffer = buffers.get(b++);
                    if (!p.isConst()) {
                        cl.read(buffer, args[k]);
                    }
                }
            }
        } finally {
            buffers.forEach(ClBuffer::close);
        }
    }

    @Override
    public void close() {
        kernel.close();
        program.close();
    }
}
