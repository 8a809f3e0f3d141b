package org.parallelcookbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;

@Timeout(60)
class BarrierRaceTest {

    /** In race r: every "reached" comes before the START, and the START before every "passed". */
    private static void assertBarrierOrder(List<String> events, int races) {
        for (int r = 0; r < races; r++) {
            int start = events.indexOf("START " + r);
            assertTrue(start >= 0, events::toString);
            for (String runner : BarrierRace.RUNNERS) {
                int reached = events.indexOf("reached " + runner + " " + r);
                int passed = events.indexOf("passed " + runner + " " + r);
                assertTrue(reached >= 0 && reached < start, events::toString);
                assertTrue(passed > start, events::toString);
            }
        }
    }

    @RepeatedTest(5)
    void noRunnerPassesBeforeAllThreeArriveAndTheActionRunsOncePerGeneration() throws Exception {
        var r = BarrierRace.race(2, 1, Duration.ofSeconds(1), Sleeper.none(), l -> { });
        assertEquals(2, r.actionRuns());
        assertEquals(2, r.events().stream().filter(e -> e.startsWith("START ")).count());
        assertBarrierOrder(r.events(), 2);
    }

    @RepeatedTest(3)
    void thePhaserGivesTheSameGuarantee() throws Exception {
        var r = BarrierRace.phaserRace(2, 1, Duration.ofSeconds(1), Sleeper.none(), l -> { });
        assertEquals(2, r.actionRuns());
        assertBarrierOrder(r.events(), 2);
    }

    @Test
    void oneRunnerTimingOutBreaksTheBarrierForTheOthers() throws Exception {
        Map<String, String> outcomes = BarrierRace.brokenByTimeout(Duration.ofMillis(50));
        assertEquals("TimeoutException", outcomes.get("Huey"));
        assertEquals("BrokenBarrierException", outcomes.get("Dewey"));
        assertEquals("true", outcomes.get("barrier broken"));
    }
}
