package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CudaDoubleMatrixTest {

    @Test
    void allTwentyFiveElementsAreExactlyDoubled() {
        CudaAssume.assumeNvrtc();
        float[] a = HostArrays.randomNormalFloats(25, 1);
        var r = CudaDoubleMatrix.doubleMatrix(a, 5, false);
        for (int i = 0; i < 25; i++) {
            assertEquals(2 * a[i], r.output()[i], "element " + i);
        }
    }

    @Test
    void theBooksStrideOfFourLeavesTheLastElementsUntouched() {
        CudaAssume.assumeNvrtc();
        float[] a = HostArrays.randomNormalFloats(25, 2);
        var r = CudaDoubleMatrix.doubleMatrix(a, 5, true);
        for (int i = 21; i < 25; i++) { // threadIdx.x + 4 * threadIdx.y never exceeds 4 + 16 = 20
            assertEquals(a[i], r.output()[i], "element " + i + " must be undoubled");
        }
        assertEquals(2 * a[0], r.output()[0]);
    }
}
