package org.parallelcookbook.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;

@Timeout(120)
class ManyWaitingTasksTest {

    private static final int TASKS = 10_000;
    private static final long SUM = (long) TASKS * (TASKS - 1) / 2;
    private static final Duration WAIT = Duration.ofMillis(10);

    @Test
    void virtualThreadsLetAllTenThousandWaitAtOnce() throws Exception {
        // the "wait" does not end until every task has started waiting: only possible if all wait at once
        var allWaiting = new CountDownLatch(TASKS);
        Sleeper rendezvous = d -> {
            allWaiting.countDown();
            allWaiting.await();
        };
        var r = ManyWaitingTasks.virtualThreads(TASKS, WAIT, rendezvous);
        assertTrue(r.exactlyOnce());
        assertEquals(SUM, r.sum());
        assertEquals(TASKS, r.maxInFlight());
    }

    @Test
    void eventLoopParksEveryTaskOnATimerAndFinishesAfterExactlyOneWait() throws Exception {
        try (var loop = SimpleEventLoop.virtualTime()) {
            var r = ManyWaitingTasks.eventLoop(TASKS, WAIT, loop);
            assertTrue(r.exactlyOnce());
            assertEquals(SUM, r.sum());
            assertEquals(TASKS, r.maxInFlight(), "all tasks were parked on timers at once");
            assertEquals(0.010, r.seconds(), 0.0, "virtual time: the whole run took exactly one 10 ms wait");
        }
    }

    @Test
    void fixedPoolNeverRunsMoreThanEightAtOnce() throws Exception {
        // eight tasks meet at a barrier in each "wait": proves 8 run together; the count proves never 9
        var barrier = new CyclicBarrier(8);
        Sleeper meetEight = d -> {
            try {
                barrier.await();
            } catch (java.util.concurrent.BrokenBarrierException e) {
                throw new IllegalStateException(e);
            }
        };
        var r = ManyWaitingTasks.fixedPool(TASKS, 8, WAIT, meetEight);
        assertTrue(r.exactlyOnce());
        assertEquals(SUM, r.sum());
        assertEquals(8, r.maxInFlight());
    }
}
