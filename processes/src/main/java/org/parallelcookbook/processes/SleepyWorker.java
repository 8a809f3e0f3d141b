package org.parallelcookbook.processes;

import java.time.Duration;

/**
 * A child that announces itself, says it is ready, works (sleeps) for a while and says
 * "Finished". Used by {@link KillProcess} (which kills it before it finishes) and
 * {@link BackgroundProcesses} (as the grandchild). Argument: the work time in ms.
 */
public final class SleepyWorker {

    /** The line printed once the child runs its own code. */
    public static final String READY = "ready";

    private SleepyWorker() {
    }

    public static void main(String[] args) throws InterruptedException {
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 60_000;
        System.out.println("Starting function");
        System.out.println(READY);
        Thread.sleep(Duration.ofMillis(millis));
        System.out.println("Finished function");
    }
}
