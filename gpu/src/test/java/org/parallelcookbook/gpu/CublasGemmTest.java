package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CublasGemmTest {

    @Test
    void rowMajorProductOfNonSymmetricMatrices() {
        CudaAssume.assumeCublas();
        int m = 10, k = 7, n = 5; // rectangular: a layout mistake cannot cancel out
        double[] a = HostArrays.randomDoubles(m * k, 1);
        double[] b = HostArrays.randomDoubles(k * n, 2);
        var r = CublasGemm.gemm(1.0, a, b, 0.0, new double[m * n], m, k, n);
        assertTrue(CublasGemm.maxError(r.d(), CublasGemm.reference(1.0, a, b, 0.0, new double[m * n], m, k, n)) < 1e-12);
    }

    @Test
    void betaOneAddsTheProductToD() {
        CudaAssume.assumeCublas();
        double[] a = HostArrays.randomDoubles(100, 3);
        double[] b = HostArrays.randomDoubles(100, 4);
        double[] d0 = HostArrays.randomDoubles(100, 5);
        var r = CublasGemm.gemm(1.0, a, b, 1.0, d0, 10, 10, 10);
        double[] product = CublasGemm.reference(1.0, a, b, 0.0, new double[100], 10, 10, 10);
        for (int i = 0; i < 100; i++) {
            assertTrue(Math.abs(r.d()[i] - (product[i] + d0[i])) < 1e-12, "element " + i);
        }
    }

    @Test
    void theCpuReferenceHonoursAlphaAndBeta() {
        double[] d = CublasGemm.reference(2.0, new double[] {1, 2, 3, 4}, new double[] {1, 0, 0, 1}, 1.0,
                new double[] {1, 1, 1, 1}, 2, 2, 2);
        assertTrue(d[0] == 3 && d[1] == 5 && d[2] == 7 && d[3] == 9);
    }
}
