package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
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
}
