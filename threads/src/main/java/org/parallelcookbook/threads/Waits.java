package org.parallelcookbook.threads;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a state that no primitive announces (a thread parked in {@code take()}, a waiter
 * queued on a lock): poll with a deadline. Recipes use it to force an interleaving on purpose,
 * so that a demonstration never depends on luck; the deadline only turns a hang into an error.
 */
final class Waits {

    /** How long a forced interleaving may take before we call it a hang. */
    static final Duration HANG = Duration.ofSeconds(30);

    private Waits() {
    }

    /** Returns once {@code condition} holds; throws {@link TimeoutException} after {@code timeout}. */
    static void until(BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int spins = 0;
        while (!condition.getAsBoolean()) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting until " + what);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("gave up after " + timeout.toMillis() + " ms waiting until " + what);
            }
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(50_000);
            }
        }
    }

    /** {@link #until(BooleanSupplier, Duration, String)} with the {@link #HANG} deadline. */
    static void until(BooleanSupplier condition, String what) throws InterruptedException, TimeoutException {
        until(condition, HANG, what);
    }

    /** Joins {@code thread}, or throws {@link TimeoutException} if it is still alive after {@code timeout}. */
    static void join(Thread thread, Duration timeout) throws InterruptedException, TimeoutException {
        if (!thread.join(timeout)) {
            throw new TimeoutException(thread.getName() + " still running after " + timeout.toMillis() + " ms");
        }
    }

    /** A long option such as {@code --seed 42}; a bad value is a usage error. */
    static long longOption(String[] args, String name, long defaultValue) {
        String raw = org.parallelcookbook.core.RecipeMain.option(args, name, null);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new org.parallelcookbook.core.UsageException(name + " takes a whole number, got '" + raw + "'");
        }
    }

    /** Parses a duration in milliseconds given as an option, e.g. {@code --pause-ms 2000}. */
    static Duration millisOption(String[] args, String name, long defaultMillis) {
        String raw = org.parallelcookbook.core.RecipeMain.option(args, name, null);
        if (raw == null) {
            return Duration.ofMillis(defaultMillis);
        }
        try {
            long ms = Long.parseLong(raw.strip());
            if (ms < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new org.parallelcookbook.core.UsageException(name + " takes milliseconds, 0 or more, got '" + raw + "'");
        }
    }
}
