package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class DistributedMapReduceTest {

    @Test
    void everyVariantGivesTheBooksAnswer() throws Exception {
        var work = DistributedMapReduce.inputs(1000, 0, 0);
        assertEquals(332_833_500L, DistributedMapReduce.expected(1000));
        assertEquals(332_833_500L, DistributedMapReduce.sequential(work));
        assertEquals(332_833_500L, DistributedMapReduce.parallelStream(work));
        try (var cluster = Cluster.embedded(2, false)) {
            assertEquals(332_833_500L, DistributedMapReduce.mapReduce(cluster, work));
            assertEquals(332_833_500L, DistributedMapReduce.mapReduceBatched(cluster, work, 7), "batched: same sum");
            assertEquals(332_833_500L, DistributedMapReduce.mapReduceBatched(cluster, work, 1), "one batch: same sum");
            assertThrows(IllegalArgumentException.class, () -> DistributedMapReduce.mapReduceBatched(cluster, work, 0));

            var completed = DistributedMapReduce.mapAsCompleted(cluster, work);
            assertEquals(1000, completed.size());
            var indices = new TreeSet<Integer>();
            for (var c : completed) {
                assertTrue(indices.add(c.index()), "list " + c.index() + " reported twice");
                assertEquals((long) c.index() * c.index(), c.value());
            }
            assertEquals(1000, indices.size());
        }
    }

    /** A record with an array component: equal when the contents are, not only when the array is the same. */
    @Test
    void workloadsWithEqualContentsAreEqual() {
        var a = new DistributedMapReduce.Workload(new int[] {1, 2, 3}, 0, 0);
        var b = new DistributedMapReduce.Workload(new int[] {1, 2, 3}, 0, 0);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new DistributedMapReduce.Workload(new int[] {1, 2, 4}, 0, 0));
        assertNotEquals(a, new DistributedMapReduce.Workload(new int[] {1, 2, 3}, 1, 0));
        assertEquals(DistributedMapReduce.inputs(20, 0, 0), DistributedMapReduce.inputs(20, 0, 0));
        assertEquals("Workload[3 items]", a.toString(), "a task names its size in logs, not its whole list");
    }

    @Test
    void cpuWorkDoesNotChangeTheSum() throws Exception {
        var plain = DistributedMapReduce.inputs(50, 0, 0);
        var burning = DistributedMapReduce.inputs(50, 0, 7);
        assertEquals(DistributedMapReduce.sequential(plain), DistributedMapReduce.sequential(burning));
    }
}
