package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.gpu.kernel.MatMulKernels;

@Timeout(60)
class CudaMatrixMultiplyTest {

    @ParameterizedTest
    @ValueSource(ints = {5, 16, 37})
    void naiveAndTiledMatchTheCpuProduct(int n) {
        CudaAssume.assumeNvrtc();
        var r = CudaMatrixMultiply.multiply(HostArrays.randomNormalFloats(n * n, n), HostArrays.randomNormalFloats(n * n, n + 1), n);
        double naive = MatMulKernels.maxRelativeError(r.naive(), r.cpu());
        double tiled = MatMulKernels.maxRelativeError(r.tiled(), r.cpu());
        assertTrue(naive < 1e-4, "naive " + naive);
        assertTrue(tiled < 1e-4, "tiled " + tiled);
    }
}
