package org.parallelcookbook.gpu.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_QUEUE_PROFILING_ENABLE;
import static org.jocl.CL.CL_QUEUE_PROPERTIES;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clCreateCommandQueueWithProperties;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;

import java.io.PrintStream;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_queue_properties;
import org.parallelcookbook.gpu.kernel.KernelSignature;

/**
 * The host-side structures the book lists for PyOpenCL (device, context, command queue), opened
 * together on the device {@link OpenClDevices} chose and released together by {@link #close()}.
 * Programs, kernels and buffers made from it are {@link AutoCloseable} too, so a recipe is one
 * try-with-resources block:
 *
 * <pre>{@code
 * try (var cl = OpenClContext.open(System.out);
 *      var program = cl.build(SOURCE);
 *      var kernel = program.kernel("vectorSum");
 *      var a = cl.buffer(CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, hostA); ...) {
 *     kernel.args(a, b, c).launch1d(n);
 *     cl.read(c, hostC);
 * }
 * }</pre>
 *
 * The queue has profiling enabled, so every launch reports the device's own start and end times.
 */
public final class OpenClContext implements AutoCloseable {

    private final OpenClDevices.Choice choice;
    private final cl_context context;
    private final cl_command_queue queue;

    private OpenClContext(OpenClDevices.Choice choice) {
        this.choice = choice;
        CL.setExceptionsEnabled(true);
        OpenClDevice device = choice.device();
        var properties = new cl_context_properties();
        properties.addProperty(CL_CONTEXT_PLATFORM, device.platform());
        this.context = clCreateContext(properties, 1, new cl_device_id[] {device.id()}, null, null, null);
        cl_command_queue q;
        try {
            if (device.platformIsOpenCl1()) {
                q = createQueue1(device);
            } else {
                var queueProperties = new cl_queue_properties();
                queueProperties.addProperty(CL_QUEUE_PROPERTIES, CL_QUEUE_PROFILING_ENABLE);
                q = clCreateCommandQueueWithProperties(context, device.id(), queueProperties, null);
            }
        } catch (RuntimeException e) {
            clReleaseContext(context);
            throw e;
        }
        this.queue = q;
    }

    @SuppressWarnings("deprecation")
    private cl_command_queue createQueue1(OpenClDevice device) {
        return clCreateCommandQueue(context, device.id(), CL_QUEUE_PROFILING_ENABLE, null);
    }

    /** Opens a context on the device {@link OpenClDevices#choose()} picks, printing the choice to {@code out} (may be null). */
    public static OpenClContext open(PrintStream out) {
        var choice = OpenClDevices.choose();
        if (out != null) {
            out.println(choice.describe());
        }
        return new OpenClContext(choice);
    }

    /** Opens a context on a given choice. */
    public static OpenClContext open(OpenClDevices.Choice choice) {
        return new OpenClContext(choice);
    }

    public OpenClDevice device() {
        return choice.device();
    }

    public OpenClDevices.Choice choice() {
        return choice;
    }

    public cl_context context() {
        return context;
    }

    public cl_command_queue queue() {
        return queue;
    }

    /** Compiles a program for this device; a failed build throws {@link OpenClBuildException} with the log. */
    public ClProgram build(String source) {
        return ClProgram.build(this, source, "");
    }

    /** Compiles with build options, e.g. {@code "-D TILE=16"}. */
    public ClProgram build(String source, String options) {
        return ClProgram.build(this, source, options);
    }

    /** A buffer initialised from a host array ({@code flags} should include {@code CL_MEM_COPY_HOST_PTR}). */
    public ClBuffer buffer(long flags, Object hostArray) {
        long bytes = bytes(hostArray);
        if (bytes == 0) { // an empty array: nothing to copy, but a kernel argument is still needed
            return buffer(flags & ~CL_MEM_COPY_HOST_PTR, 0);
        }
        var mem = clCreateBuffer(context, flags, bytes, pointer(hostArray), null);
        return new ClBuffer(mem, bytes);
    }

    /** An uninitialised buffer of {@code bytes} bytes. */
    public ClBuffer buffer(long flags, long bytes) {
        return new ClBuffer(clCreateBuffer(context, flags, Math.max(bytes, 1), null, null), bytes);
    }

    /** Blocking copy device to host, the whole array. */
    public void read(ClBuffer buffer, Object hostArray) {
        long bytes = bytes(hostArray);
        if (bytes > 0) {
            clEnqueueReadBuffer(queue, buffer.mem(), CL_TRUE, 0, bytes, pointer(hostArray), 0, null, null);
        }
    }

    /** Blocking copy host to device, the whole array. */
    public void write(ClBuffer buffer, Object hostArray) {
        long bytes = bytes(hostArray);
        if (bytes > 0) {
            clEnqueueWriteBuffer(queue, buffer.mem(), CL_TRUE, 0, bytes, pointer(hostArray), 0, null, null);
        }
    }

    /** Waits for everything queued. */
    public void finish() {
        clFinish(queue);
    }

    /** {@code Pointer.to(array)} for int[], long[], float[], double[]. */
    static Pointer pointer(Object array) {
        return switch (array) {
            case int[] a -> Pointer.to(a);
            case long[] a -> Pointer.to(a);
            case float[] a -> Pointer.to(a);
            case double[] a -> Pointer.to(a);
            case byte[] a -> Pointer.to(a);
            default -> throw new IllegalArgumentException("not a primitive array: " + array);
        };
    }

    static long bytes(Object array) {
        if (array instanceof byte[] b) {
            return b.length;
        }
        return (long) java.lang.reflect.Array.getLength(array) * KernelSignature.Type.ofArray(array).bytes();
    }

    @Override
    public void close() {
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
    }
}
