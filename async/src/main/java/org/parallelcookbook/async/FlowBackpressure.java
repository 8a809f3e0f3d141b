package org.parallelcookbook.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.core.measure.Sleeper;

/**
 * <b>Reactive streams with {@code java.util.concurrent.Flow}</b> (extra, with chapter 4): the
 * producer/consumer of chapter 2 with flow control.
 *
 * <p>A fast producer and a slow consumer need a rule for who waits. A queue bounded by capacity is
 * one rule (chapter 2); reactive streams make the rule explicit: the subscriber asks for
 * {@code n} items with {@code Subscription.request(n)} and the publisher may send no more than that
 * ("backpressure"). asyncio's nearest relatives are a bounded {@code asyncio.Queue} and the
 * {@code drain()} of its streams.
 *
 * <p>Here a {@link SubmissionPublisher} with a small buffer publishes 0..items-1. The subscriber
 * requests {@code batch} items, handles each slowly (an injectable {@link Sleeper}), and requests
 * the next batch only when the current one is done. A meter between the two counts, on the
 * publisher's side, how many items were outstanding (requested, not yet delivered) and whether any
 * was delivered ahead of demand. Meanwhile
 * {@code submit} blocks the producer whenever the publisher's buffer is full: the slow consumer
 * throttles the fast producer, end to end, and no queue grows without bound.
 *
 * <p>Run: {@code ./cookbook run x.flow-backpressure [--items 50] [--batch 4] [--work-ms 5]}.
 */
@Recipe(id = "x.flow-backpressure", chapter = 4, title = "Reactive streams with java.util.concurrent.Flow",
        extra = true, tourArgs = {"--items", "40", "--work-ms", "1"})
public final class FlowBackpressure {

    private FlowBackpressure() {
    }

    /**
     * What happened: the items in the subscriber's arrival order and, counted by a {@link DemandMeter}
     * on the publisher's side of the subscription, the most items ever outstanding (demanded, not yet
     * delivered), how many were delivered ahead of demand (must be 0), how many request calls
     * reached the publisher; and the publisher's buffer capacity.
     */
    public record Delivery(List<Integer> received, int maxOutstanding, int unrequested, int requests, int bufferCapacity) {
        public Delivery {
            received = List.copyOf(received);
        }
    }

    /**
     * Sits between the publisher and the subscriber and counts, on the publisher's side of the
     * subscription, what was demanded ({@code request(n)} as it reaches the publisher) and what was
     * delivered ({@code onNext} as it leaves the publisher). It knows nothing of the subscriber's own
     * bookkeeping, so it can catch a publisher that sends ahead of demand, or a subscriber that asks
     * for more than it says.
     */
    static final class DemandMeter<T> implements Flow.Subscriber<T> {
        private final Flow.Subscriber<? super T> downstream;
        private final AtomicLong requested = new AtomicLong();
        private final AtomicLong delivered = new AtomicLong();
        private final AtomicLong maxOutstanding = new AtomicLong();
        private final AtomicInteger aheadOfDemand = new AtomicInteger();
        private final AtomicInteger requests = new AtomicInteger();

        DemandMeter(Flow.Subscriber<? super T> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription upstream) {
            downstream.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    requests.incrementAndGet();
                    long demand = requested.addAndGet(n);
                    maxOutstanding.accumulateAndGet(demand - delivered.get(), Math::max);
                    upstream.request(n);
                }

