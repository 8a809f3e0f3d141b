package org.parallelcookbook.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeftoverChildren.class)
class ProcessPoolSquaresTest {

    @Test
    @Timeout(180)
    void squaresComeBackInInputOrderFromAtMostFourWorkers() throws Exception {
        var r = ProcessPoolSquares.squares(4, 100);
        assertEquals(IntStream.range(0, 100).map(i -> i * i).boxed().toList(), r.squares());
        assertTrue(r.tasksPerWorker().size() <= 4 && !r.tasksPerWorker().isEmpty(), r.tasksPerWorker().toString());
        assertEquals(100, r.tasksPerWorker().values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(r.tasksPerWorker().keySet().stream().noneMatch(p -> p == ProcessHandle.current().pid()));
        assertEquals(1, r.callbacks());
    }

    @Test
    @Timeout(300)
    void theBenchmarkWorkloadComputesTheSameAnswerWithOneAndTwoWorkers() throws Exception {
        try (var bench = new PoolBenchmark()) {
            bench.setUp();
            assertEquals(bench.run("cpu-16x100ms", 1), bench.run("cpu-16x100ms", 2));
            assertEquals(PoolBenchmark.EMPTY_TASKS, ((java.util.List<?>) bench.run("empty-x1000", 2)).size());
        }
    }

    @Test
    @Timeout(300)
    void theBenchmarkReportsTheCoresItsWorkerJvmsSee() throws Exception {
        // worker JVMs limited to one processor: the study's cores are theirs, not this JVM's
        try (var bench = new PoolBenchmark("-XX:ActiveProcessorCount=1")) {
            assertEquals(Runtime.getRuntime().availableProcessors(), bench.cores(), "before any run: this JVM's count");
            bench.run("empty-x1000", 1);
            assertEquals(1, bench.cores());
            assertTrue(bench.model().contains("cores as the worker JVMs see them"), bench.model());
        }
    }
}
