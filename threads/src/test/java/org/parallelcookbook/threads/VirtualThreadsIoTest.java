package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
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

    /** Monitors the calling platform thread holds (the JMX view; it does not cover virtual threads). */
    private static int monitorsHeld() {
        var info = ManagementFactory.getThreadMXBean()
                .getThreadInfo(new long[] {Thread.currentThread().threadId()}, true, false)[0];
        return info.getLockedMonitors().length;
    }

    @Test
    void theRunnerBlocksInsideAMonitorOnlyWhenAsked() throws Exception {
        for (boolean inSynchronized : new boolean[] {false, true}) {
            List<Integer> held = new CopyOnWriteArrayList<>();
            List<Duration> blocks = new CopyOnWriteArrayList<>();
            Sleeper probe = d -> {
                blocks.add(d);
                held.add(monitorsHeld());
            };
            var r = VirtualThreadsIo.run("probe", Executors.newFixedThreadPool(2), 6, Duration.ofMillis(3), probe,
                    inSynchronized);
            assertEquals(6, held.size(), "each task blocked once");
            assertEquals(List.of(Duration.ofMillis(3)), blocks.stream().distinct().toList());
            assertTrue(held.stream().allMatch(n -> n == (inSynchronized ? 1 : 0)), inSynchronized + ": " + held);
            assertEquals("probe", r.executor());
            assertEquals(6, r.tasks());
            assertEquals(15, r.sum());
            assertEquals(15, r.expectedSum());
            assertTrue(r.exactlyOnce());
            assertFalse(r.allVirtual());
        }
    }

    @Test
    void oneThreadRunsOneTaskAtATime() throws Exception {
        var r = VirtualThreadsIo.run("one", Executors.newSingleThreadExecutor(), 20, Duration.ZERO, Sleeper.none(), false);
        assertEquals(1, r.maxConcurrent());
        assertEquals(190, r.sum());
        assertTrue(r.exactlyOnce());
    }

    @Test
    void eachStudyNamesItsExecutor() throws Exception {
        assertEquals("virtual thread per task", VirtualThreadsIo.virtual(3, Duration.ZERO, Sleeper.none()).executor());
        assertEquals("fixed pool of 3", VirtualThreadsIo.fixedPool(3, 3, Duration.ZERO, Sleeper.none()).executor());
        var pinned = VirtualThreadsIo.pinningDemo(2, Duration.ZERO);
        assertEquals("virtual, blocking in synchronized", pinned.executor());
        assertEquals(2, pinned.tasks());
        assertEquals(1, pinned.sum());
    }

    @Test
    void theExpectedSumIsZeroToNMinusOne() {
        assertEquals(0, new VirtualThreadsIo.Run("x", 1, 0, true, true, 1, 0).expectedSum());
        assertEquals(49_995_000L, new VirtualThreadsIo.Run("x", 10_000, 0, true, true, 1, 0).expectedSum());
        assertEquals(4_999_999_950_000_000L, new VirtualThreadsIo.Run("x", 100_000_000, 0, true, true, 1, 0).expectedSum(),
                "computed in long, without int overflow");
    }

    /** An executor that runs every task twice (a retry gone wrong); its futures hold the second result. */
    private static final class RunsEachTaskTwice extends java.util.concurrent.AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public <T> java.util.concurrent.Future<T> submit(java.util.concurrent.Callable<T> task) {
            try {
                task.call();
                return java.util.concurrent.CompletableFuture.completedFuture(task.call());
            } catch (Exception e) {
                return java.util.concurrent.CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public void execute(Runnable command) {
            command.run();
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shutdown;
        }
    }

    @Test
    void aTaskThatRanTwiceIsNotExactlyOnceEvenWhenTheSumIsRight() throws Exception {
        var r = VirtualThreadsIo.run("twice", new RunsEachTaskTwice(), 5, Duration.ZERO, Sleeper.none(), false);
        assertEquals(r.expectedSum(), r.sum(), "each future holds its index once");
        assertFalse(r.exactlyOnce(), "but every task ran twice");
    }
}
