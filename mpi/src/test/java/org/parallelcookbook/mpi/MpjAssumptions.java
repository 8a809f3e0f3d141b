package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.parallelcookbook.mpi.launch.MpjInstallation;

/** Shared checks of the mpi tests. */
public final class MpjAssumptions {

    private MpjAssumptions() {
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

    /** Asserts that no process this JVM started is still alive (polling briefly: destruction is asynchronous). */
    public static void assertNothingLeftRunning() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<ProcessHandle> alive = List.of();
        while (System.nanoTime() < deadline) {
            alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
            if (alive.isEmpty()) {
                return;
            }
            Thread.onSpinWait();
            alive.getFirst().onExit().completeOnTimeout(null, 200, java.util.concurrent.TimeUnit.MILLISECONDS).join();
        }
        assertEquals(List.of(), alive.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList(),
                "processes left running");
    }
}
