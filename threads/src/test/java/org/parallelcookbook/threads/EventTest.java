package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EventTest {

    @Test
    void awaitReturnsAtOnceWhenSet() throws Exception {
        var event = new Event();
        event.set();
        assertTrue(event.isSet());
        event.await();
        assertTrue(event.await(Duration.ZERO));
    }

    @Test
    void awaitBlocksUntilSet() throws Exception {
        var event = new Event();
        var returned = new AtomicInteger();
        Thread waiter = new Thread(() -> {
            try {
                event.await();
                returned.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        try {
            Waits.until(() -> event.waiters() == 1 && waiter.getState() == Thread.State.WAITING, "the waiter blocks");
            assertEquals(0, returned.get());
            event.set();
            Waits.join(waiter, Duration.ofSeconds(30));
            assertEquals(1, returned.get());
        } finally {
            waiter.interrupt();
            waiter.join();
        }
    }

    @Test
    void timedAwaitReturnsFalseWhenNotSet() throws Exception {
        assertFalse(new Event().await(Duration.ofMillis(20)));
    }

    @Test
    void oneSetWakesAllFiveWaiters() throws Exception {
        var event = new Event();
        var woken = new AtomicInteger();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiters.add(Thread.ofPlatform().start(() -> {
                try {
                    event.await();
                    woken.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            Waits.until(() -> event.waiters() == 5, "five waiters block");
            event.set();
            for (Thread t : waiters) {
                Waits.join(t, Duration.ofSeconds(30));
            }
            assertEquals(5, woken.get());
        } finally {
            waiters.forEach(Thread::interrupt);
        }
    }

    @Test
    void setThenClearStillWakesWhoeverWasWaiting() throws Exception {
        var event = new Event();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                event.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            Waits.until(() -> event.waiters() == 1, "the waiter blocks");
            event.set();
            event.clear();
            Waits.join(waiter, Duration.ofSeconds(30));
        } finally {
            waiter.interrupt();
        }
    }

    @Test
    void clearMakesLaterWaitsBlock() throws Exception {
        var event = new Event();
        event.set();
        event.clear();
        assertFalse(event.isSet());
        assertFalse(event.await(Duration.ofMillis(20)));
    }
    /** The timed wait: woken by a set() while it waits (true), the TimeUnit form too; a zero wait on a clear event is false at once. */
    @Test
    void aTimedWaitReturnsTrueWhenSetWhileItWaits() throws Exception {
        var event = new Event();
        assertFalse(event.await(Duration.ZERO), "nothing set, no time to wait");
        assertFalse(event.await(0, java.util.concurrent.TimeUnit.SECONDS));
        var result = new java.util.concurrent.ArrayBlockingQueue<Boolean>(2);
        var cleared = new java.util.concurrent.CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                result.add(event.await(Duration.ofSeconds(30)));
                cleared.await(); // until the test has lowered the flag again
                result.add(event.await(30, java.util.concurrent.TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        try {
            Waits.until(() -> event.waiters() == 1, "the waiter waits (Duration form)");
            event.set();
            assertEquals(Boolean.TRUE, result.poll(30, java.util.concurrent.TimeUnit.SECONDS));
            event.clear();
            cleared.countDown();
            Waits.until(() -> event.waiters() == 1, "the waiter waits (TimeUnit form)");
            event.set();
            assertEquals(Boolean.TRUE, result.poll(30, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            waiter.interrupt();
            waiter.join();
        }
    }

    /** Every call leaves the event's lock free: another thread can set and clear it after each one. */
    @Test
    void noCallKeepsTheLock() throws Exception {
        var event = new Event();
        List<Runnable> calls = List.of(event::isSet, event::toString, event::waiters, () -> {
            try {
                event.await(Duration.ofMillis(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        for (Runnable call : calls) {
            call.run();
            Thread other = new Thread(() -> {
                event.set();
                event.clear();
            });
            other.start();
            Waits.join(other, Duration.ofSeconds(30));
        }
        assertEquals("Event[clear]", event.toString());
        event.set();
        assertEquals("Event[set]", event.toString());
    }
}
