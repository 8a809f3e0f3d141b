package org.parallelcookbook.threads;

import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Lock;

/**
 * Python's {@code with lock:} for JDK locks and semaphores. {@link Lock} and {@link Semaphore} are
 * not {@link AutoCloseable}, so try-with-resources cannot release them directly; these adapters
 * acquire in the factory method and release in {@code close()}:
 *
 * <pre>{@code
 * try (var held = Locks.hold(lock)) {
 *     ... // the lock is released when the block ends, normally or by an exception
 * }
 * }</pre>
 *
 * The acquire happens <i>before</i> the resource exists, so a failed acquire never releases.
 */
public final class Locks {

    private Locks() {
    }

    /** A held lock or permit; {@code close()} gives it back exactly once. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Locks {@code lock} and returns a handle whose {@code close()} unlocks it. */
    public static Held hold(Lock lock) {
        lock.lock();
        return once(lock::unlock);
    }

    /** Acquires one permit of {@code semaphore}; {@code close()} releases it. */
    public static Held acquire(Semaphore semaphore) throws InterruptedException {
        semaphore.acquire();
        return once(semaphore::release);
    }

    private static Held once(Runnable release) {
        return new Held() {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    release.run();
                }
            }
        };
    }
}
