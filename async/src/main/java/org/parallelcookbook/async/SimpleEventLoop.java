package org.parallelcookbook.async;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.parallelcookbook.core.measure.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-threaded event loop in the manner of asyncio's: a queue of ready callbacks, a priority
 * queue of timed ones, and one thread (whichever calls {@link #run()}) that runs them one after
 * another until {@link #stop()}. This is the model of chapter 4 of the book, written out in about
 * two hundred lines so that nothing about it is magic.
 *
 * <table>
 * <caption>asyncio and this class</caption>
 * <tr><th>asyncio</th><th>SimpleEventLoop</th></tr>
 * <tr><td>{@code loop.call_soon(f)}, {@code call_soon_threadsafe}</td><td>{@link #callSoon(Runnable)} (always thread-safe)</td></tr>
 * <tr><td>{@code loop.call_later(d, f)}, {@code call_at}</td><td>{@link #callLater(Duration, Runnable)}, {@link #callAt(long, Runnable)}</td></tr>
 * <tr><td>{@code handle.cancel()}</td><td>{@link Handle#cancel()}</td></tr>
 * <tr><td>{@code loop.time()}</td><td>{@link #time()} (seconds) and {@link #nanoTime()} (exact)</td></tr>
 * <tr><td>{@code loop.run_forever()}, {@code loop.stop()}</td><td>{@link #run()}, {@link #stop()}</td></tr>
 * <tr><td>{@code asyncio.ensure_future(coro)} / {@code Task}</td><td>{@link #createTask(Coroutine)}</td></tr>
 * <tr><td>{@code loop.run_until_complete(f)}</td><td>{@link #runUntilComplete(CompletableFuture)}</td></tr>
 * </table>
 *
 * <p>One turn of the loop (asyncio's {@code _run_once}): move every timer whose time has come to the
 * ready queue (earliest first, ties in the order they were scheduled), then run exactly the
 * callbacks that were ready at the start of the turn; what they schedule runs on a later turn. When
 * nothing is ready the loop waits for the next timer or for another thread's {@code callSoon}.
 * {@code stop()} lets the current turn finish, then {@code run()} returns, as in asyncio. A callback
 * that throws is logged and the loop goes on (asyncio's "Exception in callback").
 *
 * <p><b>Time.</b> {@link #realTime()} waits on the system clock. {@link #virtualTime()} uses a
 * {@link VirtualClock} that jumps to the next timer instead of waiting, so tests check schedules
 * exactly, to the nanosecond, without sleeping.
 *
 * <p><b>Beside the JDK.</b> The JDK's nearest relative is
 * {@link java.util.concurrent.Executors#newSingleThreadScheduledExecutor()}: also one thread and
 * timed tasks, but the executor owns its thread (you cannot run it on {@code main}), has no
 * {@code run_forever}/{@code stop} pair (the caller waits on a latch and shuts it down), no loop
 * time and no way to make time virtual; a task's exception is kept in its {@code Future}, not
 * logged. {@code ch4.event-loop} runs the book's program on both.
 */
public final class SimpleEventLoop implements Executor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimpleEventLoop.class);

    private final Clock clock;
    private final VirtualClock virtual;
    private final long origin;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final ArrayDeque<Handle> ready = new ArrayDeque<>();
    private final PriorityQueue<Handle> timers =
            new PriorityQueue<>(Comparator.comparingLong((Handle h) -> h.when).thenComparingLong(h -> h.sequence));
    private long sequence;
    private boolean stopping;
    private boolean closed;
    private volatile Thread owner;

    private SimpleEventLoop(Clock clock, VirtualClock virtual) {
        this.clock = clock;
        this.virtual = virtual;
        this.origin = clock.nanoTime();
    }

    /** A loop on the system's monotonic clock: timers really wait. */
    public static SimpleEventLoop realTime() {
        return new SimpleEventLoop(Clock.system(), null);
    }

    /** A loop on a fresh {@link VirtualClock}: when idle it jumps to the next timer instead of waiting. */
    public static SimpleEventLoop virtualTime() {
        return virtualTime(new VirtualClock());
    }

    /** A loop on the given virtual clock. */
    public static SimpleEventLoop virtualTime(VirtualClock clock) {
        return new SimpleEventLoop(clock, Objects.requireNonNull(clock));
    }

    /** Nanoseconds since the loop was created, on its clock. */
    public long nanoTime() {
        return clock.nanoTime() - origin;
    }

    /** Seconds since the loop was created, like asyncio's {@code loop.time()}. */
    public double time() {
        return nanoTime() / 1e9;
    }

    /** True when the loop uses a virtual clock. */
    public boolean isVirtual() {
        return virtual != null;
    }

    /** Runs {@code callback} on a coming turn of the loop. Any thread may call it. */
    public Handle callSoon(Runnable callback) {
        return schedule(Long.MIN_VALUE, callback);
    }

    /** Runs {@code callback} once {@code delay} has passed on the loop's clock. Any thread may call it. */
    public Handle callLater(Duration delay, Runnable callback) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        return callAt(nanoTime() + delay.toNanos(), callback);
    }

    /** Runs {@code callback} when {@link #nanoTime()} reaches {@code loopNanos}. */
    public Handle callAt(long loopNanos, Runnable callback) {
        return schedule(loopNanos, callback);
    }

    /** {@link Executor} view: the same as {@link #callSoon(Runnable)}. */
    @Override
    public void execute(Runnable command) {
        callSoon(command);
    }

    private Handle schedule(long when, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        lock.lock();
        try {
            if (closed) {
                throw new RejectedExecutionException("the event loop is closed");
            }
            var handle = new Handle(when, sequence++, callback);
            if (when == Long.MIN_VALUE) {
                ready.add(handle);
            } else {
                timers.add(handle);
            }
            wakeUp.signal();
            return handle;
        } finally {
            lock.unlock();
        }
    }

    /** Asks {@link #run()} to return after the current turn. Any thread may call it, before or during run. */
    public void stop() {
        lock.lock();
        try {
            stopping = true;
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
    }

    /** True on the thread that is running the loop. */
    public boolean inLoopThread() {
        return Thread.currentThread() == owner;
    }

    /**
     * Runs the loop on the calling thread until {@link #stop()} (asyncio's {@code run_forever}).
     *
     * @throws InterruptedException if the thread is interrupted while the loop waits
     */
    public void run() throws InterruptedException {
        lock.lock();
        try {
            if (owner != null) {
                throw new IllegalStateException("the loop is already running on " + owner.getName());
            }
            if (closed) {
                throw new IllegalStateException("the event loop is closed");
            }
            owner = Thread.currentThread();
        } finally {
            lock.unlock();
        }
        try {
            while (true) {
                List<Handle> batch = nextBatch();
                for (Handle h : batch) {
                    if (!h.cancelled) {
                        try {
                            h.callback.run();
                        } catch (RuntimeException | Error e) {
                            LOG.warn("Exception in callback {}", h.callback, e);
                        }
                    }
                }
                lock.lock();
                try {
                    if (stopping) {
                        stopping = false;
                        return;
                    }
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            owner = null;
        }
    }

    /** Waits until something is ready (or stop was asked) and takes the turn's callbacks. */
    private List<Handle> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                long now = nanoTime();
                while (!timers.isEmpty() && timers.peek().when <= now) {
                    ready.add(timers.poll());
                }
                ready.removeIf(h -> h.cancelled);
                // a cancelled timer is no deadline: drop it from the head, or the loop would wait for
                // it (on virtual time, jump the clock to it)
                while (!timers.isEmpty() && timers.peek().cancelled) {
                    timers.poll();
                }
                if (!ready.isEmpty() || stopping) {
                    List<Handle> batch = new ArrayList<>(ready);
                    ready.clear();
                    return batch;
                }
                Handle next = timers.peek();
                if (next == null) {
                    wakeUp.await();
                } else if (virtual != null) {
                    virtual.advanceTo(origin + next.when);
                } else {
                    wakeUp.awaitNanos(next.when - now);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs the loop until {@code future} completes and returns its value (asyncio's
     * {@code run_until_complete}); a failed future throws its {@link java.util.concurrent.CompletionException}.
     */
    public <T> T runUntilComplete(CompletableFuture<T> future) throws InterruptedException {
        future.whenComplete((v, e) -> stop());
        run();
        return future.join();
    }

    /**
     * Wraps a cooperative task in a future and starts it on a coming turn (asyncio's {@code Task}).
     * The loop calls {@link Coroutine#resume()} once per step: {@link Step#sleep(Duration)} parks the
     * task on a timer, {@link Step#yieldNow()} lets every other ready callback run first, and
     * {@link Step#done(Object)} completes the future. An exception fails it; cancelling the future
     * stops the task before its next step.
     */
    public <T> CompletableFuture<T> createTask(Coroutine<T> coroutine) {
        Objects.requireNonNull(coroutine, "coroutine");
        var result = new CompletableFuture<T>();
        callSoon(new Runnable() {
            @Override
            public void run() {
                if (result.isDone()) {
                    return;
                }
                try {
                    switch (coroutine.resume()) {
                        case Step.Done<T> done -> result.complete(done.value());
                        case Step.Again<T> again -> {
                            if (again.after().isZero()) {
                                callSoon(this);
                            } else {
                                callLater(again.after(), this);
                            }
                        }
                    }
                } catch (Exception | Error e) {
                    result.completeExceptionally(e);
                }
            }

            @Override
            public String toString() {
                return "task " + coroutine;
            }
        });
        return result;
    }

    /** Stops accepting callbacks; pending ones are dropped. Must not be called while the loop runs. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (owner != null) {
                throw new IllegalStateException("cannot close a running event loop; stop it first");
            }
            closed = true;
            ready.clear();
            timers.clear();
        } finally {
            lock.unlock();
        }
    }

    /** A scheduled callback; {@link #cancel()} keeps it from running (asyncio's {@code Handle}/{@code TimerHandle}). */
    public static final class Handle {
        private final long when;
        private final long sequence;
        private final Runnable callback;
        private volatile boolean cancelled;

        private Handle(long when, long sequence, Runnable callback) {
            this.when = when;
            this.sequence = sequence;
            this.callback = callback;
        }

        public void cancel() {
            cancelled = true;
        }

        public boolean isCancelled() {
            return cancelled;
        }
    }

    /**
     * A task written as a resumable step function: what a Python generator-based coroutine is once
     * the interpreter's magic is taken away. Each call to {@link #resume()} runs up to the next
     * suspension point and says what to wait for.
     */
    @FunctionalInterface
    public interface Coroutine<T> {
        Step<T> resume() throws Exception;
    }

    /** What a coroutine step asks for: run again later, or finish with a value. */
    public sealed interface Step<T> {

        /** Resume after {@code after} (zero: on the next turn, like {@code await asyncio.sleep(0)}). */
        record Again<T>(Duration after) implements Step<T> {
            public Again {
                if (after.isNegative()) {
                    throw new IllegalArgumentException("negative delay " + after);
                }
            }
        }

        /** Finish with {@code value}. */
        record Done<T>(T value) implements Step<T> {
        }

        /** {@code await asyncio.sleep(d)}. */
        static <T> Step<T> sleep(Duration d) {
            return new Again<>(d);
        }

        /** {@code await asyncio.sleep(0)}: let the other ready callbacks run first. */
        static <T> Step<T> yieldNow() {
            return new Again<>(Duration.ZERO);
        }

        /** {@code return value}. */
        static <T> Step<T> done(T value) {
            return new Done<>(value);
        }
    }
}
