package org.parallelcookbook.gpu.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shape arithmetic of the register-blocked kernels: limits, work sizes, names, local memory. */
class MatMulBlockingTest {

    @Test
    void theLimitsOfABlockAreInclusive() {
        // accepted: the smallest block, the largest ones (16 x 8 x 8 = 16 x 4 x 16 = 1024 floats), every width
        new MatMulBlocking(1, 1, 1, 0, 0);
        new MatMulBlocking(16, 8, 8, 0, 0);
        new MatMulBlocking(16, 4, 16, 0, 0);
        for (int width : new int[] {1, 2, 4, 8, 16}) {
            assertEquals(width, MatMulBlocking.registers(1, 1, width).width());
        }
        // the smallest tile and group, and a group without a tile (the runtime may still be told one)
        new MatMulBlocking(2, 2, 2, 1, 1);
        new MatMulBlocking(2, 2, 2, 0, 5);
        // refused: one step past each limit
        int[][] bad = {
            {0, 1, 1, 0, 0}, {17, 1, 1, 0, 0}, {1, 0, 1, 0, 0}, {1, 9, 1, 0, 0}, {16, 8, 16, 0, 0},
            {1, 1, 3, 0, 0}, {1, 1, 0, 0, 0}, {1, 1, 32, 0, 0},
            {1, 1, 1, -1, 0}, {1, 1, 1, 0, -1}, {1, 1, 1, 4, 0},
        };
        for (int[] b : bad) {
            assertThrows(IllegalArgumentException.class, () -> new MatMulBlocking(b[0], b[1], b[2], b[3], b[4]),
                    java.util.Arrays.toString(b));
        }
    }

    @Test
    void registerBlocksCoverTheMatrixWithWholeBlocks() {
        var p = MatMulBlocking.registers(8, 2, 16); // 8 rows x 32 columns per work item
        assertEquals(32, p.blockWidth());
        assertFalse(p.usesLocal());
        assertNull(p.local());
        assertEquals(0, p.localBytes());
        assertArrayEquals(new long[] {32, 125}, p.global(1000)); // ceil(1000 / 32), ceil(1000 / 8)
        assertArrayEquals(new long[] {1, 4}, p.global(32));
        assertArrayEquals(new long[] {2, 5}, p.global(33));
        assertArrayEquals(new long[] {1, 1}, p.global(1));
        assertEquals("matmul_8x2xfloat16", p.kernelName());
        assertEquals("8x(2 float16) per work item", p.describe());
        assertEquals("matmul_4x4xfloat", MatMulBlocking.registers(4, 4, 1).kernelName());
        assertEquals("4x(4 float) per work item", MatMulBlocking.registers(4, 4, 1).describe());
    }

    @Test
    void aLocalTileRoundsTheRowsUpToWholeGroups() {
        var p = new MatMulBlocking(4, 1, 4, 64, 32); // 4 x 4 per work item, groups of 32 along the rows
        assertTrue(p.usesLocal());
        assertArrayEquals(new long[] {1, 32}, p.local());
        assertEquals(64 * 4 * Float.BYTES, p.localBytes());
        assertArrayEquals(new long[] {25, 32}, p.global(100)); // 25 row items, rounded up to one group of 32
        assertArrayEquals(new long[] {33, 64}, p.global(129)); // 33 row items: two groups
        assertEquals("matmul_4x1xfloat4_k64_g32", p.kernelName());
        var big = new MatMulBlocking(8, 2, 16, 512, 64);
        assertEquals(512L * 32 * Float.BYTES, big.localBytes());
        assertEquals("8x(2 float16) per work item, B tile 512x32 in local memory (64 KiB), groups of 64", big.describe());
    }
}
