package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.Kernel;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.gpu.aparapi.AparapiSupport;
import org.parallelcookbook.gpu.aparapi.FloatMatMulKernel;
import org.parallelcookbook.gpu.aparapi.FloatTiledMatMulKernel;
import org.parallelcookbook.gpu.kernel.MatMulKernels;

/**
 * The benchmark's two Aparapi matmul kernels (naive and tiled with {@code @Local} tiles) against
 * the CPU reference at n = 1024 and at sizes that are no multiple of the 16×16 tile, on the OpenCL
 * device the chapter chooses (PoCL here), and where they ran.
 */
@Timeout(600)
class AparapiFloatMatMulTest {

    @ParameterizedTest
    @ValueSource(ints = {1024, 1000, 1023, 17, 1})
    void naiveAndTiledAgreeWithTheCpuReference(int n) {
        float[] a = HostArrays.randomFloats(n * n, n);
        float[] b = HostArrays.randomFloats(n * n, n + 1);
        float[] ref = MatMulKernels.reference(a, b, n);
        check("naive", n, a, b, ref, c -> new FloatMatMulKernel(a, b, c, n));
        check("tiled", n, a, b, ref, c -> new FloatTiledMatMulKernel(a, b, c, n));
    }

    private static void check(String name, int n, float[] a, float[] b, float[] ref, Function<float[], Kernel> make) {
        var target = AparapiSupport.choose(AparapiSupport.Mode.AUTO);
        float[] c = new float[n * n];
        Kernel k = make.apply(c);
        try {
            AparapiSupport.use(k, target.device());
            k.execute(AparapiSupport.range2d(target.device(), n, n, FloatTiledMatMulKernel.TILE));
            var ran = AparapiSupport.ranOn(k);
            OpenClPresence.assertAparapiRanWhereExpected(ran.openCl(), ran.where());
            double err = MatMulKernels.maxRelativeError(c, ref);
            assertTrue(err < 1e-4, name + " n = " + n + ": max relative error " + err + " (" + ran.where() + ")");
        } finally {
            k.dispose();
        }
    }
}
