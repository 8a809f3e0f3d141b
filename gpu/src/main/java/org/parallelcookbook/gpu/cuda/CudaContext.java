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
import jcuda.driver.CUevent;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import jcuda.nvrtc.nvrtcResult;
import org.parallelcookbook.gpu.kernel.KernelSignature;

/**
 * One CUDA device and its primary context (the context the CUDA runtime and cuBLAS use too), made
 * current on the calling thread. Kernels are CUDA C++ compiled at run time by NVRTC (into a CUBIN
 * for this GPU, else PTX) and loaded with {@code cuModuleLoadData}: the analogue of PyCUDA's {@code SourceModule}, without
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
     * Compiles CUDA C++ with NVRTC and loads it. First as a CUBIN for this device's compute
     * capability ({@code -arch=sm_XY}, {@code nvrtcGetCUBIN}): machine code the driver loads as it
     * is, which works even when NVRTC is newer than the driver. Where that fails (an NVRTC that does
     * not know this architecture, or a driver that refuses the image), it falls back to PTX for
     * NVRTC's default virtual architecture, which the driver JIT-compiles. {@link CudaModule#format()}
     * says which one was loaded. A compile error throws {@link IllegalStateException} with NVRTC's log.
     */
    public CudaModule compile(String source, String fileName) {
        CudaSupport.requireNvrtc();
        String arch = "sm_" + major + minor;
        String cubinFailure;
        try {
            byte[] cubin = nvrtc(source, fileName, "--gpu-architecture=" + arch).cubin();
            var module = new CUmodule();
            JCudaDriver.setExceptionsEnabled(false);
            int loaded;
            try {
                loaded = cuModuleLoadData(module, cubin);
            } finally {
                JCudaDriver.setExceptionsEnabled(true);
            }
            if (loaded == CUresult.CUDA_SUCCESS) {
                return new CudaModule(module, "CUBIN " + arch, null);
            }
            cubinFailure = "the driver refused the " + arch + " CUBIN (" + CUresult.stringFor(loaded) + ")";
        } catch (NvrtcFailure e) {
            cubinFailure = "NVRTC could not compile for " + arch + " (" + e.getMessage() + ")";
        }
        String ptx;
        try {
            ptx = nvrtc(source, fileName, null).ptx();
        } catch (NvrtcFailure e) {
            throw new IllegalStateException("NVRTC could not compile " + fileName + " (" + e.getMessage() + "); log:\n"
                    + e.log + "\nsource:\n" + source);
        }
        var module = new CUmodule();
        cuModuleLoadData(module, ptx);
        return new CudaModule(module, "PTX (JIT-compiled by the driver; " + cubinFailure + ")", ptx);
    }

    /** What one NVRTC compilation produced. */
    private record Compiled(byte[] cubin, String ptx) {
    }

    /** An NVRTC compilation that failed, with its log. */
    private static final class NvrtcFailure extends Exception {
        private final String log;

        NvrtcFailure(String message, String log) {
            super(message);
            this.log = log;
        }
    }

    /** One NVRTC run: with {@code archOption} a CUBIN for that real architecture, without it PTX. */
    private static Compiled nvrtc(String source, String fileName, String archOption) throws NvrtcFailure {
        var program = new nvrtcProgram();
        JNvrtc.setExceptionsEnabled(false);
        int created = JNvrtc.nvrtcCreateProgram(program, source, fileName, 0, null, null);
        if (created != nvrtcResult.NVRTC_SUCCESS) {
            throw new IllegalStateException("nvrtcCreateProgram failed: " + nvrtcResult.stringFor(created));
        }
        try {
            String[] options = archOption == null ? new String[] {"--std=c++14"} : new String[] {"--std=c++14", archOption};
            int result = JNvrtc.nvrtcCompileProgram(program, options.length, options);
            String[] log = new String[1];
            JNvrtc.nvrtcGetProgramLog(program, log);
            if (result != nvrtcResult.NVRTC_SUCCESS) {
                throw new NvrtcFailure(nvrtcResult.stringFor(result), log[0]);
            }
            if (archOption == null) {
                String[] ptx = new String[1];
                check(JNvrtc.nvrtcGetPTX(program, ptx), "nvrtcGetPTX", log[0]);
                return new Compiled(null, ptx[0]);
            }
            long[] size = new long[1];
            check(JNvrtc.nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize", log[0]);
            if (size[0] <= 0) {
                throw new NvrtcFailure("NVRTC produced no CUBIN", log[0]);
            }
            byte[] cubin = new byte[(int) size[0]];
            check(JNvrtc.nvrtcGetCUBIN(program, cubin), "nvrtcGetCUBIN", log[0]);
            return new Compiled(cubin, null);
        } finally {
            JNvrtc.nvrtcDestroyProgram(program);
        }
    }

    private static void check(int result, String call, String log) throws NvrtcFailure {
        if (result != nvrtcResult.NVRTC_SUCCESS) {
            throw new NvrtcFailure(call + ": " + nvrtcResult.stringFor(result), log);
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

    /** Like {@link #launch}, timed by CUDA events around the kernel: its device time in seconds. */
    public double launchTimed(CUfunction f, int[] grid, int[] block, int sharedBytes, Object... args) {
        var start = new CUevent();
        var end = new CUevent();
        JCudaDriver.cuEventCreate(start, 0);
        JCudaDriver.cuEventCreate(end, 0);
        try {
            JCudaDriver.cuEventRecord(start, null);
            launch(f, grid, block, sharedBytes, args);
            JCudaDriver.cuEventRecord(end, null);
            JCudaDriver.cuEventSynchronize(end);
            float[] ms = new float[1];
            JCudaDriver.cuEventElapsedTime(ms, start, end);
            return ms[0] / 1e3;
        } finally {
            JCudaDriver.cuEventDestroy(start);
            JCudaDriver.cuEventDestroy(end);
        }
    }

    /** {@code cuMemsetD32}: every 32-bit word of the buffer set to {@code bits} (0 zeroes a float buffer). */
    public void fill(CudaBuffer buffer, int bits) {
        long words = buffer.bytes() / 4;
        if (words > 0) {
            JCudaDriver.cuMemsetD32(buffer.pointer(), bits, words);
        }
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
