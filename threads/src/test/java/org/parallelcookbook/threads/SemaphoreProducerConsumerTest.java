package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
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
        recipe.set(new SemaphoreProducerConsumer(7, Duration.ofSeconds(10), untilConsumerWaits, line -> { }));
        var r = recipe.get().run(5);
        assertEquals(5, r.rounds().size());
        for (var round : r.rounds()) {
            assertEquals(round.produced(), round.consumed());
            assertTrue(round.produced() >= 0 && round.produced() <= 1000);
            assertEquals(Thread.State.WAITING, round.consumerStateAtRelease());
        }
        List<String> log = r.log();
        for (var round : r.rounds()) {
            int produced = log.indexOf("producer notify : produced item number " + round.produced());
            int consumed = log.indexOf("consumer notify : consumed item number " + round.consumed());
            assertTrue(produced >= 0 && consumed > produced, log::toString);
        }
        assertEquals(5, log.stream().filter("consumer is waiting."::equals).count());
        assertEquals("program terminated", log.getLast());
    }
}
