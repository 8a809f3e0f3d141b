package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LockScopesTest {

    @Test
    void everyPrimitiveIsFreeAfterItsScopesAndEachLineNamesItsThread() throws Exception {
        var p = LockScopes.Primitives.create();
        List<String> printed = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> log = LockScopes.run(p, printed::add);
        assertTrue(p.allFree());
        assertEquals(log, printed, "what it prints is its log, line for line");
        assertEquals(9, log.size(), log::toString);
        for (String name : LockScopes.PRIMITIVES) {
            assertTrue(log.contains("(with-" + name + ") " + name + " acquired via try-with-resources"), log::toString);
            assertTrue(log.contains("(direct-" + name + ") " + name + " acquired directly"), log::toString);
        }
        assertTrue(log.contains("(with-synchronized) monitor acquired via synchronized (Java's own with)"));
    }

    @Test
    void scopesReleaseWhenTheBodyThrows() throws Exception {
        var p = LockScopes.Primitives.create();
        LockScopes.Body boom = what -> {
            throw new IllegalStateException("boom in " + what);
        };
        for (String name : LockScopes.PRIMITIVES) {
            assertThrows(IllegalStateException.class, () -> LockScopes.withScope(p, name, boom));
            assertTrue(p.allFree(), name + " after try-with-resources");
            assertThrows(IllegalStateException.class, () -> LockScopes.directScope(p, name, boom));
            assertTrue(p.allFree(), name + " after try/finally");
        }
        assertThrows(IllegalStateException.class, () -> LockScopes.withScope(p, "synchronized", boom));
        // the monitor is free: another thread can enter it
        Thread other = Thread.ofPlatform().start(() -> {
            synchronized (p.monitor()) {
                assertTrue(Thread.holdsLock(p.monitor()));
            }
        });
        Waits.join(other, Waits.HANG);
    }

    @Test
    void theHeldHandleReleasesExactlyOnce() throws Exception {
        var semaphore = new java.util.concurrent.Semaphore(1);
        var held = Locks.acquire(semaphore);
        assertEquals(0, semaphore.availablePermits());
        held.close();
        held.close();
        assertEquals(1, semaphore.availablePermits());
    }
    /** allFree() is false while any one primitive is held (the check above would pass with an allFree() that is always true). */
    @Test
    void allFreeSeesEachHeldPrimitive() throws Exception {
        var p = LockScopes.Primitives.create();
        for (var lock : List.of(p.lock(), p.rlock(), p.conditionLock())) {
            lock.lock();
            try {
                assertFalse(p.allFree());
            } finally {
                lock.unlock();
            }
        }
        p.semaphore().acquire();
        assertFalse(p.allFree());
        p.semaphore().release();
        assertTrue(p.allFree());
    }
}
