package org.parallelcookbook.gpu.kernel;

/**
 * PyCUDA's {@code ReductionKernel(dtype_out, neutral, reduce_expr, map_expr, arguments)}, with one
 * shape for OpenCL and CUDA. Each element is first mapped ({@code "x[i]*y[i]"}), then the values are
 * combined with the reduce expression over {@code a} and {@code b} ({@code "a+b"}, which must be
 * associative, with {@code neutral} its identity):
 *
 * <ol>
 *   <li>every work item (thread) folds a strided slice of the input into a private accumulator;</li>
 *   <li>each work group (block) combines its accumulators in a tree in local (shared) memory, with a
 *       barrier between the levels, and writes one partial result;</li>
 *   <li>a second launch with a single group reduces the partials the same way.</li>
 * </ol>
 *
 * The result stays on the device until it is read, like PyCUDA's {@code .get()}.
 * Implementations: {@code ClReductionKernel} and {@code CudaReductionKernel}, both built as
 * {@code new XReductionKernel(context, type, neutral, reduceExpr, mapExpr, arguments, name)}.
 */
public interface ReductionKernel extends AutoCloseable {

    String name();

    /** The result's element type. */
    KernelSignature.Type type();

    KernelSignature signature();

    /** The generated device source of both stages. */
    String source();

    /** Which device runs it. */
    String device();

    /** Reduces i = 0 .. n-1; a {@link Long}, {@link Integer}, {@link Float} or {@link Double} by {@link #type()}. */
    Number reduce(int n, Object... args);

    @Override
    void close();
}
