package org.parallelcookbook.mpi.launch;

import java.time.Duration;

/**
 * A launcher for {@link MpiRunTest} to kill: prints {@code launcher: run <id>}, then runs
 * {@link NeverReturns} on 2 multicore ranks with a 10-minute limit, so only its death can end it.
 */
public final class DoomedLauncher {

    private DoomedLauncher() {
    }

    public static void main(String[] args) throws Exception {
        MpiRun run = MpiRun.of(NeverReturns.class).np(2).timeout(Duration.ofMinutes(10));
        System.out.println("launcher: run " + run.runId());
        System.out.flush();
        run.run();
    }
}
