package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;
import org.parallelcookbook.threads.LockScopeWidth.Scope;

@Timeout(60)
class LockScopeWidthTest {

    @RepeatedTest(3)
    void withTheWideLockOnlyOneThreadSleepsAtATime() throws Exception {
        // each "sleep" lasts until every thread that has not slept yet is queued on the lock: the
        // contention is certain, so a lock that did not cover the sleep would let a second sleeper
        // in (the sleeper then stops waiting, and the maximum below exceeds 1)
        var lock = new ReentrantLock();
        var slept = new AtomicInteger();
        Sleeper untilTheOthersQueue = d -> {
            int before = slept.getAndIncrement();
            int othersToCome = 9 - before - 1;
            try {
                // stops early if another thread starts its sleep meanwhile (only a broken lock allows it)
                Waits.until(() -> lock.getQueueLength() >= othersToCome || slept.get() > before + 1,
                        Duration.ofSeconds(30), "the " + othersToCome + " other threads queue on the lock");
            } catch (TimeoutException e) {
                throw new IllegalStateException(e);
            }
        };
        var r = LockScopeWidth.run(Scope.WIDE, 9, 1, Duration.ofSeconds(1), untilTheOthersQueue, l -> { }, lock);
        assertEquals(1, r.maxConcurrentSleepers());
        assertEquals(9, slept.get());
        assertEquals(9, r.pids().size());
    }

    @Test
    void withTheNarrowLockAllNineSleepTogether() throws Exception {
        // the "sleep" is a barrier of nine: it can only open if all nine are inside it at once,
        // which the narrow lock allows and the wide one would forbid
        var allAsleep = new CyclicBarrier(9);
        Sleeper meetInside = d -> {
            try {
                allAsleep.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        var r = LockScopeWidth.run(Scope.NARROW, 9, 1, Duration.ofSeconds(1), meetInside, l -> { });
        assertEquals(9, r.maxConcurrentSleepers());
    }

    @Test
    void everyThreadReportsTheSameProcessId() throws Exception {
        var r = LockScopeWidth.run(Scope.NARROW, 9, 1, Duration.ZERO, Sleeper.none(), l -> { });
        assertEquals(9, r.pids().size());
        assertEquals(1, r.pids().stream().distinct().count());
        assertEquals(ProcessHandle.current().pid(), r.pids().getFirst());
    }
    /** What each thread prints: its start with this JVM's pid, and its end with the 1-10 units it slept. */
    @Test
    void eachThreadPrintsItsStartAndItsEnd() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        long pid = ProcessHandle.current().pid();
        LockScopeWidth.run(Scope.WIDE, 4, 1, Duration.ofMillis(10), Sleeper.none(), lines::add);
        assertEquals(8, lines.size(), lines::toString);
        for (int i = 1; i <= 4; i++) {
            String name = "Thread#" + i;
            assertTrue(lines.contains("running thread " + name + " in process " + pid), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.matches("thread " + name + " over after (10|20|30|40|50|60|70|80|90|100) ms")),
                    lines::toString);
        }
    }
}
