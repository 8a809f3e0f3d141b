package org.parallelcookbook.gpu.cuda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import org.parallelcookbook.core.UnavailableException;

/**
 * Finds out, safely and once, whether CUDA can run here. JCuda's classes load native libraries that
 * link against the NVIDIA driver ({@code libcuda.so.1}), NVRTC ({@code libnvrtc.so.12}) and cuBLAS
 * ({@code libcublas.so.12}); on a machine without them the first JCuda call fails with an
 * {@link UnsatisfiedLinkError} several screens long. This class looks for the driver first, then
 * loads JCuda inside a guard and calls {@code cuInit}, and turns every failure into one sentence
 * that says what is missing and what is needed ({@link #require()} throws it as an
 * {@link UnavailableException}, which {@code RecipeMain} prints as one line with exit status 77).
 */
public final class CudaSupport {

    /** What CUDA recipes need, said once. */
    public static final String NEEDS = "the CUDA recipes need an NVIDIA GPU with its driver (libcuda.so.1) and the "
            + "CUDA 12 runtime libraries (libcudart.so.12, libnvrtc.so.12; libcublas.so.12 for ch6.numbapro-libs) "
            + "on Linux x86_64; install the NVIDIA driver and e.g. 'apt-get install cuda-libraries-12-6' from NVIDIA's "
            + "CUDA repository; the OpenCL and Aparapi recipes of chapter 6 run without them";

    /** The outcome of the probe. */
    public record Probe(boolean available, String reason, int driverVersion, int deviceCount) {
    }

    private static Probe probe;

    private CudaSupport() {
    }

    /** True when the driver loads, {@code cuInit} succeeds and at least one device is present. */
    public static boolean available() {
        return probe().available();
    }

    /** Why CUDA is not available (or "available"), for test reports: one line. */
    public static String reason() {
        Probe p = probe();
        return p.available() ? "CUDA available" : "no CUDA device found: " + p.reason() + "; " + NEEDS;
    }

    /** Throws {@link UnavailableException} with {@link #reason()} unless CUDA is available. */
    public static void require() {
        if (!available()) {
            throw new UnavailableException(reason());
        }
    }

    /** Requires NVRTC, the run-time compiler (PyCUDA's {@code SourceModule} role). */
    public static void requireNvrtc() {
        require();
        try {
            int[] major = new int[1];
            int[] minor = new int[1];
            jcuda.nvrtc.JNvrtc.nvrtcVersion(major, minor);
        } catch (LinkageError e) {
            throw new UnavailableException("CUDA driver found, but NVRTC 12 (libnvrtc.so.12) could not be loaded: "
                    + "install the CUDA 12 NVRTC library (e.g. 'apt-get install cuda-nvrtc-12-6') and make it "
                    + "visible to the loader (ldconfig or LD_LIBRARY_PATH)");
        }
    }

    /** Requires cuBLAS 12. */
    public static void requireCublas() {
        require();
        try {
            jcuda.jcublas.JCublas2.initialize();
        } catch (LinkageError e) {
            throw new UnavailableException("CUDA driver found, but cuBLAS 12 (libcublas.so.12) could not be loaded: "
                    + "install the CUDA 12 cuBLAS library (e.g. 'apt-get install libcublas-12-6') and make it "
                    + "visible to the loader (ldconfig or LD_LIBRARY_PATH)");
        }
    }

    /** The cached probe. */
    public static synchronized Probe probe() {
        if (probe == null) {
            probe = runProbe();
        }
        return probe;
    }

    private static Probe runProbe() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return new Probe(false, "this build carries JCuda's native libraries for linux-x86_64 only, and this is "
                    + os + "/" + arch, 0, 0);
        }
        if (Boolean.getBoolean("cookbook.cuda.disable")) {
            return new Probe(false, "CUDA disabled by -Dcookbook.cuda.disable=true", 0, 0);
        }
        if (!driverLibraryPresent()) {
            return new Probe(false, "the NVIDIA driver library libcuda.so.1 is not installed"
                    + (Files.exists(Path.of("/proc/driver/nvidia")) ? " (although /proc/driver/nvidia exists)" : ""), 0, 0);
        }
        try {
            JCudaDriver.setExceptionsEnabled(false);
            int result = JCudaDriver.cuInit(0);
            if (result != CUresult.CUDA_SUCCESS) {
                return new Probe(false, "cuInit failed with " + CUresult.stringFor(result), 0, 0);
            }
            int[] version = new int[1];
            JCudaDriver.cuDriverGetVersion(version);
            int[] count = new int[1];
            result = JCudaDriver.cuDeviceGetCount(count);
            if (result != CUresult.CUDA_SUCCESS || count[0] == 0) {
                return new Probe(false, "the NVIDIA driver is installed but reports no CUDA device", version[0], 0);
            }
            return new Probe(true, "available", version[0], count[0]);
        } catch (LinkageError e) {
            return new Probe(false, "JCuda's driver binding could not be loaded against libcuda.so.1", 0, 0);
        } catch (RuntimeException e) {
            return new Probe(false, "initialising the CUDA driver failed (" + e.getClass().getSimpleName() + ")", 0, 0);
        }
    }

    /**
     * Whether the dynamic loader can find {@code libcuda.so.1}: in {@code LD_LIBRARY_PATH}, the
     * loader cache or the usual directories. Looking first means a machine without the driver never
     * extracts and fails to link JCuda's native library.
     */
    static boolean driverLibraryPresent() {
        List<String> dirs = new ArrayList<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            dirs.addAll(List.of(ld.split(":")));
        }
        dirs.addAll(List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib",
                "/usr/local/cuda/compat", "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib"));
        for (String dir : dirs) {
            if (!dir.isBlank() && !dir.contains("stubs") && Files.exists(Path.of(dir, "libcuda.so.1"))) {
                return true;
            }
        }
        try {
            Path cache = Path.of("/etc/ld.so.cache");
            if (Files.isReadable(cache)) {
                String text = new String(Files.readAllBytes(cache), StandardCharsets.ISO_8859_1);
                return text.contains("libcuda.so.1");
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
