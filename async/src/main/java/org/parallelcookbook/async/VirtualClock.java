package org.parallelcookbook.async;

import java.time.Duration;
import org.parallelcookbook.core.measure.Clock;

/**
 * A clock that only moves when told to. A {@link SimpleEventLoop} built with
 * {@link SimpleEventLoop#virtualTime()} owns one and, whenever it has nothing ready to run, jumps it
 * straight to the next timer instead of waiting: a schedule of nine one-second timers then runs in
 * microseconds and every callback sees exact times (0 s, 1 s, ... 8 s). Tests of timing logic use it
 * instead of real sleeps.
 *
 * <p>Thread-safe; time never goes backwards.
 */
public final class VirtualClock implements Clock {

    private volatile long now;

    /** A clock that starts at 0 ns. */
    public VirtualClock() {
        this(0);
    }

    public VirtualClock(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Moves the clock to {@code nanos}; a time in the past leaves it where it is. */
    public synchronized void advanceTo(long nanos) {
        if (nanos > now) {
            now = nanos;
        }
    }

    /** Moves the clock forward by {@code delta} (which must not be negative). */
    public synchronized void advance(Duration delta) {
        if (delta.isNegative()) {
            throw new IllegalArgumentException("a clock cannot go back: " + delta);
        }
        now += delta.toNanos();
    }
}
