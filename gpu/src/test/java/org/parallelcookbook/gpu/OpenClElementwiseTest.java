package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class OpenClElementwiseTest {

    @Test
    void equalsTheCpuSumAndTheHandWrittenKernel() {
        int[] a = HostArrays.randomInts(100, 100, 3);
        int[] b = HostArrays.randomInts(100, 100, 4);
        int[] cpu = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            cpu[i] = a[i] + b[i];
        }
        var generated = OpenClElementwise.add(a, b);
        assertArrayEquals(cpu, generated.c());
        assertArrayEquals(OpenClVectorSum.sum(a, b).c(), generated.c());
        assertTrue(generated.source().contains("c[i] = a[i] + b[i]"));
        assertTrue(generated.device().startsWith("device: "), generated.device());
    }

    @Test
    void lengthsThatAreNoMultipleOfAWorkGroupWork() {
        int[] a = HostArrays.randomInts(1001, 1000, 5);
        int[] b = HostArrays.randomInts(1001, 1000, 6);
        int[] c = OpenClElementwise.add(a, b).c();
        for (int i = 0; i < a.length; i++) {
            assertTrue(c[i] == a[i] + b[i], "element " + i);
        }
    }

    @Test
    void vectorsMustBeOfEqualLength() {
        assertThrows(IllegalArgumentException.class, () -> OpenClElementwise.add(new int[] {1, 2}, new int[] {1}));
        assertArrayEquals(new int[] {-1, 7}, OpenClElementwise.add(new int[] {2, 3}, new int[] {-3, 4}).c());
    }
}
