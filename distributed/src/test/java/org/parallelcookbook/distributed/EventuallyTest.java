package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EventuallyTest {

    /** A condition that holds only at its fourth look: the wait polls until then and returns. */
    @Test
    void pollsUntilTheConditionHolds() throws Exception {
        var looks = new AtomicInteger();
        Eventually.await(Duration.ofSeconds(30), () -> looks.incrementAndGet() >= 4, () -> "the fourth look");
        assertEquals(4, looks.get());
    }

    /** One that never holds: a TimeoutException that names what did not happen. */
    @Test
    void aConditionThatNeverHoldsEndsInATimeoutThatNamesIt() {
        var e = assertThrows(TimeoutException.class,
                () -> Eventually.await(Duration.ofMillis(50), () -> false, () -> "the impossible"));
        assertTrue(e.getMessage().startsWith("the impossible did not happen within 50 ms"), e.getMessage());
    }

    /** An interrupted waiter stops waiting (and the interrupt is consumed by the exception). */
    @Test
    void anInterruptEndsTheWait() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> Eventually.await(Duration.ofSeconds(30), () -> false, () -> "x"));
        } finally {
            Thread.interrupted();
        }
    }
}
