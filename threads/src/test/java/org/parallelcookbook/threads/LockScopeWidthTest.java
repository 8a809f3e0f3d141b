package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;
import org.parallelcookbook.threads.LockScopeWidth.Scope;

@Timeout(60)
class LockScopeWidthTest {

    @RepeatedTest(3)
    void withTheWideLockOnlyOneThreadSleepsAtATime() throws Exception {
        var r = LockScopeWidth.run(Scope.WIDE, 9, 1, Duration.ofSeconds(1), Sleeper.none(), l -> { });
        assertEquals(1, r.maxConcurrentSleepers());
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
}
