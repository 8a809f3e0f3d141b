package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;
import org.parallelcookbook.threads.QueueProducerConsumer.Pace;
import org.parallelcookbook.threads.QueueProducerConsumer.Stop;

@Timeout(60)
class QueueProducerConsumerTest {

    private static List<Integer> sorted(List<Integer> items) {
        var copy = new ArrayList<>(items);
        copy.sort(null);
        return copy;
    }

    @RepeatedTest(5)
    void poisonPillConsumersProcessEveryItemOnceAndAllTasksDoneComesLast() throws Exception {
        var r = QueueProducerConsumer.run(Stop.POISON_PILL, 10, 3, 99, new Pace.Sleep(Duration.ofSeconds(1), Sleeper.none()),
                l -> { });
        assertEquals(10, r.produced().size());
        assertEquals(sorted(r.produced()), sorted(r.consumed()), "consumed multiset = produced multiset");
        assertTrue(r.stranded().isEmpty());
        List<String> events = r.events();
        assertEquals("all tasks done", events.getLast());
        assertEquals(10, events.stream().filter(e -> e.startsWith("done ")).count());
    }

    @RepeatedTest(5)
    void poisonPillConsumersKeepWaitingForASlowProducer() throws Exception {
        var r = QueueProducerConsumer.run(Stop.POISON_PILL, 10, 3, 99, Pace.CAUGHT_UP, l -> { });
        assertEquals(sorted(r.produced()), sorted(r.consumed()));
        assertTrue(r.stranded().isEmpty());
        assertEquals("all tasks done", r.events().getLast());
    }

    @RepeatedTest(5)
    void isEmptyConsumersQuitOnASlowProducerAndStrandItsItems() throws Exception {
        var r = QueueProducerConsumer.run(Stop.WHEN_EMPTY, 10, 3, 99, Pace.CAUGHT_UP, l -> { });
        // every consumer finished (the run joined them) ...
        List<Integer> all = new ArrayList<>(r.consumed());
        all.addAll(r.stranded());
        assertEquals(sorted(r.produced()), sorted(all), "each item is consumed or stranded, once");
        // ... and after the first pause nobody was left: items 2..10 were never consumed
        assertEquals(r.produced().subList(1, 10), r.stranded().subList(r.stranded().size() - 9, r.stranded().size()));
        assertTrue(r.consumed().size() <= 1);
        assertTrue(r.events().stream().noneMatch("all tasks done"::equals));
    }
    /** What the recipe prints: one producer line and one consumer line per item, with its thread, and "all tasks done" last. */
    @org.junit.jupiter.api.Test
    void printsEveryHandOverWithItsThreadAndAllTasksDoneLast() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        var r = QueueProducerConsumer.run(Stop.POISON_PILL, 10, 3, 99, new Pace.Sleep(Duration.ofSeconds(1), Sleeper.none()),
                lines::add);
        String producer = Thread.currentThread().getName();
        List<String> produced = r.produced().stream()
                .map(i -> "Producer notify : item " + i + " appended to queue by " + producer).toList();
        assertEquals(produced, lines.stream().filter(l -> l.startsWith("Producer notify")).toList(), "in production order");
        List<String> consumed = new ArrayList<>();
        r.consumedBy().forEach((thread, items) -> items.forEach(i -> consumed.add("Consumer notify : " + i + " popped from queue by " + thread)));
        List<String> printedConsumed = new ArrayList<>(lines.stream().filter(l -> l.startsWith("Consumer notify")).toList());
        consumed.sort(null);
        printedConsumed.sort(null);
        assertEquals(consumed, printedConsumed);
        assertEquals("all tasks done", lines.get(lines.size() - 1));
        assertEquals(21, lines.size(), lines::toString);
    }
}