                @Override
                public void cancel() {
                    upstream.cancel();
                }
            });
        }

        @Override
        public void onNext(T item) {
            if (delivered.incrementAndGet() > requested.get()) {
                aheadOfDemand.incrementAndGet(); // the publisher sent an item nobody had asked for
            }
            downstream.onNext(item);
        }

        @Override
        public void onError(Throwable t) {
            downstream.onError(t);
        }

        @Override
        public void onComplete() {
            downstream.onComplete();
        }

        /** The most items demanded and not yet delivered at any moment. */
        long maxOutstanding() {
            return maxOutstanding.get();
        }

        /** Items delivered while the total delivered exceeded the total demanded. */
        int aheadOfDemand() {
            return aheadOfDemand.get();
        }

        /** {@code request} calls that reached the publisher. */
        int requests() {
            return requests.get();
        }
    }

    /** A subscriber that asks for {@code batch} items at a time and works slowly on each. */
    static final class BatchingSubscriber implements Flow.Subscriber<Integer> {
        private final int batch;
        private final Sleeper sleeper;
        private final Duration work;
        final List<Integer> received = new ArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private int leftInBatch;

        BatchingSubscriber(int batch, Sleeper sleeper, Duration work) {
            this.batch = batch;
            this.sleeper = sleeper;
            this.work = work;
        }

        // The Flow contract: onSubscribe/onNext/onComplete are signalled one at a time, with
        // happens-before between them, so plain fields are safe here.
        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            requestBatch();
        }

        private void requestBatch() {
            leftInBatch = batch;
            subscription.request(batch);
        }

        @Override
        public void onNext(Integer item) {
            received.add(item);
            try {
                sleeper.sleep(work); // the slow consumer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                subscription.cancel();
                done.completeExceptionally(e);
                return;
            }
            if (--leftInBatch == 0) {
                requestBatch();
            }
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }

    /** Publishes 0..items-1 through a publisher with {@code bufferCapacity} slots to one batching subscriber. */
    public static Delivery run(int items, int batch, int bufferCapacity, Sleeper sleeper, Duration work, Executor executor) {
        return run(items, batch, bufferCapacity, sleeper, work, executor, n -> { });
    }

    /** As above; {@code submitted} hears the producer's progress (items submitted so far) after every submit. */
    public static Delivery run(int items, int batch, int bufferCapacity, Sleeper sleeper, Duration work, Executor executor,
                               IntConsumer submitted) {
        var subscriber = new BatchingSubscriber(batch, sleeper, work);
        var meter = new DemandMeter<Integer>(subscriber);
        int capacity;
        try (var publisher = new SubmissionPublisher<Integer>(executor, bufferCapacity)) {
            capacity = publisher.getMaxBufferCapacity();
            publisher.subscribe(meter);
            for (int i = 0; i < items; i++) {
                publisher.submit(i); // blocks while the subscriber's buffer is full: backpressure
                submitted.accept(i + 1);
            }
        } // close(): onComplete after the buffered items are delivered
        subscriber.done.join();
        return new Delivery(subscriber.received, (int) meter.maxOutstanding(), meter.aheadOfDemand(),
                meter.requests(), capacity);
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(FlowBackpressure.class)
                .intOption("--items", 50, 0, Integer.MAX_VALUE, "items the publisher offers")
                .intOption("--batch", 4, 1, Integer.MAX_VALUE, "items the subscriber requests at a time")
                .intOption("--work-ms", 5, 0, Integer.MAX_VALUE, "time the subscriber spends on each item, in ms");
        RecipeMain.run(args, options, opt -> {
            int items = opt.intValue("--items");
            int batch = opt.intValue("--batch");
            int workMs = opt.intValue("--work-ms");
            if (items > 1_000_000 || batch > 1_000_000 || workMs > 10_000) {
                throw new UsageException("--items and --batch at most 1000000, --work-ms at most 10000");
            }
            Delivery d;
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                d = run(items, batch, 8, Sleeper.real(), Duration.ofMillis(workMs), executor);
            }
            System.out.println("received " + d.received().size() + " items in order: " + d.received());
            System.out.println("request(" + batch + ") calls: " + d.requests() + "; most items outstanding at once: "
                    + d.maxOutstanding() + "; unrequested deliveries: " + d.unrequested()
                    + "; publisher buffer: " + d.bufferCapacity() + " items");
        });
    }
}
