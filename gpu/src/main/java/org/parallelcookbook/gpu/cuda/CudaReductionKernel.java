package org.parallelcookbook.gpu.cuda;

import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUfunction;
import org.parallelcookbook.gpu.kernel.GeneratedKernel;
import org.parallelcookbook.gpu.kernel.KernelSignature;
import org.parallelcookbook.gpu.kernel.KernelSources;
import org.parallelcookbook.gpu.kernel.ReductionKernel;

/**
 * {@link ReductionKernel} on CUDA: map, per-block tree in dynamic {@code __shared__} memory with
 * {@code __syncthreads()} between levels, then one block over the partials. PyCUDA's
 * {@code ReductionKernel(numpy.int64, neutral="0", reduce_expr="a+b", map_expr="x[i]*y[i]",
 * arguments="long *x, long *y")} is {@code new CudaReductionKernel(cuda, "long", "0", "a+b",
 * "x[i]*y[i]", "const long *x, const long *y", "dot")}.
 */
public final class CudaReductionKernel extends GeneratedKernel implements ReductionKernel {

    static final int BLOCK = 256;
    static final int MAX_BLOCKS = 64;

    private final CudaContext cuda;
    private final KernelSignature.Type type;
    private final CudaModule module;
    private final CUfunction stage1;
    private final CUfunction stage2;

    public CudaReductionKernel(CudaContext cuda, String type, String neutral, String reduceExpr, String mapExpr,
                               String arguments, String name) {
        super(name, KernelSignature.parse(arguments), sig -> KernelSources.reduction(KernelSources.Backend.CUDA, name,
                KernelSignature.Type.parse(type), neutral, reduceExpr, mapExpr, sig), "CUDA: " + cuda.describe());
        this.cuda = cuda;
        this.type = KernelSignature.Type.parse(type);
        this.module = cuda.compile(source, name + ".cu");
        this.stage1 = module.function(KernelSources.stage1(name));
        this.stage2 = module.function(KernelSources.stage2(name));
    }

    @Override
    public KernelSignature.Type type() {
        return type;
    }

    @Override
    public Number reduce(int n, Object... args) {
        signature.check(n, args);
        int blocks = (int) Math.max(1, Math.min(MAX_BLOCKS, (n + (long) BLOCK - 1) / BLOCK));
        int shared = BLOCK * type.bytes();
        List<CudaBuffer> buffers = new ArrayList<>();
        try (var partial = cuda.alloc((long) blocks * type.bytes());
             var result = cuda.alloc(type.bytes())) {
            Object[] kernelArgs = new Object[args.length + 2];
            kernelArgs[0] = n;
            kernelArgs[1] = partial;
            for (int k = 0; k < args.length; k++) {
                var p = signature.params().get(k);
                if (p.pointer()) {
                    var buffer = cuda.copyOf(args[k]);
                    buffers.add(buffer);
                    kernelArgs[k + 2] = buffer;
                } else {
                    kernelArgs[k + 2] = p.type().scalar((Number) args[k]);
                }
            }
            cuda.launch(stage1, new int[] {blocks}, new int[] {BLOCK}, shared, kernelArgs);
            cuda.launch(stage2, new int[] {1}, new int[] {BLOCK}, shared, blocks, result, partial);
            Object out = type.newArray(1);
            cuda.read(result, out);
            return type.element(out, 0);
        } finally {
            buffers.forEach(CudaBuffer::close);
        }
    }

    @Override
    public void close() {
        module.close();
    }
}
