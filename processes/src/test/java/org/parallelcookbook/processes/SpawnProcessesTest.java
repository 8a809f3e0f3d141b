package org.parallelcookbook.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeftoverChildren.class)
class SpawnProcessesTest {

    @Test
    @Timeout(180)
    void fiveChildrenPrintInOrderFromFiveDistinctPids() throws Exception {
        var result = SpawnProcesses.spawn(5);
        List<String> lines = result.children().stream().flatMap(c -> c.output().stream()).toList();
        assertEquals(IntStream.range(0, 5).mapToObj(i -> "called function in process: " + i).toList(), lines);
        result.children().forEach(c -> assertEquals(0, c.exitCode()));
        var pids = result.children().stream().map(SpawnProcesses.Child::pid).distinct().toList();
        assertEquals(5, pids.size());
        assertFalse(pids.contains(result.parentPid()));
    }

    @Test
    @Timeout(180)
    void everyStartupVariantStartsATrivialChild() throws Exception {
        for (var v : JvmStartupBenchmark.variants()) {
            assertEquals(0, JvmStartupBenchmark.startOnce(v.options()), v.name());
        }
    }
}
