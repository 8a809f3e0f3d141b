package org.parallelcookbook.distributed;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * "Eventually" for cluster state: a distributed system converges (a member joins, a dead one is
 * noticed, partitions migrate) on its own schedule, so the only honest way to wait is to poll the
 * condition until a deadline. Never a fixed sleep that hopes the cluster is ready.
 */
public final class Eventually {

    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

    private Eventually() {
    }

    /**
     * Polls {@code condition} until it holds.
     *
     * @throws TimeoutException naming {@code what} when it still does not hold after {@code timeout}
     */
    public static void await(Duration timeout, BooleanSupplier condition, Supplier<String> what)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException(what.get() + " did not happen within " + timeout.toMillis() + " ms");
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
