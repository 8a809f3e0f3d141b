package org.parallelcookbook.core.measure;

/**
 * A fork of a study (a fresh JVM measuring the points) ended without results: it exited with a
 * non-zero status, timed out, or wrote no results. The message is one line naming the fork and its
 * exit status, fit for a command line.
 */
public final class ForkFailedException extends Exception {

    private final int fork;
    private final int exitStatus;

    public ForkFailedException(int fork, int forks, int exitStatus, String detail) {
        super("fork " + fork + " of " + forks + " exited with status " + exitStatus
                + (detail == null || detail.isBlank() ? "" : ": " + detail.strip()));
        this.fork = fork;
        this.exitStatus = exitStatus;
    }

    public int fork() {
        return fork;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
