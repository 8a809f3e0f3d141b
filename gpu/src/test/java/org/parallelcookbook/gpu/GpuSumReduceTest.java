package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.gpu.aparapi.AparapiSupport;
import org.parallelcookbook.gpu.cuda.CudaSupport;

@Timeout(120)
class GpuSumReduceTest {

    @Test
    void sumOfOneToTenThousandIs50005000() {
        var r = GpuSumReduce.run(10_000);
        System.out.println("Aparapi: " + r.aparapiRanOn() + "; CUDA: " + r.cudaNote());
        assertEquals(50_005_000L, r.expected());
        assertEquals(50_005_000L, r.openCl());
        assertEquals(50_005_000L, r.aparapi());
        OpenClPresence.assertAparapiRanWhereExpected(r.aparapiRanOn().startsWith("OpenCL on "), r.aparapiRanOn());
        if (CudaSupport.unavailable(CudaSupport.Library.NVRTC) == null) {
            assertEquals(50_005_000L, r.cuda());
        } else {
            assertNull(r.cuda());
            assertTrue(r.cudaNote().startsWith("skipped: ") && r.cudaNote().contains("lib"), r.cudaNote());
        }
    }

    @Test
    void aCudaErrorFailsTheCudaRowAndKeepsTheOthers() {
        var r = GpuSumReduce.run(1_000, values -> {
            throw new jcuda.CudaException("CUDA_ERROR_UNSUPPORTED_PTX_VERSION");
        });
        assertEquals(500_500L, r.openCl());
        assertEquals(500_500L, r.aparapi());
        assertNull(r.cuda());
        assertTrue(r.cudaNote().startsWith("failed: CudaException: CUDA_ERROR_UNSUPPORTED_PTX_VERSION"), r.cudaNote());
    }

    @Test
    void cudaReduceGivesTheSameSum() {
        CudaAssume.assumeNvrtc();
        assertEquals(50_005_000L, GpuSumReduce.cudaSum(GpuSumReduce.oneTo(10_000)));
    }

    @Test
    void theAparapiKernelsPartialsAddUpOnTheThreadPoolToo() {
        // on the Java thread pool Aparapi runs PartialSumKernel.run() itself (on OpenCL it translates the class file)
        String[] ranOn = new String[1];
        assertEquals(500_500L, GpuSumReduce.aparapiSum(GpuSumReduce.oneTo(1_000), AparapiSupport.Mode.JTP, ranOn));
        assertEquals("Java thread pool (JTP)", ranOn[0]);
        assertEquals(3L, GpuSumReduce.aparapiSum(new long[] {1, 2}, AparapiSupport.Mode.JTP, ranOn));
        assertArrayEquals(new long[] {1, 2, 3}, GpuSumReduce.oneTo(3));
        assertEquals(6L, GpuSumReduce.openClSum(new long[] {1, 2, 3}));
    }
}
