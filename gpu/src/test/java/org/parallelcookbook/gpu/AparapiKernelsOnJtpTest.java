package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.JavaDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.gpu.aparapi.AparapiSupport;
import org.parallelcookbook.gpu.aparapi.FloatMatMulKernel;
import org.parallelcookbook.gpu.aparapi.FloatTiledMatMulKernel;
import org.parallelcookbook.gpu.aparapi.PartialSumKernel;
import org.parallelcookbook.gpu.aparapi.RepeatedSumKernel;
import org.parallelcookbook.gpu.kernel.MatMulKernels;

/**
 * The chapter's Aparapi kernels on the Java thread pool, where Aparapi runs each kernel's own
 * {@code run()} method (one Java thread per work item of a group, {@code localBarrier()} a real
 * barrier), against CPU references, at sizes that leave padded work items. On OpenCL Aparapi
 * translates the kernel's class file to OpenCL C instead; {@code AparapiFloatMatMulTest} checks
 * that path.
 */
@Timeout(120)
class AparapiKernelsOnJtpTest {

    private static String execute(Kernel kernel, Range range) {
        try {
            AparapiSupport.use(kernel, JavaDevice.THREAD_POOL);
            kernel.execute(range);
            return AparapiSupport.ranOn(kernel).where();
        } finally {
            kernel.dispose();
        }
    }

    @Test
    void naiveAndTiledMatMulAgreeWithTheCpuReference() {
        for (int n : new int[] {1, 17, 20}) {
            float[] a = HostArrays.randomFloats(n * n, n);
            float[] b = HostArrays.randomFloats(n * n, n + 1);
            float[] ref = MatMulKernels.reference(a, b, n);
            float[] naive = new float[n * n];
            String where = execute(new FloatMatMulKernel(a, b, naive, n),
                    AparapiSupport.range2d(JavaDevice.THREAD_POOL, n, n, MatMulKernels.TILE));
            assertEquals("Java thread pool (JTP)", where);
            assertTrue(MatMulKernels.maxRelativeError(naive, ref) < 1e-4, "naive n = " + n);
            float[] tiled = new float[n * n];
            execute(new FloatTiledMatMulKernel(a, b, tiled, n),
                    AparapiSupport.range2d(JavaDevice.THREAD_POOL, n, n, FloatTiledMatMulKernel.TILE));
            assertTrue(MatMulKernels.maxRelativeError(tiled, ref) < 1e-4, "tiled n = " + n);
        }
    }

    @Test
    void theRepeatedSumIsTheCpuLoopExactly() {
        float[] a = HostArrays.randomFloats(10, 1);
        float[] b = HostArrays.randomFloats(10, 2);
        float[] c = new float[10];
        execute(new RepeatedSumKernel(a, b, c, 5), AparapiSupport.range(JavaDevice.THREAD_POOL, 10)); // 12 work items
        assertArrayEquals(OpenClCpuVsGpu.cpuReference(a, b, 5), c);
    }

    @Test
    void eachWorkItemSumsItsStridedSlice() {
        long[] values = GpuSumReduce.oneTo(1000);
        long[] partial = new long[256];
        // 260 work items: the last 4 have no slice
        execute(new PartialSumKernel(values, partial, 1000), AparapiSupport.range(JavaDevice.THREAD_POOL, 258));
        assertEquals(1 + 257 + 513 + 769, partial[0]);
        assertEquals(256 + 512 + 768, partial[255]);
        assertEquals(500_500L, java.util.Arrays.stream(partial).sum());
    }
}
