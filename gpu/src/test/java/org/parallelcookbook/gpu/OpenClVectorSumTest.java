package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.gpu.opencl.OpenClDevices;

@Timeout(120)
class OpenClVectorSumTest {

    @Test
    void sumEqualsTheCpuSumExactly() {
        int[] a = HostArrays.randomInts(100, 100, 1);
        int[] b = HostArrays.randomInts(100, 100, 2);
        var r = OpenClVectorSum.sum(a, b);
        System.out.println(r.device());
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i] + b[i], r.c()[i], "element " + i);
        }
        assertTrue(r.kernelSeconds() >= 0);
    }

    @Test
    void theDeviceComesFromThePropertyWhenSet() {
        var first = OpenClDevices.list().get(0);
        String old = System.getProperty(OpenClDevices.PROPERTY);
        System.setProperty(OpenClDevices.PROPERTY, first.index());
        try {
            var r = OpenClVectorSum.sum(new int[] {1, 2, 3}, new int[] {10, 20, 30});
            assertArrayEquals(new int[] {11, 22, 33}, r.c());
            assertTrue(r.device().contains(first.name()), r.device());
            assertTrue(r.device().contains("-D" + OpenClDevices.PROPERTY + " asked for device " + first.index()), r.device());
        } finally {
            if (old == null) {
                System.clearProperty(OpenClDevices.PROPERTY);
            } else {
                System.setProperty(OpenClDevices.PROPERTY, old);
            }
        }
    }

    @Test
    void vectorsMustBeNonEmptyAndOfEqualLength() {
        assertThrows(IllegalArgumentException.class, () -> OpenClVectorSum.sum(new int[] {1, 2}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> OpenClVectorSum.sum(new int[0], new int[0]));
        assertArrayEquals(new int[] {-1}, OpenClVectorSum.sum(new int[] {2}, new int[] {-3}).c());
    }
}
