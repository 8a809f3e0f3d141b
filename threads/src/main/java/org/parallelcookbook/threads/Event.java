package org.parallelcookbook.threads;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Python's {@code threading.Event}, which the JDK does not have: a flag that threads wait for.
 * {@link #set()} raises it and wakes every waiter, {@link #clear()} lowers it again, and
 * {@link #await()} returns at once while it is raised.
 *
 * <p><b>Why not a {@code CountDownLatch(1)}?</b> A latch is the JDK's one-shot event: {@code
 * countDown()} is {@code set()}, {@code await()} is {@code wait()}, and it is the right tool when
 * the flag is raised once ("the server is ready"). It cannot be lowered again, and the book's
 * {@code ch2.event} program calls {@code set()} and {@code clear()} for every item. So this class
 * is built on the smaller parts the JDK does have: a {@link ReentrantLock}, one {@link Condition}
 * and a flag guarded by the lock.
 *
 * <p><b>Set-then-clear.</b> The book's producer calls {@code set()} and immediately {@code
 * clear()}. In CPython a thread already waiting is still woken (it was notified) although the
 * flag is down again when it runs. A naive {@code while (!flag) await()} would put such a waiter
 * back to sleep and lose the wake-up. This class keeps Python's semantics with a generation
 * counter: a waiter returns when the flag is up <i>or</i> a {@code set()} happened since it began
 * to wait. A thread that was not waiting at the time of the set-then-clear still misses it; that
 * is the book's flaw, and {@code EventProducerConsumer} shows how the pipeline copes.
 */
public final class Event {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean flag;
    private long generation;

    /** Raises the flag and wakes every thread waiting in {@link #await()}. */
    public void set() {
        lock.lock();
        try {
            flag = true;
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Lowers the flag: later {@link #await()} calls block until the next {@link #set()}. */
    public void clear() {
        lock.lock();
        try {
            flag = false;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the flag is up. */
    public boolean isSet() {
        lock.lock();
        try {
            return flag;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the flag is up or a {@link #set()} happens; returns at once if it is up. */
    public void await() throws InterruptedException {
        lock.lock();
        try {
            long seen = generation;
            while (!flag && generation == seen) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Like {@link #await()} but gives up after {@code timeout}.
     *
     * @return true when the flag was up or was set while waiting; false on timeout (Python's
     *     {@code wait(timeout)} returns the same)
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            long seen = generation;
            while (!flag && generation == seen) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Convenience for {@link #await(Duration)}. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return await(Duration.of(timeout, unit.toChronoUnit()));
    }

    /** Number of threads now waiting (for tests and demonstrations that force an ordering). */
    public int waiters() {
        lock.lock();
        try {
            return lock.getWaitQueueLength(changed);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Event[" + (isSet() ? "set" : "clear") + "]";
    }
}
