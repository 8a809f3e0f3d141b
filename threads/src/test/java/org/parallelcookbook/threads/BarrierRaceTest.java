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

    /** Huey's first run is interrupted from outside the recipe (his sleeper throws, as an interrupted sleep does). */
    private static Sleeper hueyInterrupted() {
        return d -> {
            if (Thread.currentThread().getName().equals("Huey")) {
                throw new InterruptedException("from outside the recipe");
            }
        };
    }

    @Test
    void anInterruptedRunnerBreaksTheBarrierInsteadOfLeavingTheOthersWaiting() throws Exception {
        var r = BarrierRace.race(2, 1, Duration.ofSeconds(1), hueyInterrupted(), l -> { });
        var events = r.events();
        assertTrue(events.contains("interrupted Huey"), events::toString);
        assertTrue(events.contains("broken Dewey") && events.contains("broken Louie"), events::toString);
        assertEquals(0, r.actionRuns(), events::toString);
    }

    @Test
    void anInterruptedRunnerLeavesThePhaserAndTheOtherTwoRaceOn() throws Exception {
        var r = BarrierRace.phaserRace(2, 1, Duration.ofSeconds(1), hueyInterrupted(), l -> { });
        var events = r.events();
        assertTrue(events.contains("interrupted Huey"), events::toString);
        for (String runner : List.of("Dewey", "Louie")) {
            assertTrue(events.contains("passed " + runner + " 1"), events::toString);
        }
        assertEquals(2, r.actionRuns(), events::toString);
    }
}
