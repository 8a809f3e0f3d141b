package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DefineThreadTest {

    @Test
    void startAndJoinEachRunsTheThreadsInOrder() throws Exception {
        var lines = new ConcurrentLinkedQueue<String>();
        assertEquals(List.of(0, 1, 2, 3, 4), DefineThread.startAndJoinEach(5, lines::add));
        assertEquals(List.of("function called by thread 0", "function called by thread 1", "function called by thread 2",
                "function called by thread 3", "function called by thread 4"), List.copyOf(lines));
    }

    @Test
    void startAllThenJoinAllCallsEachThreadExactlyOnce() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Integer> order = new ArrayList<>(DefineThread.startAllThenJoinAll(5, lines::add));
        assertEquals(5, order.size());
        order.sort(null);
        assertEquals(List.of(0, 1, 2, 3, 4), order); // order of calls not asserted, only each once
        List<String> printed = new ArrayList<>(lines);
        printed.sort(null);
        assertEquals(List.of("function called by thread 0", "function called by thread 1", "function called by thread 2",
                "function called by thread 3", "function called by thread 4"), printed, "each thread printed its line");
    }

    /** Both variants, each under its heading. */
    @Test
    void runPrintsBothVariantsUnderTheirHeadings() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        var r = DefineThread.run(3, lines::add);
        assertEquals(List.of(0, 1, 2), r.sequential());
        assertEquals(3, r.concurrent().size());
        assertEquals(8, lines.size(), lines::toString);
        assertEquals("-- start and join each (the book's loop) --", lines.get(0));
        assertEquals("-- start all, then join all --", lines.get(4));
    }
}
