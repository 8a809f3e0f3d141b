package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
}
