package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class LockOrderingDeadlockTest {

    @Test
    void theForcedDeadlockIsDetectedWithBothThreadIds() throws Exception {
        var report = LockOrderingDeadlock.forceDeadlock(Duration.ofSeconds(60));
        assertEquals(2, report.threadIds().size(), report::toString);
        // names and lock owners as the ThreadMXBean saw them: each thread waits for the other
        assertEquals(List.of("A-holds-R1-wants-R2", "B-holds-R2-wants-R1"), report.threadNames());
        assertEquals(List.of("B-holds-R2-wants-R1", "A-holds-R1-wants-R2"), report.waitsForOwner());
    }

    @Test
    void theDeadlockedThreadsAreGoneWhenTheDemonstrationReturns() throws Exception {
        // the demonstration breaks its own deadlock (interrupt) and waits for both threads (join):
        // a deadlock left behind would keep two threads blocked for the life of the JVM
        var report = LockOrderingDeadlock.forceDeadlock(Duration.ofSeconds(60));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (long id : report.threadIds()) {
            assertNull(mx.getThreadInfo(id), () -> "thread " + id + " still alive: " + mx.getThreadInfo(id));
        }
        long[] stillDeadlocked = mx.findDeadlockedThreads();
        assertNull(stillDeadlocked, "the JVM still reports deadlocked threads");
    }

    @Test
    void aGlobalLockOrderFinishes() throws Exception {
        assertEquals(List.of(10_000, 10_000), LockOrderingDeadlock.globalOrder(10_000));
    }

    @Test
    void tryLockWithBackoffFinishesAfterAtLeastOneRetry() throws Exception {
        var r = LockOrderingDeadlock.tryLockWithBackoff(1_000);
        assertEquals(List.of(1_000, 1_000), r.completed());
        // the first attempt was forced into the deadlock shape, so someone had to back off
        assertTrue(r.attempts() > 2_000, "attempts " + r.attempts());
    }
}
