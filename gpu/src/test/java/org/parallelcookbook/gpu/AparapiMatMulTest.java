package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
