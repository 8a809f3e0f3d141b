package org.parallelcookbook.core.measure;

/**
 * A monotonic time source in nanoseconds. Production code uses {@link #system()}; tests inject a
 * fake one so timing maths can be checked exactly and instantly.
 */
@FunctionalInterface
public interface Clock {

    long nanoTime();

    static Clock system() {
        return System::nanoTime;
    }
}
