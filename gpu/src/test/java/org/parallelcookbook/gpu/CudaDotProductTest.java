package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CudaDotProductTest {

    @Test
    void dotProductsOfArange() {
        CudaAssume.assumeNvrtc();
        assertEquals(21_253_400L, CudaDotProduct.dot(CudaDotProduct.arange(400), CudaDotProduct.arange(400)));
        assertEquals(332_833_500L, CudaDotProduct.dot(CudaDotProduct.arange(1000), CudaDotProduct.arange(1000)));
        assertEquals(CudaDotProduct.reference(70_001), CudaDotProduct.dot(CudaDotProduct.arange(70_001), CudaDotProduct.arange(70_001)));
    }

    @Test
    void theCpuReferenceMatchesTheBook() {
        assertEquals(21_253_400L, CudaDotProduct.reference(400));
        assertEquals(332_833_500L, CudaDotProduct.reference(1000));
    }
}
