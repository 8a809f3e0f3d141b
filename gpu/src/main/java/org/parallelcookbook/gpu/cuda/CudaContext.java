package org.parallelcookbook.gpu.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import jcuda.nvrtc.nvrtcResult;
import org.parallelcookbook.gpu.kernel.KernelSignature;

/**
 * One CUDA device and its primary context (the context the CUDA runtime and cuBLAS use too), made
 * current on the calling thread. Kernels are CUDA C++ compiled at run time by NVRTC into PTX and
 * loaded with {@code cuModuleLoadData}: the analogue of PyCUDA's {@code SourceModule}, without
 * {@code nvcc} at run time. Close it to release the context.
 */
public final class CudaContext implements AutoCloseable {

    /** System property with the device ordinal (default 0). */
    public static final String PROPERTY = "cookbook.cuda.device";

    private final CUdevice device;
    private final CUcontext context;
    private final int ordinal;
    private final String name;
    private final int major;
    private final int minor;
    private final long totalMemBytes;
    private final Map<String, CudaModule> cache = new HashMap<>();

    private CudaContext(int ordinal) {
        CudaSupport.require();
        JCudaDriver.setExceptionsEnabled(true);
        this.ordinal = ordinal;
        this.device = new CUdevice();
        cuDeviceGet(device, ordinal);
        this.context = new CUcontext();
        cuDevicePrimaryCtxRetain(context, device);
        cuCtxSetCurrent(context);
        byte[] raw = new byte[256];
        cuDeviceGetName(raw, raw.length, device);
        int len = 0;
        while (len < raw.length && raw[len] != 0) {
            len++;
        }
        this.name = new String(raw, 0, len, java.nio.charset.StandardCharsets.UTF_8);
        this.major = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        this.minor = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        long[] mem = new long[1];
        cuDeviceTotalMem(mem, device);
        this.totalMemBytes = mem[0];
    }

    /** Opens the device named by {@value #PROPERTY} (default 0) and prints which one to {@code out} (may be null). */
    public static CudaContext open(PrintStream out) {
        int ordinal = Integer.getInteger(PROPERTY, 0);
        var cuda = new CudaContext(ordinal);
        if (out != null) {
            out.println("device: " + cuda.describe() + " chosen because "
                    + (System.getProperty(PROPERTY) == null ? "it is CUDA device 0 (set -D" + PROPERTY + "=N for another)"
                    : "-D" + PROPERTY + " asked for it"));
        }
        return cuda;
    }

    public int attribute(int attribute) {
        int[] value = new int[1];
        cuDeviceGetAttribute(value, attribute, device);
        return value[0];
    }

    /** {@code "NVIDIA H100 80GB HBM3 (CUDA device 0, compute capability 9.0, 81559 MiB)"}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (CUDA device %d, compute capability %d.%d, %d MiB)", name, ordinal, major,
                minor, totalMemBytes >> 20);
    }

    public String name() {
        return name;
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    public long totalMemBytes() {
        return totalMemBytes;
    }

    public CUdevice device() {
        return device;
    }

    /**
     * Compiles CUDA C++ with NVRTC and loads it. A compile error throws {@link IllegalStateException}
     * with NVRTC's log. No architecture is forced: NVRTC emits PTX for its default virtual
     * architecture, which the driver compiles for whatever GPU this is.
     */
    public CudaModule compile(String source, String fileName) {
        CudaSupport.requireNvrtc();
        var program = new nvrtcProgram();
        JNvrtc.setExceptionsEnabled(false);
        int created = JNvrtc.nvrtcCreateProgram(program, source, fileName, 0, null, null);
        if (created != nvrtcResult.NVRTC_SUCCESS) {
            throw new IllegalStateException("nvrtcCreateProgram failed: " + nvrtcResult.stringFor(created));
        }
        try {
            int result = JNvrtc.nvrtcCompileProgram(program, 1, new String[] {"--std=c++14"});
            String[] log = new String[1];
            JNvrtc.nvrtcGetProgramLog(program, log);
            if (result != nvrtcResult.NVRTC_SUCCESS) {
                throw new IllegalStateException("NVRTC could not compile " + fileName + " ("
                        + nvrtcResult.stringFor(result) + "); log:\n" + log[0] + "\nsource:\n" + source);
            }
            String[] ptx = new String[1];
            JNvrtc.nvrtcGetPTX(program, ptx);
            var module = new CUmodule();
            cuModuleLoadData(module, ptx[0]);
            return new CudaModule(module, ptx[0]);
        } finally {
            JNvrtc.nvrtcDestroyProgram(program);
        }
    }

