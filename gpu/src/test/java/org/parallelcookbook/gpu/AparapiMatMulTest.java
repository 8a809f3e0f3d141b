package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.gpu.aparapi.AparapiSupport;

@Timeout(120)
class AparapiMatMulTest {

    @Test
    void autoModeEqualsTheCpuTripleLoopAndSaysWhereItRan() {
        long[] a = HostArrays.randomLongs(100, 10, 1);
        long[] b = HostArrays.randomLongs(100, 10, 2);
        var r = AparapiMatMul.multiply(a, b, 10, 10, 10, AparapiSupport.Mode.AUTO);
        System.out.println("Aparapi execution: " + r.ranOn() + " (OpenCL: " + r.openCl() + ")");
        assertArrayEquals(AparapiMatMul.reference(a, b, 10, 10, 10), r.c());
        OpenClPresence.assertAparapiRanWhereExpected(r.openCl(), r.ranOn());
    }

    @Test
    void rectangularShapesAndTheThreadPool() {
        long[] a = HostArrays.randomLongs(3 * 7, 100, 3);
        long[] b = HostArrays.randomLongs(7 * 5, 100, 4);
        var r = AparapiMatMul.multiply(a, b, 3, 7, 5, AparapiSupport.Mode.JTP);
        System.out.println("Aparapi execution: " + r.ranOn());
        assertFalse(r.openCl());
        assertArrayEquals(AparapiMatMul.reference(a, b, 3, 7, 5), r.c());
    }

    @Test
    void theShapesMustFitAndTheReferenceIsTheTripleLoop() {
        // (1 2 3; 4 5 6) . (1; 0; -1) = (-2; -2)
        assertArrayEquals(new long[] {-2, -2}, AparapiMatMul.reference(new long[] {1, 2, 3, 4, 5, 6}, new long[] {1, 0, -1}, 2, 3, 1));
        var r = AparapiMatMul.multiply(new long[] {1, 2, 3, 4, 5, 6}, new long[] {1, 0, -1}, 2, 3, 1, AparapiSupport.Mode.JTP);
        assertArrayEquals(new long[] {-2, -2}, r.c());
        assertEquals("Java thread pool (JTP)", r.ranOn());
        assertEquals("--mode jtp asked for the Java thread pool", r.chosenBecause());
        assertThrows(IllegalArgumentException.class, () -> AparapiMatMul.multiply(new long[5], new long[3], 2, 3, 1,
                AparapiSupport.Mode.JTP));
        assertThrows(IllegalArgumentException.class, () -> AparapiMatMul.multiply(new long[6], new long[4], 2, 3, 1,
                AparapiSupport.Mode.JTP));
    }
}
