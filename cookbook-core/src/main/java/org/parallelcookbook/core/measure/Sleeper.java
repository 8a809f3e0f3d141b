package org.parallelcookbook.core.measure;

import java.time.Duration;

/**
 * Where a recipe waits because the book's program sleeps. Recipes take a {@code Sleeper} so tests
 * can pass {@link #none()} (or a recording one) and run in milliseconds.
 */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Really sleeps ({@link Thread#sleep(Duration)}). */
    static Sleeper real() {
        return Thread::sleep;
    }

    /** Never waits; still honours interruption so cancellation keeps working. */
    static Sleeper none() {
        return d -> {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        };
    }
}
