package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ConcurrencyToolkitTourTest {

    @RepeatedTest(3)
    void everyHandshakeCompletesAndLeavesItsPrimitiveReleased() throws Exception {
        var rows = ConcurrencyToolkitTour.run();
        assertEquals(List.of("Thread", "Lock", "RLock", "Semaphore", "Condition", "Event"),
                rows.stream().map(ConcurrencyToolkitTour.Handshake::python).toList());
        for (var row : rows) {
            assertTrue(row.released(), row::toString);
        }
        assertTrue(rows.get(1).what().endsWith("true"), rows.get(1)::toString);
        assertTrue(rows.get(2).what().endsWith("hold count 2"), rows.get(2)::toString);
        assertTrue(rows.get(3).what().endsWith("true"), rows.get(3)::toString);
    }
}
