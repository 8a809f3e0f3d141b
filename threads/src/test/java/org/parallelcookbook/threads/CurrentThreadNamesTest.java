package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;

@Timeout(60)
class CurrentThreadNamesTest {

    @Test
    void namedThreadsKeepTheirNamesAndTheUnnamedOneGetsTheDefault() throws Exception {
        List<String> printed = new java.util.concurrent.CopyOnWriteArrayList<>();
        var r = CurrentThreadNames.run(Duration.ofSeconds(2), Sleeper.none(), printed::add);
        assertEquals(r.log(), printed, "what it prints is its log, line for line");
        assertEquals("first_function", r.names().get(0));
        assertEquals("second_function", r.names().get(1));
        assertTrue(r.names().get(2).matches("Thread-\\d+"), r.names().get(2));
    }

    @Test
    void eachThreadStartsBeforeItExitsAndAllStartBeforeAnyExits() throws Exception {
        for (int run = 0; run < 10; run++) {
            var r = CurrentThreadNames.run(Duration.ZERO, Sleeper.none(), line -> { });
            List<String> log = r.log();
            assertEquals(6, log.size());
            for (String name : r.names()) {
                int start = log.indexOf(name + " is Starting");
                int exit = log.indexOf(name + " is Exiting");
                assertTrue(start >= 0 && exit > start, log::toString);
            }
            // the latch forces the overlap: the first three lines are the three Starting lines
            assertTrue(log.subList(0, 3).stream().allMatch(l -> l.endsWith("is Starting")), log::toString);
        }
    }
}
