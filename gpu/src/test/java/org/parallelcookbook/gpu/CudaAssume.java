package org.parallelcookbook.gpu;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.parallelcookbook.gpu.cuda.CudaSupport;
import org.parallelcookbook.gpu.cuda.CudaSupport.Library;

/**
 * Each CUDA test assumes exactly the libraries it needs, and its skip names the first one missing:
 * {@link #assumeDriver()} for tests that only query the device, {@link #assumeNvrtc()} for tests
 * that compile kernels, {@link #assumeCublas()} for cuBLAS.
 */
final class CudaAssume {
    private CudaAssume() {
    }

    /** The driver: {@code libcuda.so.1} found and {@code cuInit} succeeds with a device. */
    static void assumeDriver() {
        assume(Library.DRIVER);
    }

    /** The driver and NVRTC ({@code libnvrtc.so.12}). */
    static void assumeNvrtc() {
        assume(Library.DRIVER, Library.NVRTC);
    }

    /** The driver and cuBLAS ({@code libcublas.so.12}). */
    static void assumeCublas() {
        assume(Library.DRIVER, Library.CUBLAS);
    }

    /** The driver, NVRTC and cuBLAS. */
    static void assumeNvrtcAndCublas() {
        assume(Library.DRIVER, Library.NVRTC, Library.CUBLAS);
    }

    private static void assume(Library... needed) {
        assumeFound(CudaSupport.searchPath(), System.getProperty(CudaSupport.LIBRARY_PATH) == null, needed);
        String why = CudaSupport.unavailable(needed);
        Assumptions.assumeTrue(why == null, why);
    }

    /** Skips, naming the library, unless every one needed is in {@code dirs} (or the loader cache). */
    static void assumeFound(List<Path> dirs, boolean useLoaderCache, Library... needed) {
        for (Library lib : needed) {
            String why = CudaSupport.missing(lib, dirs, useLoaderCache);
            Assumptions.assumeTrue(why == null, why);
        }
    }
}
