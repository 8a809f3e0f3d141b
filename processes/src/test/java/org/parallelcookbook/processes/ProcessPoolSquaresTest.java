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
            Object one = bench.run("cpu-16x100ms", 1);
            assertEquals(PoolBenchmark.TASKS, ((java.util.List<?>) one).size(), "one result per CPU task");
            assertEquals(one, bench.run("cpu-16x100ms", 2));
            assertEquals(PoolBenchmark.EMPTY_TASKS, ((java.util.List<?>) bench.run("empty-x1000", 2)).size());
            bench.close();
            // close drops the pools it closed: a later run starts a fresh one instead of using a closed pool
            assertEquals(PoolBenchmark.EMPTY_TASKS, ((java.util.List<?>) bench.run("empty-x1000", 1)).size());
        }
    }

    @Test
    void theBenchmarkDeclaresItsWorkloadsWorkerCountsAndThatItsWorkRunsInOtherJvms() {
        try (var bench = new PoolBenchmark()) {
            assertEquals(java.util.List.of("cpu-16x100ms", "empty-x1000"), bench.variants());
            assertEquals(java.util.List.of(1, 2, 4), bench.defaultWorkers());
            assertTrue(!bench.inProcess(), "the measured work runs in worker JVMs, not in the measuring one");
            assertTrue(bench.name().contains("16 CPU tasks") && bench.name().contains("1000 empty tasks"), bench.name());
        }
        assertTrue(PoolBenchmark.calibrate(1) >= 1, "a calibrated task does at least one iteration");
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
