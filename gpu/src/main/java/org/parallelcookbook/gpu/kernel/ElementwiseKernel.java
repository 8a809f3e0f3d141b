package org.parallelcookbook.gpu.kernel;

/**
 * PyCUDA's and PyOpenCL's {@code ElementwiseKernel}, with one shape for both backends: an argument
 * list ({@link KernelSignature}) and a C statement over the index {@code i}, such as
 * {@code "c[i] = a*x[i] + b*y[i]"}, become a kernel with one work item (OpenCL) or thread (CUDA)
 * per element and a guard {@code if (i < n)}, so any length works, not only multiples of the
 * work-group or block size.
 *
 * <p>Implementations: {@code org.parallelcookbook.gpu.opencl.ClElementwiseKernel} and
 * {@code org.parallelcookbook.gpu.cuda.CudaElementwiseKernel}; both are built as
 * {@code new XElementwiseKernel(context, arguments, operation, name)}.
 */
public interface ElementwiseKernel extends AutoCloseable {

    /** The kernel's name, as in the generated source. */
    String name();

    /** The parsed argument list. */
    KernelSignature signature();

    /** The generated device source (OpenCL C or CUDA C++). */
    String source();

    /** Which device runs it, e.g. {@code "OpenCL: pthread-... (Portable Computing Language, CPU)"}. */
    String device();

    /**
     * Runs the operation for i = 0 .. n-1. Pointer arguments are Java arrays (copied to the device,
     * and back when not {@code const}); scalars are numbers.
     */
    void run(int n, Object... args);

    @Override
    void close();
}
