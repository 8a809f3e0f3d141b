package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.parallelcookbook.mpi.launch.MpjInstallation;
import org.parallelcookbook.mpi.launch.RankProtocol;

/**
 * The set-up and tear-down every MPI test shares ({@code @ExtendWith(MpjExtension.class)}):
 * <ul>
 *   <li>before each test: skip it, saying what is missing and how to install it, when MPJ
 *       Express is not installed;</li>
 *   <li>after each test: fail it when a process this JVM started is still alive, or when any
 *       JVM on this host still carries the tag of a run this JVM launched
 *       ({@code -Dcookbook.mpi.run=PID-N}, which catches cluster-mode ranks, children of an MPJ
 *       daemon rather than of this JVM). Destruction is asynchronous, so it waits up to 15 s for
 *       them to go before it fails.</li>
 * </ul>
 * Other programs' MPI runs on the same machine (other test suites, a tour) carry other pids in
 * their tags and are never counted.
 */
public final class MpjExtension implements BeforeEachCallback, AfterEachCallback {

    static final Duration GRACE = Duration.ofSeconds(15);

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeMpj();
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        assertNothingLeftRunning();
    }

    /** Skips the test, saying why, when MPJ Express is not installed. */
    public static void assumeMpj() {
        var missing = MpjInstallation.locate().isEmpty();
        Assumptions.assumeFalse(missing, () -> {
            try {
                MpjInstallation.require();
                return "MPJ Express missing";
            } catch (RuntimeException e) {
                return e.getMessage();
            }
        });
    }

    /** Asserts that no process this JVM started, and no rank JVM of a run it launched, is alive. */
    public static void assertNothingLeftRunning() throws InterruptedException {
        assertNothingLeftRunning(GRACE);
    }

    static void assertNothingLeftRunning(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        List<ProcessHandle> alive = leftRunning();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            alive.getFirst().onExit().completeOnTimeout(null, 200, TimeUnit.MILLISECONDS).join();
            alive = leftRunning();
        }
        assertEquals(List.of(), alive.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList(),
                "processes left running");
    }

    /** This JVM's live descendants and the live JVMs tagged with one of its runs. */
    static List<ProcessHandle> leftRunning() {
        String tag = "-D" + RankProtocol.RUN_PROPERTY + "=" + ProcessHandle.current().pid() + "-";
        Stream<ProcessHandle> tagged = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> RankProtocol.arguments(p).map(a -> a.stream().anyMatch(x -> x.startsWith(tag))).orElse(false));
        return Stream.concat(ProcessHandle.current().descendants(), tagged).filter(ProcessHandle::isAlive).distinct().toList();
    }
}
