package org.parallelcookbook.gpu;

import org.junit.jupiter.api.Assumptions;

/** The reason every CUDA test gives when it is skipped. */
final class CudaAssume {
    private CudaAssume() {
    }

    static void assumeCuda() {
        Assumptions.assumeTrue(org.parallelcookbook.gpu.cuda.CudaSupport.available(),
                org.parallelcookbook.gpu.cuda.CudaSupport.reason());
    }
}
