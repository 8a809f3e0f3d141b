package org.parallelcookbook.core.launch;

/** A child JVM failed: it exited with a non-zero status, was killed, or timed out. */
public final class ChildJvmException extends RuntimeException {

    private final String name;
    private final long pid;
    private final int exitCode;

    public ChildJvmException(String name, long pid, int exitCode, String message) {
        super(message);
        this.name = name;
        this.pid = pid;
        this.exitCode = exitCode;
    }

    /** The child's name (its main class's simple name unless one was given). */
    public String childName() {
        return name;
    }

    public long pid() {
        return pid;
    }

    /** The exit status, or -1 when the child had not exited (timeout). */
    public int exitCode() {
        return exitCode;
    }
}
