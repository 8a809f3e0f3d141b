package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class LockCounterTest {

    @Test
    void lockedCounterIsZeroOnEveryOneOfTwentyRuns() throws Exception {
        for (int run = 0; run < 20; run++) {
            assertEquals(0, LockCounter.race(new LockCounter.LockedCounter(), 100_000), "run " + run);
        }
    }

    @Test
    void theOtherSafeCountersAreZeroToo() throws Exception {
        var r = LockCounter.run(100_000);
        assertEquals(0, r.locked());
        assertEquals(0, r.synchronizedMonitor());
        assertEquals(0, r.atomic());
        assertEquals(0, r.adder());
        // r.racy() is printed by main, never asserted: it depends on the scheduler
    }

    @Test
    void racyCounterLosesAnUpdateWhenBothThreadsReadBeforeEitherWrites() throws Exception {
        var counter = new LockCounter.RacyCounter();
        var bothHaveRead = new CyclicBarrier(2);
        Runnable waitForTheOther = () -> {
            try {
                bothHaveRead.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        Thread a = new Thread(() -> counter.increment(waitForTheOther));
        Thread b = new Thread(() -> counter.increment(waitForTheOther));
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(1, counter.value(), "two increments, one lost: both read 0 and both wrote 1");
    }

    @Test
    void lockedCounterMakesThatScheduleImpossible() throws Exception {
        var counter = new LockCounter.LockedCounter();
        var lock = counter.lock();
        // a, inside its critical section between read and write, waits until b is queued on the lock:
        // b cannot read the value until a has written it. b is created before a starts, so a sees
        // it through Thread.start's happens-before edge (no data race on a shared variable)
        Thread b = new Thread(() -> counter.increment(() -> { }));
        Thread a = new Thread(() -> counter.increment(() -> {
            try {
                Waits.until(() -> lock.hasQueuedThread(b), "b waits for the lock");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        a.start();
        Waits.until(lock::isLocked, "a holds the lock");
        b.start();
        a.join();
        b.join();
        assertEquals(2, counter.value());
    }

    @Test
    void aJavaLockCannotBeReleasedByAnotherThread() throws Exception {
        assertEquals("IllegalMonitorStateException", LockCounter.unlockFromOtherThread());
    }
    /**
     * A final 0 cannot tell a counter that counts from one that forgets: here both threads only add
     * (then only subtract), and every safe counter must reach exactly 2n (then -2n).
     */
    @Test
    void eachSafeCounterKeepsEveryUpdateOfTwoThreads() throws Exception {
        int n = 50_000;
        for (LockCounter.Counter c : List.of(new LockCounter.LockedCounter(), new LockCounter.SynchronizedCounter(),
                new LockCounter.AtomicCounter(), new LockCounter.AdderCounter())) {
            String name = c.getClass().getSimpleName();
            twoThreads(n, c::increment);
            assertEquals(2 * n, c.value(), name);
            twoThreads(2 * n, c::decrement);
            assertEquals(-2 * n, c.value(), name);
        }
    }

    private static void twoThreads(int times, Runnable update) throws InterruptedException {
        Runnable loop = () -> {
            for (int i = 0; i < times; i++) {
                update.run();
            }
        };
        Thread a = new Thread(loop);
        Thread b = new Thread(loop);
        a.start();
        b.start();
        a.join();
        b.join();
    }

    /** On one thread the racy counter counts right: its defect is only the interleaving. */
    @Test
    void theRacyCounterCountsRightOnOneThread() {
        var c = new LockCounter.RacyCounter();
        c.increment();
        c.increment();
        c.decrement();
        assertEquals(1, c.value());
    }

    /** race() returns the counter's final value, whatever it is (here a counter that never goes down). */
    @Test
    void raceReturnsTheCountersFinalValue() throws Exception {
        var onlyUp = new LockCounter.AtomicCounter();
        LockCounter.Counter ignoresDecrements = new LockCounter.Counter() {
            @Override
            public void increment() {
                onlyUp.increment();
            }

            @Override
            public void decrement() {
            }

            @Override
            public int value() {
                return onlyUp.value();
            }
        };
        assertEquals(1_000, LockCounter.race(ignoresDecrements, 1_000));
    }

    /** Reading the locked counter releases its lock: another thread can update it afterwards. */
    @Test
    void readingTheLockedCounterLeavesItsLockFree() throws Exception {
        var c = new LockCounter.LockedCounter();
        c.increment();
        assertEquals(1, c.value());
        assertFalse(c.lock().isLocked(), "value() released the lock");
        twoThreads(1, c::increment);
        assertEquals(3, c.value());
    }
}
