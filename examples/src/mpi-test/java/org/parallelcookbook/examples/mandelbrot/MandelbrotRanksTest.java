package org.parallelcookbook.examples.mandelbrot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The mpi model's own tests: compiled and run only where MPJ Express is present (src/mpi-test/java). */
class MandelbrotRanksTest {

    @Test
    void theMpiModelIsPartOfThisBuild() {
        assertTrue(MandelbrotComparison.mpiModelBuilt(), "MPJ Express is present, so the mpi model must be compiled in");
    }

    @Test
    void ranksGetTheSpecBackBitForBit() throws Exception {
        var spec = new MandelbrotSpec(7, 5, -0.7436438870371587, -0.7436438870371586, 0.1318259042053119, 0.131825904205312,
                1000);
        String[] a = MandelbrotRanks.arguments(spec, Path.of("grid"));
        assertEquals(MandelbrotRanks.ARGS, a.length);
        assertEquals(spec, new MandelbrotSpec(Integer.parseInt(a[0]), Integer.parseInt(a[1]), Double.parseDouble(a[2]),
                Double.parseDouble(a[3]), Double.parseDouble(a[4]), Double.parseDouble(a[5]), Integer.parseInt(a[6])));
    }
}
