package org.parallelcookbook.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeftoverChildren.class)
class NamedProcessesTest {

    @Test
    @Timeout(180)
    void eachChildReportsItsGivenOrGeneratedNameStartingBeforeExiting() throws Exception {
        List<String> live = new CopyOnWriteArrayList<>();
        var names = new ArrayList<>(Arrays.asList("foo_process", null));
        var result = new NamedProcesses().run(names, Duration.ofMillis(20), live::add);
        assertEquals(List.of("foo_process", "Process-2"), result.stream().map(NamedProcesses.Named::name).toList());
        for (var n : result) {
            assertEquals(List.of("Starting " + n.name(), "Exiting " + n.name()), n.output());
        }
        assertEquals(4, live.size());
        assertTrue(result.get(0).pid() != result.get(1).pid());
    }

    @Test
    @Timeout(180)
    void anInterruptedParentDestroysBothChildrenBeforeItThrows() {
        // the children would sleep two minutes: only run's clean-up can have ended them when it throws
        NoLeftoverChildren.assertInterruptedRecipeEndsItsChildren(NamedWorker.class, () -> new NamedProcesses()
                .run(Arrays.asList("a", null), Duration.ofMinutes(2), line -> { }));
    }

    @Test
    void theCounterCountsNamedChildrenToo() {
        var p = new NamedProcesses();
        assertEquals("a", p.nameFor("a"));
        assertEquals("Process-2", p.nameFor(null));
        assertEquals("Process-3", p.nameFor(null));
    }
}
