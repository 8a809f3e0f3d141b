package org.parallelcookbook.core.measure;

/** Receives progress of a long measurement: {@code done} of {@code total} steps, and what runs now. */
@FunctionalInterface
public interface Progress {

    void update(int done, int total, String what);

    static Progress none() {
        return (done, total, what) -> { };
    }
}
