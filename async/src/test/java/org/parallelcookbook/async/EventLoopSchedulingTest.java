package org.parallelcookbook.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Clock;

@Timeout(30)
class EventLoopSchedulingTest {

    private static final List<Integer> BOOK_ORDER = List.of(1, 2, 3, 1, 2, 3, 1, 2, 3);

    @Test
    void nineCallbacksAtExactlyZeroToEightSecondsOnTheLoopThread() throws Exception {
        List<String> printed = new ArrayList<>();
        EventLoopScheduling.Schedule s;
        try (var loop = SimpleEventLoop.virtualTime()) {
            s = EventLoopScheduling.onSimpleLoop(loop, Duration.ofSeconds(1), printed::add);
            assertEquals(8_000_000_000L, loop.nanoTime(), "the loop stopped right after the ninth call");
        }
        assertEquals(BOOK_ORDER, s.functions());
        assertEquals(LongStream.rangeClosed(0, 8).map(k -> k * 1_000_000_000L).boxed().toList(),
                s.calls().stream().map(EventLoopScheduling.Call::atNanos).toList());
        assertSame(Thread.currentThread(), s.loopThread());
        s.calls().forEach(c -> assertSame(s.loopThread(), c.thread(), "every callback on the loop thread"));
        assertEquals(BOOK_ORDER.stream().map(n -> "function_" + n + " called").toList(), printed);
    }

    @Test
    void theScheduleScalesToAnyPeriodExactly() throws Exception {
        try (var loop = SimpleEventLoop.virtualTime()) {
            var s = EventLoopScheduling.onSimpleLoop(loop, Duration.ofMillis(10), x -> { });
            assertEquals(BOOK_ORDER, s.functions());
            assertEquals(80_000_000L, s.calls().getLast().atNanos());
        }
    }

    @Test
    void jdkScheduledExecutorRunsTheSameProgramOnItsOwnThread() throws Exception {
        // An ideal clock for the program's "loop.time()": the start reads 0, call k reads k periods.
        long period = Duration.ofMillis(1).toNanos();
        var readings = new AtomicLong();
        Clock ideal = () -> Math.max(0, readings.getAndIncrement() - 1) * period;
        List<String> printed = java.util.Collections.synchronizedList(new ArrayList<>());
        var s = EventLoopScheduling.onScheduledExecutor(Duration.ofNanos(period), ideal, printed::add);
        assertEquals(BOOK_ORDER, s.functions());
        assertNotSame(Thread.currentThread(), s.loopThread(), "the executor owns its thread");
        s.calls().forEach(c -> assertSame(s.loopThread(), c.thread(), "one thread ran every callback"));
        assertEquals(9, printed.size());
    }
}
