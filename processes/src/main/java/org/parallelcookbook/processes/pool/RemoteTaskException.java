package org.parallelcookbook.processes.pool;

/**
 * A task threw in its worker JVM. The exception object itself does not travel (its class might
 * not pass the deserialization filter); its type, message and stack trace travel as text, and this
 * exception names them: {@code task #3 failed in worker 1 (pid 4242): java.lang.ArithmeticException: / by zero}.
 */
public final class RemoteTaskException extends RuntimeException {

    private final String remoteType;
    private final String remoteMessage;
    private final String remoteStackTrace;
    private final long workerPid;

    public RemoteTaskException(String context, String remoteType, String remoteMessage, String remoteStackTrace,
                               long workerPid) {
        super(context + ": " + remoteType + (remoteMessage == null ? "" : ": " + remoteMessage));
        this.remoteType = remoteType;
        this.remoteMessage = remoteMessage;
        this.remoteStackTrace = remoteStackTrace;
        this.workerPid = workerPid;
    }

    /** The fully qualified class name of the exception thrown in the worker. */
    public String remoteType() {
        return remoteType;
    }

    /** Its message, or null when it had none. */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** Its stack trace as the worker printed it (possibly truncated). */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }

    /** The pid of the worker JVM where it was thrown. */
    public long workerPid() {
        return workerPid;
    }
}
