package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The recipes' host data (seeded, in range) and how they print it. */
class HostArraysTest {

    @Test
    void randomArraysAreSeededAndInTheirRange() {
        assertArrayEquals(HostArrays.randomInts(50, 7, 3), HostArrays.randomInts(50, 7, 3));
        assertFalse(Arrays.equals(HostArrays.randomInts(50, 7, 3), HostArrays.randomInts(50, 7, 4)));
        int[] ints = HostArrays.randomInts(1000, 7, 1);
        assertEquals(1000, ints.length);
        assertEquals(7, Arrays.stream(ints).distinct().count(), "all of 0..6 drawn");
        assertTrue(Arrays.stream(ints).allMatch(v -> v >= 0 && v < 7));
        long[] longs = HostArrays.randomLongs(1000, 5, 1);
        assertEquals(1000, longs.length);
        assertEquals(5, Arrays.stream(longs).distinct().count());
        assertTrue(Arrays.stream(longs).allMatch(v -> v >= 0 && v < 5));
        assertArrayEquals(longs, HostArrays.randomLongs(1000, 5, 1));
        float[] floats = HostArrays.randomFloats(1000, 2);
        assertEquals(1000, floats.length);
        assertTrue(IntStream.range(0, 1000).allMatch(i -> floats[i] >= 0 && floats[i] < 1));
        assertTrue(IntStream.range(0, 1000).mapToDouble(i -> floats[i]).distinct().count() > 900);
        assertArrayEquals(floats, HostArrays.randomFloats(1000, 2));
        double[] doubles = HostArrays.randomDoubles(1000, 2);
        assertEquals(1000, doubles.length);
        assertTrue(Arrays.stream(doubles).allMatch(v -> v >= 0 && v < 1));
        assertTrue(Arrays.stream(doubles).distinct().count() > 900);
        assertArrayEquals(doubles, HostArrays.randomDoubles(1000, 2));
        float[] normal = HostArrays.randomNormalFloats(10_000, 5);
        assertEquals(10_000, normal.length);
        double mean = IntStream.range(0, normal.length).mapToDouble(i -> normal[i]).average().orElseThrow();
        double negative = IntStream.range(0, normal.length).filter(i -> normal[i] < 0).count();
        assertTrue(Math.abs(mean) < 0.05, "mean " + mean);
        assertTrue(negative > 4000 && negative < 6000, "negative " + negative);
        assertTrue(IntStream.range(0, normal.length).anyMatch(i -> normal[i] > 2), "a standard normal exceeds 2 in 10,000 draws");
        assertArrayEquals(normal, HostArrays.randomNormalFloats(10_000, 5));
    }

    @Test
    void headShowsTheFirstElementsAndSaysWhenThereAreMore() {
        assertEquals("[1 2 3]", HostArrays.head(new int[] {1, 2, 3}, 3));
        assertEquals("[1 2 ...]", HostArrays.head(new int[] {1, 2, 3}, 2));
        assertEquals("[]", HostArrays.head(new int[0], 5));
        assertEquals("[0.5000 -1.2500 ...]", HostArrays.head(new float[] {0.5f, -1.25f, 3f}, 2));
        assertEquals("[0.5000]", HostArrays.head(new float[] {0.5f}, 1));
        assertEquals("[]", HostArrays.head(new float[0], 1));
    }

    @Test
    void formatPrintsOneRowALineInColumns() {
        assertEquals("[  1.00000   2.50000]\n[ -3.00000   0.12500]\n",
                HostArrays.format(new float[] {1, 2.5f, -3, 0.125f}, 2, 2));
        assertEquals("[  1.0000  -2.5000   0.0000]\n", HostArrays.format(new double[] {1, -2.5, 0}, 1, 3));
        assertEquals("[  1.0000]\n[ -2.5000]\n", HostArrays.format(new double[] {1, -2.5}, 2, 1));
        assertEquals("[  1.00000]\n[ -2.50000]\n", HostArrays.format(new float[] {1, -2.5f}, 2, 1));
        // longs: as wide as the widest number
        assertEquals("[  1  22]\n[333  -4]\n", HostArrays.format(new long[] {1, 22, 333, -4}, 2, 2));
        assertEquals("[1]\n[2]\n", HostArrays.format(new long[] {1, 2}, 2, 1));
    }
}
