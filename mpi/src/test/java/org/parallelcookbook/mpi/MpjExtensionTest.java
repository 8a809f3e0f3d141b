package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;
import org.parallelcookbook.mpi.launch.RankProtocol;

/** The shared tear-down check can fail: it sees a leftover child, and a tagged rank JVM outside this JVM's tree. */
class MpjExtensionTest {

    @Test
    @Timeout(60)
    void aLeftoverChildFailsTheCheck() throws Exception {
        Process p = new ProcessBuilder("sleep", "60").start();
        try {
            var e = assertThrows(AssertionFailedError.class, () -> MpjExtension.assertNothingLeftRunning(Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains(p.pid() + " "), e.getMessage());
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        MpjExtension.assertNothingLeftRunning();
    }

    /**
     * A niodev rank is the MPJ daemon's child, not ours: stand-ins detached with {@code setsid},
     * one tagged with a run of this JVM (counted), one with another JVM's (not counted).
     */
    @Test
    @Timeout(60)
    void aDetachedJvmTaggedWithOurRunFailsTheCheckAndAnotherProgramsRunDoesNot() throws Exception {
        Assumptions.assumeTrue(new java.io.File("/usr/bin/setsid").canExecute(), "needs setsid to detach a process");
        long me = ProcessHandle.current().pid();
        String ours = "-D" + RankProtocol.RUN_PROPERTY + "=" + me + "-424242";
        String theirs = "-D" + RankProtocol.RUN_PROPERTY + "=" + (me + 100000) + "-1";
        detach(ours);
        detach(theirs);
        try {
            ProcessHandle o = find(ours).orElseThrow();
            find(theirs).orElseThrow();
            assertTrue(ProcessHandle.current().descendants().noneMatch(d -> d.pid() == o.pid()), "detached: not a descendant");
            assertEquals(List.of(o.pid()), MpjExtension.leftRunning().stream().map(ProcessHandle::pid).toList());
            assertThrows(AssertionFailedError.class, () -> MpjExtension.assertNothingLeftRunning(Duration.ofMillis(300)));
        } finally {
            for (String tag : List.of(ours, theirs)) {
                find(tag).ifPresent(h -> {
                    h.descendants().forEach(ProcessHandle::destroyForcibly);
                    h.destroyForcibly();
                });
            }
        }
        MpjExtension.assertNothingLeftRunning();
    }

    /** {@code sh -c 'sleep 60; true' TAG}: the shell's own command line carries the tag as its {@code $0}. */
    private static void detach(String tag) throws Exception {
        Process p = new ProcessBuilder("setsid", "-f", "sh", "-c", "sleep 60; true", tag).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "setsid -f returns at once");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (find(tag).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the detached process did not appear");
            Thread.onSpinWait();
        }
    }

    private static Optional<ProcessHandle> find(String tag) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> RankProtocol.arguments(p).map(a -> a.contains(tag)).orElse(false)).findFirst();
    }
}
