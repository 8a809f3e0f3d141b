package org.parallelcookbook.gpu.opencl;

import static org.jocl.CL.CL_PROFILING_COMMAND_END;
import static org.jocl.CL.CL_PROFILING_COMMAND_START;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE;
import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;
import static org.jocl.CL.clGetEventProfilingInfo;
import static org.jocl.CL.clGetKernelWorkGroupInfo;
import static org.jocl.CL.clReleaseEvent;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clSetKernelArg;
import static org.jocl.CL.clWaitForEvents;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_event;
import org.jocl.cl_kernel;

/**
 * A kernel with its arguments ({@code clSetKernelArg}) and launches ({@code clEnqueueNDRangeKernel})
 * that wait for the kernel and return its profiled device time.
 */
public final class ClKernel implements AutoCloseable {

    /** A {@code __local} argument of the given size: memory shared by one work group. */
    public record Local(long bytes) {
    }

    /** Device timestamps (ns) of one launch, from {@code clGetEventProfilingInfo}. */
    public record Run(long startNs, long endNs) {
        public double seconds() {
            return (endNs - startNs) / 1e9;
        }
    }

    private final OpenClContext cl;
    private final cl_kernel kernel;
    private final String name;

    ClKernel(OpenClContext cl, cl_kernel kernel, String name) {
        this.cl = cl;
        this.kernel = kernel;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** {@code CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE}: work-group sizes that are multiples of it run best. */
    public long preferredWorkGroupMultiple() {
        return workGroupInfo(CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE);
    }

    /** {@code CL_KERNEL_WORK_GROUP_SIZE}: the largest work group this kernel can be launched with on the device. */
    public long maxWorkGroupSize() {
        return workGroupInfo(CL_KERNEL_WORK_GROUP_SIZE);
    }

    private long workGroupInfo(int param) {
        long[] value = new long[1];
        clGetKernelWorkGroupInfo(kernel, cl.device().id(), param, Sizeof.size_t, Pointer.to(value), null);
        return value[0];
    }

    /** Sets one argument: a {@link ClBuffer}, a {@link Local}, or an Integer, Long, Float or Double. */
    public ClKernel arg(int index, Object value) {
        switch (value) {
            case ClBuffer b -> clSetKernelArg(kernel, index, Sizeof.cl_mem, Pointer.to(b.mem()));
            case Local l -> clSetKernelArg(kernel, index, l.bytes(), null);
            case Integer i -> clSetKernelArg(kernel, index, Sizeof.cl_int, Pointer.to(new int[] {i}));
            case Long l -> clSetKernelArg(kernel, index, Sizeof.cl_long, Pointer.to(new long[] {l}));
            case Float f -> clSetKernelArg(kernel, index, Sizeof.cl_float, Pointer.to(new float[] {f}));
            case Double d -> clSetKernelArg(kernel, index, Sizeof.cl_double, Pointer.to(new double[] {d}));
            default -> throw new IllegalArgumentException("unsupported kernel argument " + value);
        }
        return this;
    }

    /** Sets all arguments in order. */
    public ClKernel args(Object... values) {
        for (int i = 0; i < values.length; i++) {
            arg(i, values[i]);
        }
        return this;
    }

    /** One work item per element, local size chosen by the runtime. */
    public Run launch1d(long global) {
        return launch(new long[] {global}, null);
    }

    /**
     * Launches over {@code global} work items in groups of {@code local} (null: the runtime
     * chooses), waits for the kernel and returns its device time.
     */
    public Run launch(long[] global, long[] local) {
        var event = new cl_event();
        clEnqueueNDRangeKernel(cl.queue(), kernel, global.length, null, global, local, 0, null, event);
        try {
            clWaitForEvents(1, new cl_event[] {event});
            long[] start = new long[1];
            long[] end = new long[1];
            clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_START, Sizeof.cl_ulong, Pointer.to(start), null);
            clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_END, Sizeof.cl_ulong, Pointer.to(end), null);
            return new Run(start[0], end[0]);
        } finally {
            clReleaseEvent(event);
        }
    }

    @Override
    public void close() {
        clReleaseKernel(kernel);
    }
}
