package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;

@Timeout(60)
class SemaphoreProducerConsumerTest {

    @Test
    void eachRoundConsumesWhatWasProducedAfterItWasProducedWhileTheConsumerWaited() throws Exception {
        var recipe = new AtomicReference<SemaphoreProducerConsumer>();
        // the producer's "sleep": wait until the consumer is blocked in acquire()
        Sleeper untilConsumerWaits = d -> {
            try {
                Waits.until(() -> recipe.get().consumerWaiting(), "the consumer blocks in acquire()");
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(e);
            }
        };
        List<String> printed = new java.util.concurrent.CopyOnWriteArrayList<>();
        recipe.set(new SemaphoreProducerConsumer(7, Duration.ofSeconds(10), untilConsumerWaits, printed::add));
        var r = recipe.get().run(5);
        assertEquals(r.log(), printed, "what it prints is its log, line for line");
        // the items are the seed's draws, one per round, as a fresh generator with the same seed makes them
        var reference = new SplittableRandom(7);
        var expectedLog = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            int item = reference.nextInt(1001);
            var round = r.rounds().get(i);
            assertEquals(item, round.produced(), "round " + i);
            assertEquals(item, round.consumed(), "round " + i);
            assertEquals(Thread.State.WAITING, round.consumerStateAtRelease(), "round " + i);
            // each round in order: the consumer waits, then the item is produced, then consumed
            expectedLog.add("consumer is waiting.");
            expectedLog.add("producer notify : produced item number " + item);
            expectedLog.add("consumer notify : consumed item number " + item);
        }
        expectedLog.add("program terminated");
        assertEquals(5, r.rounds().size());
        // the whole log, line by line: a position search (indexOf) would match an earlier round's
        // line whenever two rounds draw the same item
        assertEquals(expectedLog, r.log());
    }
}
