package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aBufferNeedsRoomForOneItem() {
        assertThrows(IllegalArgumentException.class, () -> new BoundedBuffer<Integer>(0));
        assertEquals(0, new BoundedBuffer<Integer>(1).size());
    }

    @Test
    void itemsLeaveInTheOrderTheyCameAndTheSizeIsCounted() throws Exception {
        var buffer = new BoundedBuffer<Integer>(3);
        buffer.put(1);
        buffer.put(2);
        buffer.put(3);
        assertEquals(3, buffer.size());
        assertEquals(3, buffer.maxSize());
        assertEquals(1, buffer.take());
        buffer.put(4);
        assertEquals(List.of(2, 3, 4), List.of(buffer.take(), buffer.take(), buffer.take()));
        assertEquals(0, buffer.size());
        assertEquals(3, buffer.maxSize(), "the most it ever held");
    }

    @RepeatedTest(2)
    void aTakerOnAnEmptyBufferWaitsSaysSoAndGetsTheNextPut() throws Exception {
        for (Guard guard : Guard.values()) {
            List<String> events = new CopyOnWriteArrayList<>();
            var buffer = new BoundedBuffer<Integer>(1, guard, false, events::add);
            var take = new FutureTask<>(buffer::take);
            Thread t = new Thread(take, "taker");
            t.start();
            try {
                Waits.until(() -> buffer.waitingTakers() == 1, "the taker waits on the empty buffer");
                assertEquals(List.of("Consumer: nothing to consume, waiting"), events, guard.name());
                assertEquals(0, buffer.waitingPutters());
                buffer.put(7);
                assertEquals(7, take.get(30, TimeUnit.SECONDS), guard.name());
                assertEquals(0, buffer.size());
            } finally {
                t.interrupt();
                Waits.join(t, Waits.HANG);
            }
        }
    }

    @RepeatedTest(2)
    void aPutterOnAFullBufferWaitsSaysSoAndPutsOnceThereIsRoom() throws Exception {
        for (Guard guard : Guard.values()) {
            List<String> events = new CopyOnWriteArrayList<>();
            var buffer = new BoundedBuffer<Integer>(2, guard, false, events::add);
            buffer.put(1);
            buffer.put(2);
            var put = new FutureTask<Void>(() -> {
                buffer.put(3);
                return null;
            });
            Thread t = new Thread(put, "putter");
            t.start();
            try {
                Waits.until(() -> buffer.waitingPutters() == 1, "the putter waits on the full buffer");
                assertEquals(List.of("Producer: 2 items queued, stop the production!!"), events, guard.name());
                assertEquals(0, buffer.waitingTakers());
                assertEquals(2, buffer.size(), "the waiting put has not added its item");
                assertEquals(1, buffer.take());
                put.get(30, TimeUnit.SECONDS);
                assertEquals(List.of(2, 3), List.of(buffer.take(), buffer.take()), guard.name());
                assertEquals(2, buffer.maxSize());
            } finally {
                t.interrupt();
                Waits.join(t, Waits.HANG);
            }
        }
    }

    @Test
    void runLogsEachPutAndTakeAndPausesBeforeEach() throws Exception {
        var buffer = new BoundedBuffer<Integer>(10);
        List<String> out = new CopyOnWriteArrayList<>();
        List<Duration> producerPauses = Collections.synchronizedList(new ArrayList<>());
        List<Duration> consumerPauses = Collections.synchronizedList(new ArrayList<>());
        var r = ConditionBoundedBuffer.run(buffer, 5, Duration.ofMillis(3), Duration.ofMillis(4),
                producerPauses::add, consumerPauses::add, out::add);
        assertEquals(Collections.nCopies(5, Duration.ofMillis(3)), producerPauses);
        assertEquals(Collections.nCopies(5, Duration.ofMillis(4)), consumerPauses);
        assertEquals(r.log(), out, "every line goes to the log and to out");
        assertEquals(10, r.log().size());
        for (int i = 1; i <= 5; i++) {
            String appended = "Producer: item " + i + " appended, ";
            assertEquals(1, r.log().stream().filter(l -> l.startsWith(appended) && l.endsWith(" in the buffer")).count(),
                    appended + " in " + r.log());
            assertTrue(r.log().contains("Consumer: item " + i + " consumed"), r.log().toString());
        }
        assertEquals(List.of(1, 2, 3, 4, 5), r.produced());
        assertEquals(List.of(1, 2, 3, 4, 5), r.consumed());
    }

    @Test
    void aProducerAloneFillsTheBufferOneByOne() throws Exception {
        // the consumer waits until all 3 are in: the log's counts are then 1, 2, 3
        var buffer = new BoundedBuffer<Integer>(3);
        Sleeper consumerWaits = d -> {
            try {
                Waits.until(() -> buffer.size() == 3 || buffer.maxSize() == 3, "the producer filled the buffer");
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(e);
            }
        };
        var r = ConditionBoundedBuffer.run(buffer, 3, Duration.ZERO, Duration.ZERO, Sleeper.none(), consumerWaits, l -> { });
        assertEquals(List.of("Producer: item 1 appended, 1 in the buffer", "Producer: item 2 appended, 2 in the buffer"),
                r.log().subList(0, 2));
        assertEquals(3, r.maxSize());
    }
}
