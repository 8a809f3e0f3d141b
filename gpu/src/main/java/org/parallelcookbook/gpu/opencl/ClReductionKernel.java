package org.parallelcookbook.gpu.opencl;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;

import java.util.ArrayList;
import java.util.List;
import org.parallelcookbook.gpu.kernel.GeneratedKernel;
import org.parallelcookbook.gpu.kernel.KernelSignature;
import org.parallelcookbook.gpu.kernel.KernelSources;
import org.parallelcookbook.gpu.kernel.ReductionKernel;

/**
 * {@link ReductionKernel} on OpenCL: map, per-group tree in {@code __local} memory, then a second
 * launch of one group over the partials. Built once; {@link #reduce} may be called many times.
 */
public final class ClReductionKernel extends GeneratedKernel implements ReductionKernel {

    /** Partials of the first stage: at most this many groups. */
    static final int MAX_GROUPS = 64;

    private final OpenClContext cl;
    private final KernelSignature.Type type;
    private final ClProgram program;
    private final ClKernel stage1;
    private final ClKernel stage2;
    private final int groupSize;

    public ClReductionKernel(OpenClContext cl, String type, String neutral, String reduceExpr, String mapExpr,
                             String arguments, String name) {
        super(name, KernelSignature.parse(arguments), sig -> KernelSources.reduction(KernelSources.Backend.OPENCL, name,
                KernelSignature.Type.parse(type), neutral, reduceExpr, mapExpr, sig), "OpenCL: " + cl.device().describe());
        this.cl = cl;
        this.type = KernelSignature.Type.parse(type);
        this.program = cl.build(source);
        this.stage1 = program.kernel(KernelSources.stage1(name));
        this.stage2 = program.kernel(KernelSources.stage2(name));
        this.groupSize = Integer.highestOneBit((int) Math.min(256, Math.max(1, cl.device().maxWorkGroupSize())));
    }

    @Override
    public KernelSignature.Type type() {
        return type;
    }

    /** The work-group size used (a power of two). */
    public int groupSize() {
        return groupSize;
    }

    @Override
    public Number reduce(int n, Object... args) {
        signature.check(n, args);
        int groups = (int) Math.max(1, Math.min(MAX_GROUPS, (n + (long) groupSize - 1) / groupSize));
        List<ClBuffer> buffers = new ArrayList<>();
        try (var partial = cl.buffer(CL_MEM_READ_WRITE, (long) groups * type.bytes());
             var result = cl.buffer(CL_MEM_READ_WRITE, type.bytes())) {
            var local = new ClKernel.Local((long) groupSize * type.bytes());
            stage1.arg(0, n).arg(1, partial).arg(2, local);
            for (int k = 0; k < args.length; k++) {
                var p = signature.params().get(k);
                if (p.pointer()) {
                    var buffer = cl.buffer(CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, args[k]);
                    buffers.add(buffer);
                    stage1.arg(k + 3, buffer);
                } else {
                    stage1.arg(k + 3, p.type().scalar((Number) args[k]));
                }
            }
            stage1.launch(new long[] {(long) groups * groupSize}, new long[] {groupSize});
            stage2.args(groups, result, local, partial).launch(new long[] {groupSize}, new long[] {groupSize});
            Object out = type.newArray(1);
            cl.read(result, out);
            return type.element(out, 0);
        } finally {
            buffers.forEach(ClBuffer::close);
        }
    }

    @Override
    public void close() {
        stage1.close();
        stage2.close();
        program.close();
    }
}
