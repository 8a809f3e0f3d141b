package org.parallelcookbook.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SimpleEventLoopTest {

    @Test
    void readyCallbacksRunInOrderAndWhatTheySchedulePostponesToTheNextTurn() throws Exception {
        List<String> log = new ArrayList<>();
        try (var loop = SimpleEventLoop.virtualTime()) {
            loop.callSoon(() -> {
                log.add("a");
                loop.callSoon(() -> {
                    log.add("c");
                    loop.stop();
                });
            });
            loop.callSoon(() -> log.add("b"));
            loop.run();
        }
        assertEquals(List.of("a", "b", "c"), log);
    }

    @Test
    void timersFireInDeadlineOrderTiesInSchedulingOrderOnVirtualTime() throws Exception {
        List<String> log = new ArrayList<>();
        try (var loop = SimpleEventLoop.virtualTime()) {
            loop.callLater(Duration.ofMillis(30), () -> log.add("30ms@" + loop.nanoTime()));
            loop.callLater(Duration.ofMillis(10), () -> log.add("10ms-first@" + loop.nanoTime()));
            loop.callLater(Duration.ofMillis(10), () -> log.add("10ms-second@" + loop.nanoTime()));
            loop.callLater(Duration.ofSeconds(5), loop::stop);
            loop.run();
            assertEquals(5_000_000_000L, loop.nanoTime(), "virtual time jumped straight to the last timer");
        }
        assertEquals(List.of("10ms-first@10000000", "10ms-second@10000000", "30ms@30000000"), log);
    }

    @Test
    void cancelledHandleNeverRuns() throws Exception {
        List<String> log = new ArrayList<>();
        try (var loop = SimpleEventLoop.virtualTime()) {
            var h = loop.callLater(Duration.ofMillis(1), () -> log.add("cancelled one"));
            loop.callLater(Duration.ofMillis(2), () -> {
                log.add("kept");
                loop.stop();
            });
            h.cancel();
            loop.run();
            assertTrue(h.isCancelled());
        }
        assertEquals(List.of("kept"), log);
    }

    @Test
    void aCancelledTimerDoesNotAdvanceVirtualTime() throws Exception {
        try (var loop = SimpleEventLoop.virtualTime()) {
            loop.callLater(Duration.ofSeconds(30), () -> { }).cancel(); // a timeout that is no longer needed
            var seen = new CompletableFuture<Long>();
            Thread runner = Thread.ofPlatform().name("loop").start(() -> {
                try {
                    loop.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                // the loop is idle (parked) with nothing but the cancelled timer; then work arrives
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (runner.getState() != Thread.State.WAITING) {
                    assertTrue(System.nanoTime() < deadline, "the loop never went idle");
                    Thread.onSpinWait();
                }
                loop.callSoon(() -> {
                    seen.complete(loop.nanoTime());
                    loop.stop();
                });
                assertEquals(0L, seen.get(30, TimeUnit.SECONDS), "virtual time stayed at 0: nothing was due");
            } finally {
                loop.stop();
                runner.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }

    @Test
    void aThrowingCallbackIsLoggedAndTheLoopGoesOn() throws Exception {
        var after = new AtomicInteger();
        try (var loop = SimpleEventLoop.virtualTime()) {
            loop.callSoon(() -> {
                throw new IllegalStateException("expected by the test");
            });
            loop.callSoon(after::incrementAndGet);
            loop.callSoon(loop::stop);
            loop.run();
        }
        assertEquals(1, after.get());
    }

    @Test
    void callSoonFromAnotherThreadWakesAnIdleLoop() throws Exception {
        var ranOn = new Thread[1];
        var loopStarted = new CountDownLatch(1);
        try (var loop = SimpleEventLoop.realTime()) {
            loop.callSoon(loopStarted::countDown);
            Thread poster = Thread.ofPlatform().start(() -> {
                try {
                    loopStarted.await();
                    loop.callSoon(() -> {
                        ranOn[0] = Thread.currentThread();
                        loop.stop();
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            loop.run();
            poster.join();
        }
        assertSame(Thread.currentThread(), ranOn[0]);
    }

    @Test
    void tasksAdvanceStepByStepAndCompleteTheirFutures() throws Exception {
        List<String> log = new ArrayList<>();
        try (var loop = SimpleEventLoop.virtualTime()) {
            var counter = new int[1];
            CompletableFuture<Integer> task = loop.createTask(() -> {
                log.add("step " + counter[0] + " at " + loop.nanoTime());
                return ++counter[0] < 3 ? SimpleEventLoop.Step.sleep(Duration.ofMillis(5)) : SimpleEventLoop.Step.done(42);
            });
            assertEquals(42, loop.runUntilComplete(task));
            assertFalse(loop.inLoopThread(), "after run() returns the thread no longer owns the loop");
        }
        assertEquals(List.of("step 0 at 0", "step 1 at 5000000", "step 2 at 10000000"), log);
    }

    @Test
    void aFailingTaskFailsItsFuture() throws Exception {
        try (var loop = SimpleEventLoop.virtualTime()) {
            CompletableFuture<Object> task = loop.createTask(() -> {
                throw new java.io.IOException("boom");
            });
            var e = assertThrows(CompletionException.class, () -> loop.runUntilComplete(task));
            assertInstanceOf(java.io.IOException.class, e.getCause());
        }
    }

    @Test
    void aClosedLoopRejectsCallbacks() {
        var loop = SimpleEventLoop.virtualTime();
        loop.close();
        assertThrows(RejectedExecutionException.class, () -> loop.callSoon(() -> { }));
    }
}
