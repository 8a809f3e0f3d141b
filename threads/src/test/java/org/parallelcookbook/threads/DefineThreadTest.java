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
        List<Integer> order = new ArrayList<>(DefineThread.startAllThenJoinAll(5, line -> { }));
        assertEquals(5, order.size());
        order.sort(null);
        assertEquals(List.of(0, 1, 2, 3, 4), order); // order of calls not asserted, only each once
    }
}
