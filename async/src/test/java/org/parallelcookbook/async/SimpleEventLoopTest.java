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
            assertFalse(h.isCancelled());
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

    /** close() leaves the loop's lock free: another thread is refused at once, not blocked. */
    @Test
    void aClosedLoopRefusesOtherThreadsToo() throws Exception {
        var loop = SimpleEventLoop.virtualTime();
        loop.close();
        var refused = new CompletableFuture<Throwable>();
        Thread.ofPlatform().start(() -> {
            try {
                loop.callSoon(() -> { });
                refused.complete(null);
            } catch (Throwable t) {
                refused.complete(t);
            }
        });
        assertInstanceOf(RejectedExecutionException.class, refused.get(10, TimeUnit.SECONDS));
    }

    /** The loop's clock starts at 0 when the loop is made, whatever the clock read before; time() is seconds. */
    @Test
    void loopTimeCountsFromTheLoopsCreation() {
        var clock = new VirtualClock(5_000_000_000L);
        try (var loop = SimpleEventLoop.virtualTime(clock)) {
            assertTrue(loop.isVirtual());
            assertEquals(0, loop.nanoTime());
            clock.advance(Duration.ofMillis(1_500));
            assertEquals(1_500_000_000L, loop.nanoTime());
            assertEquals(1.5, loop.time(), 1e-12);
        }
        try (var loop = SimpleEventLoop.realTime()) {
            assertFalse(loop.isVirtual());
        }
    }

    /** callSoon's handle cancels what it scheduled; a stop() from another thread wakes a loop with nothing to do. */
    @Test
    void aSoonCallbackCanBeCancelledAndAStopWakesAnIdleLoop() throws Exception {
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var loop = SimpleEventLoop.realTime()) {
            loop.callSoon(() -> log.add("not this")).cancel();
            var idle = new CountDownLatch(1);
            loop.callSoon(idle::countDown);
            Thread loopThread = Thread.currentThread();
            Thread stopper = Thread.ofPlatform().start(() -> {
                try {
                    idle.await();
                    // until the loop has nothing to do and waits for work (at most 10 s; stop() ends it either way)
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (loopThread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    loop.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            loop.run();
            stopper.join();
        }
        assertEquals(List.of(), log);
    }

    /** On real time the loop sleeps until its next timer is due, then runs it. */
    @Test
    void aRealTimeLoopWaitsForItsTimer() throws Exception {
        try (var loop = SimpleEventLoop.realTime()) {
            var at = new long[1];
            loop.callLater(Duration.ofMillis(30), () -> {
                at[0] = loop.nanoTime();
                loop.stop();
            });
            loop.run();
            assertTrue(at[0] >= 30_000_000L, "ran at " + at[0] + " ns, not before its 30 ms");
        }
    }
}
