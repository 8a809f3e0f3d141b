package org.parallelcookbook.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parallelcookbook.core.launch.ChildJvm;
import org.parallelcookbook.core.launch.JvmLauncher;

@ExtendWith(NoLeftoverChildren.class)
class KillProcessTest {

    @Test
    @Timeout(120)
    void aKilledChildWasAliveAfterStartIsNotAfterJoinAndNeverFinished() throws Exception {
        // what holds on every OS: the exit code is the only part that differs (see the class comment)
        var r = KillProcess.killRunningChild(Duration.ofMinutes(2), false);
        assertFalse(r.aliveBeforeStart(), "no child ran the worker before start");
        assertTrue(r.aliveAfterStart());
        assertFalse(r.aliveAfterJoin());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.output().contains(SleepyWorker.READY));
        assertFalse(r.output().contains("Finished function"));
    }

    @Test
    @Timeout(120)
    void aliveBeforeStartIsMeasuredItSeesAWorkerThatAlreadyRuns() throws Exception {
        // a worker started (and left running) before the recipe's own: the parent's look at its
        // children must see it, so the "false" above is a measurement, not a constant
        try (ChildJvm stray = JvmLauncher.forMain(SleepyWorker.class).quickStart().args("120000").start()) {
            assertTrue(KillProcess.runsSleepyWorker(ProcessHandle.of(stray.pid()).stream()));
            var r = KillProcess.killRunningChild(Duration.ofMinutes(2), false);
            assertTrue(r.aliveBeforeStart());
        }
    }

    @Test
    @Timeout(120)
    void aLiveChildThatRunsAnotherMainIsNotTakenForTheWorker() throws Exception {
        // the look at the children must match the worker's class, not any live child JVM
        try (ChildJvm other = JvmLauncher.forMain(NamedWorker.class).quickStart().args("120000").start()) {
            assertTrue(other.isAlive());
            assertFalse(KillProcess.runsSleepyWorker(ProcessHandle.of(other.pid()).stream()),
                    "a NamedWorker child is not a SleepyWorker");
            assertFalse(KillProcess.runsSleepyWorker(java.util.stream.Stream.empty()), "no process, no worker");
        }
    }

    @Test
    @Timeout(120)
    @EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "exit status 128 + signal is how Unix reports a signal death; Windows says 1")
    void sigtermKillsARunningChildWithStatus143BeforeItFinishes() throws Exception {
        var r = KillProcess.killRunningChild(Duration.ofMinutes(2), false);
        assertEquals(143, r.exitCode());
        assertFalse(r.output().contains("Finished function"));
    }

    @Test
    @Timeout(120)
    @EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "exit status 128 + signal is how Unix reports a signal death; Windows says 1")
    void sigkillGives137() throws Exception {
        var r = KillProcess.killRunningChild(Duration.ofMinutes(2), true);
        assertEquals(137, r.exitCode());
        assertFalse(r.output().contains("Finished function"));
    }
}
