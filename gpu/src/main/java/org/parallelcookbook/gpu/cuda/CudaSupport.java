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

    /** What CUDA recipes need, said once: exactly the libraries JCuda's bindings load. */
    public static final String NEEDS = "the CUDA recipes need an NVIDIA GPU with its driver (libcuda.so.1), NVRTC 12 "
            + "(libnvrtc.so.12) for the kernels compiled at run time, and cuBLAS 12 (libcublas.so.12 with "
            + "libcublasLt.so.12) for ch6.numbapro-libs, on Linux x86_64; install the NVIDIA driver and e.g. "
            + "'apt-get install cuda-nvrtc-12-6 libcublas-12-6' from NVIDIA's CUDA repository; the OpenCL and Aparapi "
            + "recipes of chapter 6 run without them";

    /** System property: a {@code :}-separated list of folders that replaces the library search below (for tests and odd installs). */
    public static final String LIBRARY_PATH = "cookbook.cuda.libraryPath";

    /** The native libraries the CUDA recipes load, each through its own JCuda binding. */
    public enum Library {
        DRIVER("libcuda.so.1", "the NVIDIA driver"),
        NVRTC("libnvrtc.so.12", "NVRTC 12, the run-time compiler"),
        CUBLAS("libcublas.so.12", "cuBLAS 12");

        private final String file;
        private final String what;

        Library(String file, String what) {
            this.file = file;
            this.what = what;
        }

        public String file() {
            return file;
        }

        public String what() {
            return what;
        }
    }

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
        String why = unavailable(Library.NVRTC);
        if (why != null) {
            throw new UnavailableException(why);
        }
    }

    /** Requires cuBLAS 12. */
    public static void requireCublas() {
        String why = unavailable(Library.CUBLAS);
        if (why != null) {
            throw new UnavailableException(why);
        }
    }

    /**
     * Null when every library named can be used (the driver always included: probed with
     * {@code cuInit}, the others looked up in the search path, then loaded through JCuda), else one
     * sentence naming the first one missing.
     */
    public static String unavailable(Library... needed) {
        if (!available()) {
            return reason();
        }
        for (Library lib : needed) {
            if (lib == Library.DRIVER) {
                continue;
            }
            String why = missing(lib, searchPath(), System.getProperty(LIBRARY_PATH) == null);
            if (why == null) {
                why = loadFailure(lib);
            }
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    /**
     * Null when {@code lib} is in one of {@code dirs} (or, with {@code useLoaderCache}, in the
     * loader's cache), else a sentence that names it. Looking before loading means a missing
     * library never reaches JCuda's native loader and its multi-screen {@link UnsatisfiedLinkError}.
     */
    public static String missing(Library lib, List<Path> dirs, boolean useLoaderCache) {
        for (Path dir : dirs) {
            if (!dir.toString().contains("stubs") && Files.exists(dir.resolve(lib.file()))) {
                return null;
            }
        }
        if (useLoaderCache && inLoaderCache(lib.file())) {
            return null;
        }
        return "CUDA driver found, but " + lib.what() + " (" + lib.file() + ") is not installed (looked in " + dirs
                + (useLoaderCache ? " and the loader cache" : "") + "); install it and make it visible to the loader "
                + "(ldconfig or LD_LIBRARY_PATH)";
    }

    private static String loadFailure(Library lib) {
        try {
            switch (lib) {
                case NVRTC -> jcuda.nvrtc.JNvrtc.nvrtcVersion(new int[1], new int[1]);
                case CUBLAS -> jcuda.jcublas.JCublas2.initialize();
                case DRIVER -> { }
            }
            return null;
        } catch (LinkageError e) {
            return "CUDA driver found, but " + lib.what() + " (" + lib.file() + ") could not be loaded by JCuda: make "
                    + "it visible to the loader (ldconfig or LD_LIBRARY_PATH)";
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

    /** Whether the dynamic loader can find {@code libcuda.so.1} (looked up before JCuda's native library is touched). */
    static boolean driverLibraryPresent() {
        return missing(Library.DRIVER, searchPath(), System.getProperty(LIBRARY_PATH) == null) == null;
    }

    /**
     * The folders searched: {@value #LIBRARY_PATH} alone where it is set, else {@code LD_LIBRARY_PATH}
     * and the usual places of the driver and of the CUDA toolkit's libraries.
     */
    public static List<Path> searchPath() {
        List<String> dirs = new ArrayList<>();
        String forced = System.getProperty(LIBRARY_PATH);
        if (forced != null) {
            dirs.addAll(List.of(forced.split(":")));
        } else {
            String ld = System.getenv("LD_LIBRARY_PATH");
            if (ld != null) {
                dirs.addAll(List.of(ld.split(":")));
            }
            dirs.addAll(List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib",
                    "/usr/local/cuda/compat", "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib", "/usr/local/cuda/lib64",
                    "/usr/local/cuda/targets/x86_64-linux/lib"));
        }
        return dirs.stream().filter(d -> !d.isBlank()).map(Path::of).toList();
    }

    private static boolean inLoaderCache(String file) {
        try {
            Path cache = Path.of("/etc/ld.so.cache");
            if (Files.isReadable(cache)) {
                String text = new String(Files.readAllBytes(cache), StandardCharsets.ISO_8859_1);
                return text.contains(file);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
