package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ForkJoinSumTest {

    private static final int THRESHOLD = 1_000;
    private static final List<Integer> SIZES = List.of(0, 1, THRESHOLD - 1, THRESHOLD, THRESHOLD + 1, 1_000_000);

    @Test
    void everySumEqualsTheSequentialOne() {
        try (var pool = new ForkJoinPool(4)) {
            for (int size : SIZES) {
                long[] a = ForkJoinSum.input(size, size);
                long expected = ForkJoinSum.sequentialSum(a);
                assertEquals(expected, ForkJoinSum.sum(pool, a, THRESHOLD), "custom pool, size " + size);
                assertEquals(expected, ForkJoinSum.sum(ForkJoinPool.commonPool(), a, THRESHOLD), "common pool, size " + size);
                assertEquals(expected, ForkJoinSum.streamSum(a), "parallel stream, size " + size);
            }
        }
    }

    @Test
    void theParallelSortEqualsTheSequentialSort() {
        try (var pool = new ForkJoinPool(4)) {
            for (int size : SIZES) {
                Long[] a = Arrays.stream(ForkJoinSum.input(size, size)).boxed().toArray(Long[]::new);
                Long[] expected = a.clone();
                Arrays.sort(expected);
                ForkJoinSum.sort(pool, a, THRESHOLD, Comparator.naturalOrder());
                assertArrayEquals(expected, a, "size " + size);
            }
        }
    }

    record Item(int key, int originalIndex) {
    }

    @Test
    void theParallelSortIsStable() {
        try (var pool = new ForkJoinPool(4)) {
            for (int size : SIZES) {
                var random = new SplittableRandom(size);
                Item[] items = new Item[size];
                for (int i = 0; i < size; i++) {
                    items[i] = new Item(random.nextInt(50), i); // few keys: many ties
                }
                ForkJoinSum.sort(pool, items, THRESHOLD, Comparator.comparingInt(Item::key));
                for (int i = 1; i < size; i++) {
                    Item prev = items[i - 1];
                    Item cur = items[i];
                    assertTrue(prev.key() < cur.key() || (prev.key() == cur.key() && prev.originalIndex() < cur.originalIndex()),
                            "size " + size + " at " + i + ": " + prev + " then " + cur);
                }
            }
        }
    }

    @Test
    void theRecipeRunAgreesWithItself() {
        var r = ForkJoinSum.run(100_000, 1_000, 2);
        assertEquals(r.sequential(), r.forkJoinCustom());
        assertEquals(r.sequential(), r.forkJoinCommon());
        assertEquals(r.sequential(), r.parallelStream());
        assertTrue(r.sorted());
    }
}
