package org.parallelcookbook.processes.pool;

/**
 * A worker JVM died (killed, crashed, exited) while it ran a task, and the task had already been
 * retried once on a fresh worker. Names the worker, its pid and its exit status.
 */
public final class WorkerDiedException extends RuntimeException {

    private final long workerPid;
    private final int exitCode;

    public WorkerDiedException(String message, long workerPid, int exitCode) {
        super(message);
        this.workerPid = workerPid;
        this.exitCode = exitCode;
    }

    public long workerPid() {
        return workerPid;
    }

    /** The worker's exit status (on Linux 128 + n after signal n), or -1 if it could not be read. */
    public int exitCode() {
        return exitCode;
    }
}
