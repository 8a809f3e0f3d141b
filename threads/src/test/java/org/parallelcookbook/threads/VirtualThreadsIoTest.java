package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;

@Timeout(120)
class VirtualThreadsIoTest {

    @Test
    void tenThousandBlockingTasksAllWaitAtOnceOnVirtualThreads() throws Exception {
        // the "block" does not end until every task has started blocking: the latch opens only if
        // all 10,000 really wait at the same time, which a pool of platform threads could not do
        var allBlocked = new CountDownLatch(10_000);
        Sleeper rendezvous = d -> {
            allBlocked.countDown();
            if (!allBlocked.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(allBlocked.getCount() + " tasks never got to block");
            }
        };
        var r = VirtualThreadsIo.virtual(10_000, Duration.ofMillis(10), rendezvous);
        assertEquals(10_000, r.tasks());
        assertEquals(49_995_000L, r.sum());
        assertTrue(r.exactlyOnce());
        assertTrue(r.allVirtual());
        assertEquals(10_000, r.maxConcurrent());
    }

    @Test
    void aFixedPoolRunsEightAtOnceAndNeverNine() throws Exception {
        // eight tasks meet at a barrier in each "block": that proves 8 ran together; the count proves never 9
        var barrier = new CyclicBarrier(8);
        Sleeper meetEight = d -> {
            try {
                barrier.await(30, TimeUnit.SECONDS);
            } catch (BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException(e);
            }
        };
        var r = VirtualThreadsIo.fixedPool(8, 2_000, Duration.ofMillis(10), meetEight);
        assertEquals(r.expectedSum(), r.sum());
        assertTrue(r.exactlyOnce());
        assertEquals(8, r.maxConcurrent());
        assertFalse(r.allVirtual());
    }

    @Test
    void blockingInsideSynchronizedStillCompletes() throws Exception {
        var r = VirtualThreadsIo.pinningDemo(50, Duration.ofMillis(1));
        assertEquals(r.expectedSum(), r.sum());
        assertTrue(r.exactlyOnce());
        assertTrue(r.allVirtual());
    }
}
