package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parallelcookbook.gpu.kernel.MatMulBlocking;

/**
 * The host-side arithmetic of the OpenCL ladder, without a device: the local-tile candidates a
 * device's limits give, each step's work sizes, and what the ladder reports. (The kernels
 * themselves are checked on the device by {@link OpenClMatMulLadderTest}.)
 */
class OpenClMatMulLadderShapesTest {

    private static final MatMulBlocking VECTORS = MatMulBlocking.registers(8, 2, 16); // 32 floats = 128 bytes a row of B

    @Test
    void theCandidatesAreRowsTimesGroupsWithTheLongestTileInHalfTheLocalMemory() {
        // 48 KiB: half is 24 KiB = 192 rows of 128 bytes, so 128 rows (a power of two); groups of 2 and 4 warps of 32
        var gpu = new OpenClMatMulLadder.Limits(48 << 10, 1024, 32, 1);
        assertEquals(List.of(new MatMulBlocking(8, 2, 16, 128, 64), new MatMulBlocking(8, 2, 16, 128, 128),
                        new MatMulBlocking(4, 2, 16, 128, 64), new MatMulBlocking(4, 2, 16, 128, 128)),
                OpenClMatMulLadder.localCandidates(VECTORS, gpu));
        // 4 KiB: half is exactly 16 rows; groups capped at 8 make the two group sizes one (no duplicates)
        var tiny = new OpenClMatMulLadder.Limits(4 << 10, 8, 8, 4);
        assertEquals(List.of(new MatMulBlocking(8, 2, 16, 16, 8), new MatMulBlocking(4, 2, 16, 16, 8)),
                OpenClMatMulLadder.localCandidates(VECTORS, tiny));
        // no local memory and no group size reported: a one-row tile and groups of one
        var none = new OpenClMatMulLadder.Limits(0, 0, 1, 4);
        assertEquals(List.of(new MatMulBlocking(8, 2, 16, 1, 1), new MatMulBlocking(4, 2, 16, 1, 1)),
                OpenClMatMulLadder.localCandidates(VECTORS, none));
        // 1 MiB: the tile stops at 512 rows
        var large = new OpenClMatMulLadder.Limits(1 << 20, 256, 16, 16);
        assertEquals(512, OpenClMatMulLadder.localCandidates(VECTORS, large).get(0).kTile());
    }

    @Test
    void theVectorWidthFollowsTheDevicesPreference() {
        assertEquals(16, OpenClMatMulLadder.vectorWidth(32));
        assertEquals(16, OpenClMatMulLadder.vectorWidth(16));
        assertEquals(8, OpenClMatMulLadder.vectorWidth(15));
        assertEquals(8, OpenClMatMulLadder.vectorWidth(8));
        assertEquals(4, OpenClMatMulLadder.vectorWidth(7));
        assertEquals(4, OpenClMatMulLadder.vectorWidth(0));
    }

    @Test
    void eachStepsWorkSizes() {
        var naive = new OpenClMatMulLadder.Step(OpenClMatMulLadder.NAIVE, "change", null);
        assertEquals("matmul_naive", naive.kernelName());
        long[][] hand = OpenClMatMulLadder.shape(naive, 17); // padded to whole 16 x 16 tiles
        assertArrayEquals(new long[] {32, 32}, hand[0]);
        assertArrayEquals(new long[] {16, 16}, hand[1]);
        var registers = new OpenClMatMulLadder.Step(OpenClMatMulLadder.REGISTERS, "change", MatMulBlocking.registers(4, 4, 1));
        assertEquals("matmul_4x4xfloat", registers.kernelName());
        long[][] blocked = OpenClMatMulLadder.shape(registers, 17);
        assertArrayEquals(new long[] {5, 5}, blocked[0]);
        assertNull(blocked[1]);
        var local = new OpenClMatMulLadder.Step(OpenClMatMulLadder.LOCAL, "change", new MatMulBlocking(4, 1, 4, 64, 32));
        long[][] tiled = OpenClMatMulLadder.shape(local, 100);
        assertArrayEquals(new long[] {25, 32}, tiled[0]);
        assertArrayEquals(new long[] {1, 32}, tiled[1]);
    }

    @Test
    void theLimitsAndTheSearchSayWhatTheyFound() {
        var limits = new OpenClMatMulLadder.Limits(64 << 10, 4096, 8, 16);
        assertEquals("local memory 64 KiB, max work group 4096, preferred work-group multiple 8, preferred float vector width 16",
                limits.describe());
        var a = new MatMulBlocking(8, 2, 16, 256, 16);
        var b = new MatMulBlocking(4, 2, 16, 256, 32);
        var search = new OpenClMatMulLadder.Search(128, List.of(new OpenClMatMulLadder.Trial(a, 0.001, 4.19),
                new OpenClMatMulLadder.Trial(b, 0.002, 2.06)), a);
        assertEquals("search at n = 128: matmul_8x2xfloat16_k256_g16 4.2 GFLOP/s; matmul_4x2xfloat16_k256_g32 2.1 GFLOP/s;"
                + " chose matmul_8x2xfloat16_k256_g16", search.describe());
    }
}
