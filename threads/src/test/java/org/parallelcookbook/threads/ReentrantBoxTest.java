package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;

@Timeout(60)
class ReentrantBoxTest {

    @Test
    void addingAndRemovingFiveLeavesTheBoxEmptyAndTheLockIsTakenTwice() throws Exception {
        var r = ReentrantBox.run(5, Duration.ofSeconds(1), Sleeper.none(), line -> { });
        assertEquals(0, r.remaining());
        assertEquals(2, r.maxHoldCount(), "execute() runs with the lock held twice by the same thread");
    }

    @Test
    void theBoxLockIsFreeAfterwards() throws Exception {
        var box = new ReentrantBox.Box();
        box.add();
        box.remove();
        assertFalse(box.isLocked());
        assertEquals(0, box.total());
    }

    @Test
    void aSemaphoreUsedAsAMutexBlocksItsOwnThread() throws Exception {
        var box = new ReentrantBox.SemaphoreBox(Duration.ofMillis(100));
        assertFalse(box.add(), "the inner tryAcquire(100 ms) must fail: the only permit is held by this thread");
        assertEquals(1, box.availablePermits(), "the outer permit is given back");
        assertEquals(0, box.total());
        var r = ReentrantBox.run(1, Duration.ZERO, Sleeper.none(), line -> { });
        assertFalse(r.semaphoreInnerAcquired());
        assertTrue(r.semaphorePermitsAfter() == 1);
    }

    @Test
    void eachAddCountsOneUpAndEachRemoveOneDown() {
        var box = new ReentrantBox.Box();
        box.add();
        box.add();
        assertEquals(2, box.total());
        box.remove();
        assertEquals(1, box.total());
        assertEquals(2, box.maxHoldCount());
        assertFalse(box.isLocked());
    }

    @Test
    void theBoxIsLockedWhileAnotherThreadHoldsItsLock() throws Exception {
        var box = new ReentrantBox.Box();
        assertFalse(box.isLocked());
        var lockField = ReentrantBox.Box.class.getDeclaredField("lock");
        lockField.setAccessible(true);
        var lock = (java.util.concurrent.locks.ReentrantLock) lockField.get(box);
        lock.lock();
        try {
            assertTrue(box.isLocked());
        } finally {
            lock.unlock();
        }
    }

    @Test
    void runPrintsOneLinePerStepAndTheCountLeft() throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        List<Duration> pauses = Collections.synchronizedList(new java.util.ArrayList<>());
        var r = ReentrantBox.run(3, Duration.ofMillis(7), pauses::add, out::add);
        assertEquals(3, out.stream().filter("adding 1 item in the box"::equals).count());
        assertEquals(3, out.stream().filter("removing 1 item in the box"::equals).count());
        assertEquals(8, out.size());
        assertEquals("0 items still remain in the box", out.get(6));
        assertEquals("Semaphore(1) as the lock: inner acquire timed out after 100 ms"
                + " (the thread was waiting for a permit it holds itself: not reentrant)", out.get(7));
        assertEquals(List.of(Duration.ofMillis(7), Duration.ofMillis(7), Duration.ofMillis(7),
                Duration.ofMillis(7), Duration.ofMillis(7), Duration.ofMillis(7)), pauses,
                "each of the 3 adds and 3 removes is followed by the pause");
        assertEquals(new ReentrantBox.Result(0, 2, false, 1), r);
    }
}
