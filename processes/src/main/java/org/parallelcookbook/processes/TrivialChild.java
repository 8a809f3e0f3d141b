package org.parallelcookbook.processes;

/** A child JVM that does nothing: what {@link JvmStartupBenchmark} times is pure start-up and exit. */
public final class TrivialChild {

    private TrivialChild() {
    }

    public static void main(String[] args) {
        // nothing: start, run, exit
    }
}
