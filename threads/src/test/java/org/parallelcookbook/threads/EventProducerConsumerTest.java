package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;

@Timeout(60)
class EventProducerConsumerTest {

    @RepeatedTest(5)
    void everyItemIsConsumedOnceInOrderAndThePipelineEnds() throws Exception {
        var r = EventProducerConsumer.run(100, 11, Duration.ofSeconds(2), Sleeper.none(), Sleeper.none(), l -> { });
        assertEquals(100, r.produced().size());
        assertTrue(r.produced().stream().allMatch(x -> x >= 0 && x <= 256));
        assertEquals(r.produced(), r.consumed());
        assertTrue(r.wakeUps() >= 1, "wake-ups " + r.wakeUps()); // more when it polls while the flag is briefly up
    }

    @RepeatedTest(3)
    void aConsumerThatMissesTheSetThenClearStillGetsEverything() throws Exception {
        // the consumer's first "sleep" lasts until the producer has produced (and set/cleared) all 100:
        // every set-then-clear is missed, and the final set (not cleared) still delivers the lot
        var produced = new AtomicInteger();
        Sleeper producer = d -> produced.incrementAndGet();
        var first = new AtomicInteger();
        Sleeper consumer = d -> {
            if (first.getAndIncrement() == 0) {
                try {
                    Waits.until(() -> produced.get() == 100, "the producer is done");
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        var r = EventProducerConsumer.run(100, 5, Duration.ofSeconds(2), producer, consumer, l -> { });
        assertEquals(r.produced(), r.consumed());
        assertTrue(r.wakeUps() <= 2, "wake-ups " + r.wakeUps());
    }
    /**
     * Lockstep: the producer appends each item only once the consumer has handled the previous one
     * and is blocked in the event's wait. Then every set() wakes it (the producer waits in vain if one
     * does not), and the lines alternate, producer then consumer, each naming its thread.
     */
    @Test
    void aConsumerWaitingAtEachSetIsWokenForEveryItem() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        var handled = new AtomicInteger();
        var produced = new AtomicInteger();
        Sleeper producer = d -> {
            try {
                int before = produced.getAndIncrement();
                Waits.until(() -> handled.get() == before && consumerBlocked(), "the consumer waits for item " + (before + 1));
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(e);
            }
        };
        var r = EventProducerConsumer.run(20, 5, Duration.ofSeconds(2), producer, Sleeper.none(), line -> {
            lines.add(line);
            if (line.startsWith("Consumer notify")) {
                handled.incrementAndGet();
            }
        });
        assertEquals(r.produced(), r.consumed());
        // at least one wake-up per item (the consumer is blocked when each item is appended); the end
        // may come in the last item's batch (the producer appends it without waiting), and there are
        // more when the consumer, woken by set(), is back in its wait before the producer's clear()
        // (the flag still up: an empty batch)
        assertTrue(r.wakeUps() >= 20, "wake-ups " + r.wakeUps());
        List<String> expected = new java.util.ArrayList<>();
        for (int item : r.produced()) {
            expected.add("Producer notify : item " + item + " appended to list by producer");
            expected.add("Consumer notify : " + item + " popped from list by consumer");
        }
        assertEquals(expected, lines);
    }

    /**
     * The consumer waits on the event's condition: WAITING inside Condition.await, not merely parked
     * on the event's lock (which is WAITING too, and would let the producer's set-then-clear pass it by).
     */
    private static boolean consumerBlocked() {
        return Thread.getAllStackTraces().entrySet().stream()
                .anyMatch(e -> e.getKey().getName().equals("consumer") && e.getKey().getState() == Thread.State.WAITING
                        && java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().endsWith("$ConditionObject")
                                && f.getMethodName().startsWith("await")));
    }
}
