package org.parallelcookbook.gpu.cuda;

import java.util.ArrayList;
import java.util.List;
import org.parallelcookbook.gpu.kernel.ElementwiseKernel;
import org.parallelcookbook.gpu.kernel.GeneratedKernel;
import org.parallelcookbook.gpu.kernel.KernelSignature;
import org.parallelcookbook.gpu.kernel.KernelSources;

/**
 * {@link ElementwiseKernel} on CUDA: PyCUDA's
 * {@code ElementwiseKernel("float a, float *x, float b, float *y, float *c", "c[i] = a*x[i] + b*y[i]", "lin_comb")}
 * is {@code new CudaElementwiseKernel(cuda, "float a, const float *x, float b, const float *y, float *c",
 * "c[i] = a*x[i] + b*y[i]", "lin_comb")}. Compiled once by NVRTC; blocks of {@value #BLOCK} threads,
 * as many blocks as needed to cover n, the guard {@code if (i < n)} idling the rest.
 */
public final class CudaElementwiseKernel extends GeneratedKernel implements ElementwiseKernel {

    static final int BLOCK = 256;

    private final CudaContext cuda;
    private final CudaModule module;
    private final jcuda.driver.CUfunction function;

    public CudaElementwiseKernel(CudaContext cuda, String arguments, String operation, String name) {
        super(name, KernelSignature.parse(arguments),
                sig -> KernelSources.elementwise(KernelSources.Backend.CUDA, name, sig, operation),
                "CUDA: " + cuda.describe());
        this.cuda = cuda;
        this.module = cuda.compile(source, name + ".cu");
        this.function = module.function(name);
    }

    @Override
    public void run(int n, Object... args) {
        signature.check(n, args);
        List<CudaBuffer> buffers = new ArrayList<>();
        try {
            Object[] kernelArgs = new Object[args.length + 1];
            kernelArgs[0] = n;
            for (int k = 0; k < args.length; k++) {
                var p = signature.params().get(k);
                if (p.pointer()) {
                    var buffer = cuda.copyOf(args[k]);
                    buffers.add(buffer);
                    kernelArgs[k + 1] = buffer;
                } else {
                    kernelArgs[k + 1] = p.type().scalar((Number) args[k]);
                }
            }
            if (n > 0) {
                cuda.launch(function, new int[] {(n + BLOCK - 1) / BLOCK}, new int[] {BLOCK}, 0, kernelArgs);
            }
            int b = 0;
            for (int k = 0; k < args.length; k++) {
                var p = signature.params().get(k);
                if (p.pointer()) {
                    CudaBuffer buffer = buffers.get(b++);
                    if (!p.isConst()) {
                        cuda.read(buffer, args[k]);
                    }
                }
            }
        } finally {
            buffers.forEach(CudaBuffer::close);
        }
    }

    @Override
    public void close() {
        module.close();
    }
}
