package org.parallelcookbook.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.async.ExecutorPooling.Count;

@Timeout(120)
class ExecutorPoolingTest {

    private static final long LIMIT = 100_000;
    private static final Set<Long> EXPECTED = new HashSet<>(LongStream.rangeClosed(1, 10).map(x -> x * LIMIT).boxed().toList());

    @Test
    void theBookLimitGivesTenMillionTimesX() {
        var c = new ExecutorPooling.CountingTask(3, ExecutorPooling.BOOK_LIMIT).call();
        assertEquals(30_000_000L, c.value());
    }

    @Test
    void everyVariantProducesTheSetOfLimitTimesX() throws Exception {
        var tasks = ExecutorPooling.bookTasks(LIMIT);
        List<Count> seq = ExecutorPooling.sequential(tasks);
        assertEquals(EXPECTED, values(seq));
        assertEquals(EXPECTED, values(ExecutorPooling.threadPool(tasks, 5)));
        assertEquals(EXPECTED, values(ExecutorPooling.asCompleted(tasks, 5, c -> { })));
        assertEquals(EXPECTED, values(ExecutorPooling.processPool(tasks, 2)));
    }

    @Test
    void invokeAllKeepsInputOrderAndAgreesWithSequentialChecksums() throws Exception {
        var tasks = ExecutorPooling.bookTasks(LIMIT);
        List<Count> seq = ExecutorPooling.sequential(tasks);
        assertEquals(seq, ExecutorPooling.threadPool(tasks, 5), "same values, checksums and order as the sequential run");
        assertEquals(LongStream.rangeClosed(1, 10).map(x -> x * LIMIT).boxed().toList(),
                ExecutorPooling.threadPool(tasks, 3).stream().map(Count::value).toList());
    }

    @Test
    void completionOrderHandsOverEachResultExactlyOnce() throws Exception {
        var tasks = ExecutorPooling.tasks(50, 10_000);
        List<Count> seen = Collections.synchronizedList(new ArrayList<>());
        List<Count> returned = ExecutorPooling.asCompleted(tasks, 4, seen::add);
        assertEquals(returned, seen, "the callback saw the results in the order returned");
        assertEquals(50, seen.size());
        assertEquals(50, new HashSet<>(seen).size(), "no duplicates");
        assertEquals(new HashSet<>(ExecutorPooling.sequential(tasks)), new HashSet<>(seen));
    }

    @Test
    void benchmarkWorkloadGivesTheSameChecksumForEveryWorkerCount() throws Exception {
        try (var w = new ExecutorPooling.CountingWorkload(8, 10_000)) {
            Object one = w.run("invokeAll", 1);
            assertEquals(one, w.run("invokeAll", 2));
            assertEquals(one, w.run("completion-order", 4));
        }
    }

    @Test
    void theBenchmarkNamesItsWorkAndSumsTheChecksums() throws Exception {
        try (var w = new ExecutorPooling.CountingWorkload(3, 1_000)) {
            assertEquals("count to 1,000 for x = 1..3", w.name());
            assertEquals(List.of("invokeAll", "completion-order"), w.variants());
            long expected = ExecutorPooling.sequential(ExecutorPooling.tasks(3, 1_000)).stream()
                    .mapToLong(Count::checksum).sum();
            assertEquals(expected, w.run("invokeAll", 2));
            assertEquals(expected, w.run("completion-order", 2));
            assertThrows(IllegalArgumentException.class, () -> w.run("gather", 1));
        }
        assertEquals("count to 10,000,000 for x = 1..20", new ExecutorPooling.CountingWorkload().name());
    }

    @Test
    void aCountingTaskCountsToItsLimitThroughAChecksumChain() {
        assertThrows(IllegalArgumentException.class, () -> new ExecutorPooling.CountingTask(1, -1));
        assertEquals(new Count(5, 0, 5), new ExecutorPooling.CountingTask(5, 0).call());
        // checksum = ((2 * K + 1) * K + 2) * K + 3, modulo 2^64, with K = 6364136223846793005
        long k = 6364136223846793005L;
        assertEquals(new Count(2, 6, ((2 * k + 1) * k + 2) * k + 3), new ExecutorPooling.CountingTask(2, 3).call());
    }

    private static Set<Long> values(List<Count> counts) {
        return new HashSet<>(counts.stream().map(Count::value).toList());
    }
}