    /** A module compiled once per context and cached under {@code key} (closed with the context). */
    public synchronized CudaModule cached(String key, String source) {
        CudaModule m = cache.get(key);
        if (m == null) {
            m = compile(source, key + ".cu");
            cache.put(key, m);
        }
        return m;
    }

    /** {@code cuMemAlloc}. */
    public CudaBuffer alloc(long bytes) {
        var ptr = new CUdeviceptr();
        cuMemAlloc(ptr, Math.max(1, bytes));
        return new CudaBuffer(ptr, bytes);
    }

    /** {@code cuMemAlloc} + {@code cuMemcpyHtoD} of a whole int[], long[], float[] or double[]. */
    public CudaBuffer copyOf(Object hostArray) {
        long bytes = bytes(hostArray);
        var buffer = alloc(bytes);
        if (bytes > 0) {
            cuMemcpyHtoD(buffer.pointer(), pointer(hostArray), bytes);
        }
        return buffer;
    }

    /** {@code cuMemcpyDtoH} into a whole host array. */
    public void read(CudaBuffer buffer, Object hostArray) {
        long bytes = bytes(hostArray);
        if (bytes > 0) {
            cuMemcpyDtoH(pointer(hostArray), buffer.pointer(), bytes);
        }
    }

    /** {@code cuMemcpyHtoD} from a whole host array. */
    public void write(CudaBuffer buffer, Object hostArray) {
        long bytes = bytes(hostArray);
        if (bytes > 0) {
            cuMemcpyHtoD(buffer.pointer(), pointer(hostArray), bytes);
        }
    }

    /**
     * {@code cuLaunchKernel} on a 1-D or 2-D grid, then {@code cuCtxSynchronize}. Arguments:
     * {@link CudaBuffer} (a device pointer), Integer, Long, Float or Double.
     */
    public void launch(CUfunction f, int[] grid, int[] block, int sharedBytes, Object... args) {
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = switch (args[i]) {
                case CudaBuffer b -> Pointer.to(b.pointer());
                case Integer v -> Pointer.to(new int[] {v});
                case Long v -> Pointer.to(new long[] {v});
                case Float v -> Pointer.to(new float[] {v});
                case Double v -> Pointer.to(new double[] {v});
                default -> throw new IllegalArgumentException("unsupported kernel argument " + args[i]);
            };
        }
        cuLaunchKernel(f, grid[0], grid.length > 1 ? grid[1] : 1, 1, block[0], block.length > 1 ? block[1] : 1, 1,
                sharedBytes, null, Pointer.to(params), null);
        cuCtxSynchronize();
    }

    static Pointer pointer(Object array) {
        return switch (array) {
            case int[] a -> Pointer.to(a);
            case long[] a -> Pointer.to(a);
            case float[] a -> Pointer.to(a);
            case double[] a -> Pointer.to(a);
            default -> throw new IllegalArgumentException("not an int[], long[], float[] or double[]: " + array);
        };
    }

    static long bytes(Object array) {
        return (long) java.lang.reflect.Array.getLength(array) * KernelSignature.Type.ofArray(array).bytes();
    }

    @Override
    public void close() {
        cache.values().forEach(CudaModule::close);
        cache.clear();
        cuDevicePrimaryCtxRelease(device);
    }
}
