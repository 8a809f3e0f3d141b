package org.parallelcookbook.core.intro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcamDesignTest {

    @Test
    void blocksCoverTheRangeExactlyOnceAndDifferByAtMostOne() {
        for (int n = 0; n <= 50; n++) {
            for (int p = 1; p <= 9; p++) {
                List<BlockPartitioner.Block> blocks = BlockPartitioner.split(n, p);
                assertEquals(p, blocks.size(), "one block per worker");
                int[] covered = new int[n];
                int expectedStart = 0;
                int min = Integer.MAX_VALUE;
                int max = 0;
                for (int w = 0; w < p; w++) {
                    var b = blocks.get(w);
                    assertEquals(w, b.worker());
                    assertEquals(expectedStart, b.start(), "blocks are contiguous and in order");
                    expectedStart = b.end();
                    for (int i = b.start(); i < b.end(); i++) {
                        covered[i]++;
                    }
                    min = Math.min(min, b.size());
                    max = Math.max(max, b.size());
                }
                assertEquals(n, expectedStart, "the last block ends at n");
                for (int i = 0; i < n; i++) {
                    assertEquals(1, covered[i], "n=" + n + " p=" + p + ": index " + i + " covered once");
                }
                assertTrue(max - min <= 1, "n=" + n + " p=" + p + ": sizes " + min + ".." + max);
            }
        }
    }

    @Test
    void cyclicMapsTaskIToWorkerIModP() {
        for (int n = 0; n <= 50; n++) {
            for (int p = 1; p <= 9; p++) {
                List<List<Integer>> owned = BlockPartitioner.cyclic(n, p);
                assertEquals(p, owned.size());
                int seen = 0;
                for (int w = 0; w < p; w++) {
                    for (int i : owned.get(w)) {
                        assertEquals(i % p, w);
                        assertEquals(i % p, BlockPartitioner.cyclicOwner(i, p));
                        seen++;
                    }
                }
                assertEquals(n, seen, "every task assigned once");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 50})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void managerWorkerRunsEachOf1000TasksOnceAndMatchesSequential(int grain) throws Exception {
        var e = PcamDesign.managerWorker(1000, 3, grain);
        assertEquals(1000, e.tasks());
        assertTrue(e.eachRanOnce(), e.toString());
        assertEquals(PcamDesign.sequential(1000), e.total());
        assertEquals((1000 + grain - 1) / grain, e.messages(), "agglomeration: one message per grain");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 16, 1000})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void forkJoinRunsEachOf1000TasksOnceAndMatchesSequential(int threshold) {
        var e = PcamDesign.forkJoin(1000, 3, threshold);
        assertEquals(1000, e.tasks());
        assertTrue(e.eachRanOnce(), e.toString());
        assertEquals(PcamDesign.sequential(1000), e.total());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyStrategyMatchesTheSequentialReference() throws Exception {
        var d = PcamDesign.design(1000, 4, 7);
        assertEquals(PcamDesign.sequential(1000), d.sequential());
        assertEquals(6, d.executions().size());
        for (var e : d.executions()) {
            assertEquals(d.sequential(), e.total(), e.strategy());
            assertTrue(e.eachRanOnce(), e.strategy());
        }
    }

    @Test
    void taskIsCollatzSteps() {
        assertEquals(0, PcamDesign.task(0));   // 1
        assertEquals(7, PcamDesign.task(2));   // 3 -> 10 -> 5 -> 16 -> 8 -> 4 -> 2 -> 1
        assertEquals(111, PcamDesign.task(26)); // 27, the famous long one
    }
}
