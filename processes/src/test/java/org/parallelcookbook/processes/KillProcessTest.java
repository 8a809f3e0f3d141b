package org.parallelcookbook.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeftoverChildren.class)
class KillProcessTest {

    @Test
    @Timeout(120)
    @EnabledOnOs(value = OS.LINUX, disabledReason = "exit status 128 + signal is how Linux reports a signal death")
    void sigtermKillsARunningChildWithStatus143BeforeItFinishes() throws Exception {
        var r = KillProcess.killRunningChild(Duration.ofMinutes(2), false);
        assertFalse(r.aliveBeforeStart());
        assertTrue(r.aliveAfterStart());
        assertFalse(r.aliveAfterJoin());
        assertEquals(143, r.exitCode());
        assertTrue(r.output().contains(SleepyWorker.READY));
        assertFalse(r.output().contains("Finished function"));
    }

    @Test
    @Timeout(120)
    @EnabledOnOs(value = OS.LINUX, disabledReason = "exit status 128 + signal is how Linux reports a signal death")
    void sigkillGives137() throws Exception {
        var r = KillProcess.killRunningChild(Duration.ofMinutes(2), true);
        assertEquals(137, r.exitCode());
        assertFalse(r.output().contains("Finished function"));
    }
}
