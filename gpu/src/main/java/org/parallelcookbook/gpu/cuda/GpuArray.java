package org.parallelcookbook.gpu.cuda;

import java.util.Arrays;
import org.parallelcookbook.gpu.kernel.KernelSignature;
import org.parallelcookbook.gpu.kernel.KernelSources;

/**
 * A small analogue of PyCUDA's {@code gpuarray.GPUArray}: float data that lives on the device, with
 * its shape. {@link #toDevice} copies in, {@link #times} runs a generated element-wise kernel and
 * returns a new device array (the data never visits the host), {@link #get()} copies out.
 */
public final class GpuArray implements AutoCloseable {

    private static final String SCALE = KernelSources.elementwise(KernelSources.Backend.CUDA, "gpuarray_scale",
            KernelSignature.parse("float s, const float *in, float *out"), "out[i] = s * in[i]");

    private final CudaContext cuda;
    private final CudaBuffer buffer;
    private final int[] shape;
    private final int size;

    private GpuArray(CudaContext cuda, CudaBuffer buffer, int[] shape) {
        this.cuda = cuda;
        this.buffer = buffer;
        this.shape = shape.clone();
        this.size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }

    /** {@code gpuarray.to_gpu(a)}: copies {@code data} (row-major, of the given shape) to the device. */
    public static GpuArray toDevice(CudaContext cuda, float[] data, int... shape) {
        int size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " elements, data has " + data.length);
        }
        return new GpuArray(cuda, cuda.copyOf(data), shape);
    }

    /** {@code s * a_gpu}: a new device array, computed on the device. */
    public GpuArray times(float s) {
        var out = cuda.alloc((long) size * Float.BYTES);
        try {
            var f = cuda.cached("gpuarray_scale", SCALE).function("gpuarray_scale");
            if (size > 0) {
                cuda.launch(f, new int[] {(size + 255) / 256}, new int[] {256}, 0, size, s, buffer, out);
            }
            return new GpuArray(cuda, out, shape);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** {@code .get()}: the data, copied to a new host array. */
    public float[] get() {
        float[] host = new float[size];
        cuda.read(buffer, host);
        return host;
    }

    public int[] shape() {
        return shape.clone();
    }

    @Override
    public void close() {
        buffer.close();
    }
}
