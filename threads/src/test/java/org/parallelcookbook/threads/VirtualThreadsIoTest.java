package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;

@Timeout(120)
class VirtualThreadsIoTest {

    @Test
    void tenThousandBlockingTasksAllArriveOnVirtualThreads() throws Exception {
        var r = VirtualThreadsIo.virtual(10_000, Duration.ofMillis(1), Sleeper.real());
        assertEquals(10_000, r.tasks());
        assertEquals(49_995_000L, r.sum());
        assertTrue(r.allVirtual());
    }

    @Test
    void aFixedPoolNeverRunsMoreThanEightAtOnce() throws Exception {
        var r = VirtualThreadsIo.fixedPool(8, 2_000, Duration.ZERO, Sleeper.none());
        assertEquals(r.expectedSum(), r.sum());
        assertTrue(r.maxConcurrent() >= 1 && r.maxConcurrent() <= 8, "max concurrent " + r.maxConcurrent());
        assertFalse(r.allVirtual());
    }

    @Test
    void blockingInsideSynchronizedStillCompletes() throws Exception {
        var r = VirtualThreadsIo.pinningDemo(50, Duration.ofMillis(1));
        assertEquals(r.expectedSum(), r.sum());
        assertTrue(r.allVirtual());
    }
}
