package org.parallelcookbook.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;

@Timeout(60)
class FlowBackpressureTest {

    @Test
    void everyItemOnceInOrderAndNeverMoreThanTheBatchOutstanding() {
        for (int batch : new int[] {1, 3, 4, 16}) {
            FlowBackpressure.Delivery d;
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                d = FlowBackpressure.run(1_000, batch, 8, Sleeper.none(), Duration.ZERO, executor);
            }
            assertEquals(IntStream.range(0, 1_000).boxed().toList(), d.received(), "batch " + batch);
            assertTrue(d.maxOutstanding() <= batch, "batch " + batch + ": outstanding " + d.maxOutstanding());
            assertEquals(batch, d.maxOutstanding(), "each request asks for exactly one batch");
            assertEquals(0, d.unrequested(), "the publisher never sends more than was requested");
            assertEquals(1_000 / batch + 1, d.requests(), "one request per batch, plus the one after the last");
        }
    }

    @Test
    void aStuckSubscriberBlocksTheProducerAtTheBufferCapacity() throws Exception {
        int capacity = 4;
        var release = new CountDownLatch(1);
        var submitted = new AtomicInteger();
        Sleeper stuck = d -> release.await(); // every item waits until the test releases the subscriber
        var result = new CompletableFuture<FlowBackpressure.Delivery>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Thread producer = Thread.ofPlatform().name("producer").start(() -> {
                try {
                    result.complete(FlowBackpressure.run(100, 2, capacity, stuck, Duration.ZERO, executor, submitted::set));
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
            try {
                // poll (no sleeping) until the producer is parked inside submit()
                while (!(producer.getState() == Thread.State.WAITING && submitted.get() >= capacity)) {
                    assertTrue(submitted.get() <= capacity + 1, "producer ran ahead: " + submitted.get());
                    Thread.onSpinWait();
                }
                assertTrue(submitted.get() <= capacity + 1,
                        "while the subscriber is stuck, at most one item in its hands plus a full buffer");
                assertTrue(submitted.get() < 100);
            } finally {
                release.countDown();
            }
            var d = result.get();
            assertEquals(IntStream.range(0, 100).boxed().toList(), d.received());
            assertEquals(0, d.unrequested());
            producer.join();
        }
    }

    @Test
    void theMeterCatchesAPublisherThatSendsAheadOfDemand() {
        // a subscriber that asks for one item, once; a publisher that ignores demand and pushes five:
        // the meter, which sits outside both, counts the four sent ahead of demand
        var received = new java.util.ArrayList<Integer>();
        var meter = new FlowBackpressure.DemandMeter<Integer>(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(1);
            }

            @Override
            public void onNext(Integer item) {
                received.add(item);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        Flow.Publisher<Integer> greedy = s -> {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            for (int i = 0; i < 5; i++) {
                s.onNext(i);
            }
            s.onComplete();
        };
        greedy.subscribe(meter);
        assertEquals(List.of(0, 1, 2, 3, 4), received);
        assertEquals(4, meter.aheadOfDemand());
        assertEquals(1, meter.maxOutstanding());
        assertEquals(1, meter.requests());
    }
}
