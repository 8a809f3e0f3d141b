package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Python's {@code with lock:} as try-with-resources: the handle holds the lock (or permit) until it is closed, once. */
@Timeout(30)
class LocksTest {

    @Test
    void aHeldLockIsHeldInsideTheBlockAndFreeAfterIt() {
        var lock = new ReentrantLock();
        try (var held = Locks.hold(lock)) {
            assertTrue(lock.isHeldByCurrentThread(), "hold() locked it");
            assertEquals(1, lock.getHoldCount());
            held.close();
            held.close(); // a second close gives nothing back twice
            assertFalse(lock.isLocked());
        }
        assertFalse(lock.isLocked(), "and the block's own close() did not unlock it again (that would throw)");
    }

    @Test
    void anAcquiredPermitIsReturnedOnce() throws Exception {
        var semaphore = new Semaphore(1);
        try (var held = Locks.acquire(semaphore)) {
            assertEquals(0, semaphore.availablePermits());
            held.close();
        }
        assertEquals(1, semaphore.availablePermits(), "one permit back, not two");
    }
}
