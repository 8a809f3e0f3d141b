package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
        if (CudaSupport.available()) {
            assertEquals(50_005_000L, r.cuda());
        } else {
            assertNull(r.cuda());
            assertTrue(r.cudaNote().startsWith("skipped: no CUDA device found"), r.cudaNote());
        }
    }

    @Test
    void cudaReduceGivesTheSameSum() {
        Assumptions.assumeTrue(CudaSupport.available(), CudaSupport.reason());
        assertEquals(50_005_000L, GpuSumReduce.cudaSum(GpuSumReduce.oneTo(10_000)));
    }
}
