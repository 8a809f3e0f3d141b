package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class GpuArrayDemoTest {

    @Test
    void roundTripPreservesDataAndTimesTwoIsExact() {
        CudaAssume.assumeNvrtc();
        float[] a = HostArrays.randomNormalFloats(16, 3);
        var r = GpuArrayDemo.run(a, 4, 4);
        assertArrayEquals(a, r.roundTrip());
        for (int i = 0; i < a.length; i++) {
            assertEquals(2 * a[i], r.doubled()[i]);
        }
    }
}
