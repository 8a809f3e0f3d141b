package org.parallelcookbook.processes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parallelcookbook.processes.BackgroundProcesses.Ending;

@ExtendWith(NoLeftoverChildren.class)
class BackgroundProcessesTest {

    @Test
    @Timeout(120)
    void theDaemonThreadDiesWithTheJvmOnlyTheNonDaemonExits() throws Exception {
        var lines = BackgroundProcesses.daemonThreads(Duration.ofMillis(200));
        assertTrue(lines.contains("Starting NO_background_process"));
        assertTrue(lines.contains("Exiting NO_background_process"));
        assertFalse(lines.contains("Exiting background_process"), lines.toString());
    }

    @Test
    @Timeout(120)
    void aRegisteredChildIsDestroyedWhenItsParentExitsNormally() throws Exception {
        var o = BackgroundProcesses.endParent(Ending.NORMAL_EXIT, Duration.ofSeconds(30));
        assertFalse(o.grandchildAliveAfterParent());
        assertFalse(ProcessHandle.of(o.grandchildPid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    @Timeout(120)
    void theWatchdogHaltsAChildWhoseParentWasKilled() throws Exception {
        var o = BackgroundProcesses.endParent(Ending.CRASH, Duration.ofSeconds(30));
        assertFalse(o.grandchildAliveAfterParent());
    }

    @Test
    @Timeout(120)
    void withoutTheWatchdogAKilledParentLeavesAnOrphanWhichTheRecipeThenDestroys() throws Exception {
        var o = BackgroundProcesses.endParent(Ending.CRASH_WITHOUT_WATCHDOG, Duration.ofSeconds(2));
        assertTrue(o.grandchildAliveAfterParent(), "the orphan outlived its parent");
        assertFalse(ProcessHandle.of(o.grandchildPid()).map(ProcessHandle::isAlive).orElse(false),
                "and was cleaned up by endParent");
    }
}
