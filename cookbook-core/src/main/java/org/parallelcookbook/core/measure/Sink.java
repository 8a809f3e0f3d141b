package org.parallelcookbook.core.measure;

/**
 * Consumes benchmark results so the JIT cannot prove them unused and delete the work that made
 * them (the job JMH's {@code Blackhole} does). Every measured call's result goes through
 * {@link #consume(Object)}.
 */
public final class Sink {

    private static volatile int sink;

    private Sink() {
    }

    public static void consume(Object value) {
        sink ^= System.identityHashCode(value) ^ (value == null ? 0 : value.hashCode());
    }

    public static void consume(long value) {
        sink ^= (int) (value ^ (value >>> 32));
    }

    public static void consume(double value) {
        consume(Double.doubleToRawLongBits(value));
    }
}
