package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
