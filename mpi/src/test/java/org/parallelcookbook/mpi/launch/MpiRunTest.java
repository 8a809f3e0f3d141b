package org.parallelcookbook.mpi.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parallelcookbook.mpi.MpiHelloWorld;
import org.parallelcookbook.mpi.MpjExtension;

/**
 * Runs of real ranks through the launcher. What it decides before any rank starts (command line,
 * guards, refusals, the output tracker) is tested without ranks in {@link MpiRunCommandLineTest} and
 * {@link TrackerTest}.
 */
@ExtendWith(MpjExtension.class)
class MpiRunTest {

    @Test
    @Timeout(120)
    void aRankThatThrowsEndsTheRunAtOnceNamingTheRankAndItsException() throws Exception {
        // the other ranks wait at a barrier forever: only the failure report can end this run early
        MpiResult r = MpiRun.of(FailingProgram.class).np(3).timeout(Duration.ofMinutes(10)).run();
        assertEquals(MpiResult.Outcome.RANK_FAILED, r.outcome());
        assertEquals(RankResult.State.FAILED, r.rank(1).state());
        assertEquals("java.lang.IllegalStateException: rank 1 gives up", r.rank(1).failure());
        assertTrue(r.elapsed().compareTo(Duration.ofMinutes(5)) < 0, "ended by the failure, not by the time limit");
        var e = assertThrows(MpiRunException.class, r::requireSuccess);
        assertTrue(e.getMessage().contains("rank 1 threw java.lang.IllegalStateException: rank 1 gives up"), e.getMessage());
        assertTrue(e.getMessage().contains("every rank was killed"), e.getMessage());
    }

    @Test
    @Timeout(120)
    void outputIsStreamedAndCollectedPerRankWithoutMarkers() throws Exception {
        List<String> streamed = new CopyOnWriteArrayList<>();
        MpiResult r = MpiRun.of(MpiHelloWorld.class).np(2).onOutput(streamed::add).run().requireSuccess();
        assertEquals(List.of("rank 0 of 2: hello world from process 0", "rank 1 of 2: hello world from process 1"),
                streamed.stream().sorted().toList());
        assertFalse(r.output().stream().anyMatch(l -> l.startsWith(RankProtocol.MARKER)));
        assertEquals(List.of(0, 1), r.ranksIn(RankResult.State.FINISHED));
        assertEquals("hello world from process 1", r.rank(1).line().text());
    }

    /** The last guard, for rank JVMs on hosts where the launcher can neither watch nor kill them. */
    @Test
    @Timeout(120)
    void aRankJvmHaltsOnItsOwnOnceItsLifetimeIsOver() throws Exception {
        // the lifetime the time limits imply is replaced by 2 s (a later -D wins); the run's own limit is 10 min
        MpiResult r = MpiRun.of(NeverReturns.class).np(2).timeout(Duration.ofMinutes(10))
                .rankJvmOptions("-D" + RankProtocol.LIFETIME_PROPERTY + "=2").run();
        assertEquals(MpiResult.Outcome.RUNTIME_FAILED, r.outcome(), r.describe());
        assertTrue(r.output().stream().anyMatch(l -> l.contains("lifetime of 2 s is over")), r.output().toString());
        assertTrue(r.elapsed().compareTo(Duration.ofMinutes(5)) < 0, "ended by the lifetime, not by the time limit");
    }

    /**
     * A launcher killed with SIGKILL runs no clean-up at all: MPJRun halts through its own parent
     * watchdog, which leaves its child, the rank JVM, orphaned; that one must halt because it
     * watches the launcher's pid ({@link RankProtocol#WATCH_PROPERTY}), long before its lifetime.
     */
    @Test
    @Timeout(180)
    void rankJvmsHaltWhenTheirLauncherIsKilled() throws Exception {
        java.util.concurrent.CompletableFuture<String> runId = new java.util.concurrent.CompletableFuture<>();
        var launcher = org.parallelcookbook.core.launch.JvmLauncher.forMain(DoomedLauncher.class)
                .onStdoutLine(l -> {
                    if (l.startsWith("launcher: run ")) {
                        runId.complete(l.substring("launcher: run ".length()));
                    }
                }).start();
        String tag = "-D" + RankProtocol.RUN_PROPERTY + "=" + runId.get(60, java.util.concurrent.TimeUnit.SECONDS);
        try (launcher) {
            // the rank JVM: tagged on its own command line, and a child of MPJRun (tagged too)
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (tagged(tag).stream().noneMatch(p -> p.parent().map(q -> tagged(tag).contains(q)).orElse(false))) {
                assertTrue(System.nanoTime() < deadline, "no rank JVM appeared within 90 s: " + launcher.stdout() + launcher.stderr());
                launcher.process().onExit().completeOnTimeout(null, 100, java.util.concurrent.TimeUnit.MILLISECONDS).join();
            }
            launcher.process().toHandle().destroyForcibly();
            launcher.process().waitFor();
            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<ProcessHandle> left = tagged(tag);
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                left.getFirst().onExit().completeOnTimeout(null, 200, java.util.concurrent.TimeUnit.MILLISECONDS).join();
                left = tagged(tag);
            }
            assertEquals(List.of(), left.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList(),
                    "JVMs of the killed launcher's run still alive 30 s later");
        } finally {
            tagged(tag).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static List<ProcessHandle> tagged(String tag) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> RankProtocol.arguments(p).map(a -> a.contains(tag)).orElse(false)).toList();
    }
}
