package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;
import org.parallelcookbook.threads.ConditionBoundedBuffer.BoundedBuffer;
import org.parallelcookbook.threads.ConditionBoundedBuffer.Guard;

@Timeout(60)
class ConditionBoundedBufferTest {

    private static final List<Integer> ONE_TO_TWENTY = IntStream.rangeClosed(1, 20).boxed().toList();

    @Test
    void twentyDistinctItemsAreConsumedExactlyOnceAndTheBufferNeverExceedsTen() throws Exception {
        var buffer = new BoundedBuffer<Integer>(10);
        var r = ConditionBoundedBuffer.run(buffer, 20, Duration.ZERO, Duration.ZERO, Sleeper.none(), Sleeper.none(), l -> { });
        assertEquals(ONE_TO_TWENTY, r.produced());
        assertEquals(ONE_TO_TWENTY, r.consumed());
        assertEquals(20, new HashSet<>(r.consumed()).size());
        assertTrue(r.maxSize() <= 10, "max size " + r.maxSize());
    }

    @Test
    void aProducerFacingAFullBufferWaitsAtTen() throws Exception {
        var buffer = new BoundedBuffer<Integer>(10);
        var first = new AtomicBoolean(true);
        // the consumer takes nothing until the producer is blocked on the full buffer
        Sleeper consumerWaitsForFull = d -> {
            if (first.getAndSet(false)) {
                try {
                    Waits.until(() -> buffer.waitingPutters() == 1, "the producer waits on a full buffer");
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        var r = ConditionBoundedBuffer.run(buffer, 20, Duration.ZERO, Duration.ZERO, Sleeper.none(), consumerWaitsForFull,
                l -> { });
        assertEquals(10, r.maxSize());
        assertEquals(ONE_TO_TWENTY, r.consumed());
        assertTrue(r.log().stream().noneMatch(l -> l.contains("item 11 appended, 11")), "never 11 in the buffer");
    }

    @RepeatedTest(5)
    void withIfAStolenWakeUpFindsTheBufferEmpty() throws Exception {
        var s = ConditionBoundedBuffer.stolenWakeup(Guard.IF);
        assertEquals(1, s.thiefGot());
        assertTrue(s.firstConsumerFailed(), s::toString);
        assertEquals("woke to an empty buffer: NoSuchElementException", s.firstConsumerOutcome());
    }

    @RepeatedTest(5)
    void withWhileTheWokenConsumerWaitsAgainAndGetsTheNextItem() throws Exception {
        var s = ConditionBoundedBuffer.stolenWakeup(Guard.WHILE);
        assertEquals(1, s.thiefGot());
        assertFalse(s.firstConsumerFailed(), s::toString);
        assertEquals("got item 2", s.firstConsumerOutcome());
    }

    @Test
    void abcTurnTakingPrintsAbcTenTimes() throws Exception {
        assertEquals("ABC".repeat(10), AbcTurnTaking.run(10));
    }
}
