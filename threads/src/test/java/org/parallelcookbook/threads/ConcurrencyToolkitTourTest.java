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
        assertEquals(List.of("helper ran: true, joined",
                        "helper blocked while main held it, then got it: true",
                        "helper took it twice, hold count 2",
                        "helper waited for the permit, then got it: true",
                        "helper awaited, main set the state and signalled",
                        "helper waited until main set it"),
                rows.stream().map(ConcurrencyToolkitTour.Handshake::what).toList());
    }
}
