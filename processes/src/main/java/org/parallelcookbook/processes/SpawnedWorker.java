package org.parallelcookbook.processes;

/**
 * The child of {@link SpawnProcesses}: Python's {@code foo(i)}. It runs in its own JVM, so its only
 * input is its argument (a string) and its only output is what it prints.
 */
public final class SpawnedWorker {

    private SpawnedWorker() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SpawnedWorker <number>");
        }
        int i = Integer.parseInt(args[0]);
        System.out.println("called function in process: " + i);
    }
}
