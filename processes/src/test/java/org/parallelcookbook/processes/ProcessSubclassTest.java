package org.parallelcookbook.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeftoverChildren.class)
class ProcessSubclassTest {

    @Test
    @Timeout(180)
    void fiveSubclassInstancesRunInTurnEachInItsOwnJvm() throws Exception {
        var runs = ProcessSubclass.runInTurn(5);
        int first = Integer.parseInt(runs.get(0).name().substring("MyProcess-".length()));
        for (int i = 0; i < 5; i++) {
            var r = runs.get(i);
            assertEquals("MyProcess-" + (first + i), r.name(), "consecutive names in start order");
            assertEquals(List.of("called run method in process: " + r.name() + " (pid " + r.pid() + ")"), r.output());
        }
        assertEquals(5, runs.stream().map(ProcessSubclass.Run::pid).distinct().count());
        assertTrue(runs.stream().noneMatch(r -> r.pid() == ProcessHandle.current().pid()));
    }
}
