package org.parallelcookbook.processes;

import java.time.Duration;

/**
 * The child of {@link NamedProcesses}: Python's {@code foo()}, which reads
 * {@code current_process().name}. An OS process has no such name, so the parent passes it as the
 * system property {@value NamedProcesses#NAME_PROPERTY}. Argument: how long to "work", in ms.
 */
public final class NamedWorker {

    private NamedWorker() {
    }

    public static void main(String[] args) throws InterruptedException {
        String name = System.getProperty(NamedProcesses.NAME_PROPERTY, "(unnamed)");
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 3000;
        System.out.println("Starting " + name);
        Thread.sleep(Duration.ofMillis(millis));
        System.out.println("Exiting " + name);
    }
}
