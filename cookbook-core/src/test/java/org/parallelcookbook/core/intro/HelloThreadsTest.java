package org.parallelcookbook.core.intro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;

class HelloThreadsTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void mainEndsWhileTheThreadIsStillAliveThenTheThreadPrintsTenMessages() throws Exception {
        var log = Collections.synchronizedList(new ArrayList<String>());
        var release = new CountDownLatch(1);
        var sleeps = new AtomicInteger();
        Sleeper counting = d -> sleeps.incrementAndGet();

        // the thread is held before its first line until the test releases it
        var launched = HelloThreads.launch(10, Duration.ofMillis(5), counting, false, line -> {
            if (line.equals(HelloThreads.THREAD_STARTING)) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            log.add(line);
        });
        try {
            assertEquals(List.of(HelloThreads.PROCESS_STARTED, HelloThreads.PROCESS_ENDED), List.copyOf(log),
                    "the launcher has returned and printed 'Process Ended'");
            assertTrue(launched.aliveWhenMainEnded());
            assertTrue(launched.thread().isAlive(), "the thread outlives the main code");
            assertFalse(launched.thread().isDaemon());
        } finally {
            release.countDown();
            launched.thread().join();
        }

        List<String> expected = new ArrayList<>(List.of(HelloThreads.PROCESS_STARTED, HelloThreads.PROCESS_ENDED,
                HelloThreads.THREAD_STARTING));
        expected.addAll(Collections.nCopies(10, HelloThreads.MESSAGE));
        expected.add(HelloThreads.THREAD_ENDED);
        assertEquals(expected, List.copyOf(log));
        assertEquals(10, sleeps.get(), "one pause after each message");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void daemonFlagIsApplied() throws Exception {
        var launched = HelloThreads.launch(2, Duration.ZERO, Sleeper.none(), true, line -> { });
        launched.thread().join();
        assertTrue(launched.thread().isDaemon());
    }
}
