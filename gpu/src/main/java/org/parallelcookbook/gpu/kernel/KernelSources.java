package org.parallelcookbook.gpu.kernel;

import java.util.regex.Pattern;

/**
 * Generates the device source of {@link ElementwiseKernel} and {@link ReductionKernel} for OpenCL C
 * and CUDA C++ from the same pieces, so that the two backends differ only in spelling:
 *
 * <pre>
 *                      OpenCL C                       CUDA C++
 * kernel               __kernel void f(...)           extern "C" __global__ void f(...)
 * global index         get_global_id(0)               blockIdx.x * blockDim.x + threadIdx.x
 * total work items     get_global_size(0)             blockDim.x * gridDim.x
 * local/shared memory  __local T *scratch (argument)  extern __shared__ (launch parameter)
 * barrier              barrier(CLK_LOCAL_MEM_FENCE)   __syncthreads()
 * </pre>
 */
public final class KernelSources {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The two languages. */
    public enum Backend {
        OPENCL, CUDA
    }

    private KernelSources() {
    }

    static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("kernel name must be a C identifier, got '" + name + "'");
        }
        return name;
    }

    /** An element-wise kernel: {@code name(const int n, <arguments>)}, one work item per element. */
    public static String elementwise(Backend backend, String name, KernelSignature signature, String operation) {
        checkName(name);
        return switch (backend) {
            case OPENCL -> (signature.usesDouble() ? "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n" : "")
                    + "__kernel void " + name + "(const int n, " + signature.openCl() + ") {\n"
                    + "    int i = get_global_id(0);\n"
                    + "    if (i < n) {\n"
                    + "        " + operation + ";\n"
                    + "    }\n"
                    + "}\n";
            case CUDA -> "extern \"C\" __global__ void " + name + "(const int n, " + signature.cuda() + ") {\n"
                    + "    int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
                    + "    if (i < n) {\n"
                    + "        " + operation + ";\n"
                    + "    }\n"
                    + "}\n";
        };
    }

    /** The entry point of the first reduction stage (over the user's arguments). */
    public static String stage1(String name) {
        return name + "_stage1";
    }

    /** The entry point of the second stage (over the partials of the first). */
    public static String stage2(String name) {
        return name + "_stage2";
    }

    /**
     * A two-stage reduction. Both entry points take {@code (const int n, T *partial, ...)}; in
     * OpenCL the next argument is the {@code __local} scratch array, in CUDA the scratch array is
     * dynamic shared memory sized at launch. Stage 1 then takes the user's arguments, stage 2 one
     * array {@code in} of partials. The group size must be a power of two.
     */
    public static String reduction(Backend backend, String name, KernelSignature.Type type, String neutral,
                                   String reduceExpr, String mapExpr, KernelSignature signature) {
        checkName(name);
        boolean cl = backend == Backend.OPENCL;
        String t = cl ? type.openCl() : type.cuda();
        StringBuilder s = new StringBuilder();
        if (cl && (type == KernelSignature.Type.DOUBLE || signature.usesDouble())) {
            s.append("#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n");
        }
        s.append(cl ? "" : "__device__ ").append(t).append(' ').append(name).append("_op(").append(t).append(" a, ")
                .append(t).append(" b) {\n    return (").append(reduceExpr).append(");\n}\n\n");
        String inParam = (cl ? "__global const " : "const ") + t + " *in";
        s.append(stage(backend, name, t, neutral, mapExpr, stage1(name), cl ? signature.openCl() : signature.cuda()));
        s.append('\n');
        s.append(stage(backend, name, t, neutral, "in[i]", stage2(name), inParam));
        return s.toString();
    }

    private static String stage(Backend backend, String name, String t, String neutral, String map, String entry,
                                String params) {
        boolean cl = backend == Backend.OPENCL;
        String op = name + "_op";
        StringBuilder s = new StringBuilder();
        if (cl) {
            s.append("__kernel void ").append(entry).append("(const int n, __global ").append(t)
                    .append(" *partial, __local ").append(t).append(" *scratch, ").append(params).append(") {\n");
            s.append("    const int lid = get_local_id(0);\n");
            s.append("    const int size = get_local_size(0);\n");
            s.append("    ").append(t).append(" acc = (").append(t).append(")(").append(neutral).append(");\n");
            s.append("    for (int i = get_global_id(0); i < n; i += get_global_size(0)) {\n");
        } else {
            s.append("extern \"C\" __global__ void ").append(entry).append("(const int n, ").append(t)
                    .append(" *partial, ").append(params).append(") {\n");
            s.append("    extern __shared__ __align__(16) unsigned char ").append(entry).append("_smem[];\n");
            s.append("    ").append(t).append(" *scratch = reinterpret_cast<").append(t).append(" *>(")
                    .append(entry).append("_smem);\n");
            s.append("    const int lid = threadIdx.x;\n");
            s.append("    const int size = blockDim.x;\n");
            s.append("    ").append(t).append(" acc = (").append(t).append(")(").append(neutral).append(");\n");
            s.append("    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {\n");
        }
        s.append("        acc = ").append(op).append("(acc, (").append(t).append(")(").append(map).append("));\n");
        s.append("    }\n");
        s.append("    scratch[lid] = acc;\n");
        String barrier = cl ? "barrier(CLK_LOCAL_MEM_FENCE);" : "__syncthreads();";
        s.append("    ").append(barrier).append('\n');
        s.append("    for (int stride = size / 2; stride > 0; stride >>= 1) {\n");
        s.append("        if (lid < stride) {\n");
        s.append("            scratch[lid] = ").append(op).append("(scratch[lid], scratch[lid + stride]);\n");
        s.append("        }\n");
        s.append("        ").append(barrier).append('\n');
        s.append("    }\n");
        s.append("    if (lid == 0) {\n");
        s.append("        partial[").append(cl ? "get_group_id(0)" : "blockIdx.x").append("] = scratch[0];\n");
        s.append("    }\n");
        s.append("}\n");
        return s.toString();
    }
}
