package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.UsageException;

/** The polling helper the recipes use to force an interleaving, and its option parsers. */
@Timeout(60)
class WaitsTest {

    @Test
    void untilReturnsAsSoonAsTheConditionHolds() throws Exception {
        var polls = new AtomicInteger();
        Waits.until(() -> polls.incrementAndGet() > 0, "at once");
        assertEquals(1, polls.get(), "a condition that holds is checked once");
        // past the 100 busy spins, into the parking phase
        var more = new AtomicInteger();
        Waits.until(() -> more.incrementAndGet() >= 250, Duration.ofSeconds(30), "the 250th poll");
        assertEquals(250, more.get());
    }

    @Test
    void aConditionThatNeverHoldsEndsInATimeoutThatNamesIt() {
        var e = assertThrows(TimeoutException.class, () -> Waits.until(() -> false, Duration.ofMillis(20), "never"));
        assertEquals("gave up after 20 ms waiting until never", e.getMessage());
    }

    @Test
    void anInterruptEndsTheWaitAndIsConsumedByTheException() {
        Thread.currentThread().interrupt();
        var e = assertThrows(InterruptedException.class, () -> Waits.until(() -> false, "the interrupt"));
        assertEquals("interrupted while waiting until the interrupt", e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void joinWaitsForTheThreadOrNamesItAfterTheTimeout() throws Exception {
        var release = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "held");
        t.start();
        try {
            var e = assertThrows(TimeoutException.class, () -> Waits.join(t, Duration.ofMillis(20)));
            assertEquals("held still running after 20 ms", e.getMessage());
        } finally {
            release.countDown();
        }
        Waits.join(t, Waits.HANG);
        assertFalse(t.isAlive());
    }

    @Test
    void longOptionParsesAWholeNumberOrRefusesWithItsName() {
        assertEquals(5, Waits.longOption(new String[0], "--seed", 5));
        assertEquals(42, Waits.longOption(new String[] {"--seed", " 42 "}, "--seed", 5));
        assertEquals(-3, Waits.longOption(new String[] {"--seed=-3"}, "--seed", 5));
        var e = assertThrows(UsageException.class, () -> Waits.longOption(new String[] {"--seed", "x"}, "--seed", 5));
        assertEquals("--seed takes a whole number, got 'x'", e.getMessage());
    }

    @Test
    void millisOptionTakesZeroOrMoreMilliseconds() {
        assertEquals(Duration.ofMillis(250), Waits.millisOption(new String[0], "--pause-ms", 250));
        assertEquals(Duration.ofMillis(7), Waits.millisOption(new String[] {"--pause-ms", "7"}, "--pause-ms", 250));
        assertEquals(Duration.ZERO, Waits.millisOption(new String[] {"--pause-ms", "0"}, "--pause-ms", 250));
        for (String bad : new String[] {"-1", "soon"}) {
            var e = assertThrows(UsageException.class,
                    () -> Waits.millisOption(new String[] {"--pause-ms", bad}, "--pause-ms", 250));
            assertEquals("--pause-ms takes milliseconds, 0 or more, got '" + bad + "'", e.getMessage());
        }
        assertTrue(Waits.HANG.compareTo(Duration.ofSeconds(1)) > 0);
    }
}
