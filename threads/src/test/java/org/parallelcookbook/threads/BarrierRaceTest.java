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
    /** What the recipe prints: each arrival with its time, the signal once per race, "Race over!" last. */
    @Test
    void printsEachArrivalTheSignalPerRaceAndRaceOverLast() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        BarrierRace.race(2, 1, Duration.ofSeconds(1), Sleeper.none(), lines::add);
        assertEquals(2, lines.stream().filter("START RACE!!!!"::equals).count(), lines::toString);
        for (String runner : BarrierRace.RUNNERS) {
            assertEquals(2, lines.stream().filter(l -> l.matches(runner + " reached the barrier at: \\d\\d:\\d\\d:\\d\\d\\.\\d{3}")).count(),
                    lines::toString);
        }
        assertEquals(9, lines.size(), lines::toString);
        assertEquals("Race over!", lines.get(lines.size() - 1));

        List<String> phaser = new java.util.concurrent.CopyOnWriteArrayList<>();
        BarrierRace.phaserRace(2, 1, Duration.ofSeconds(1), Sleeper.none(), phaser::add);
        assertTrue(phaser.contains("START RACE!!!! (phase 0)") && phaser.contains("START RACE!!!! (phase 1)"), phaser::toString);
        assertTrue(phaser.stream().anyMatch(l -> l.startsWith("Huey reached the phaser at: ")), phaser::toString);
    }

    /** Each runner takes 2-4 units to reach the line, every race (the book's randrange(2, 5)). */
    @Test
    void everyRunTakesTwoToFourUnits() throws Exception {
        List<Duration> sleeps = new java.util.concurrent.CopyOnWriteArrayList<>();
        BarrierRace.race(5, 7, Duration.ofMillis(10), sleeps::add, l -> { });
        assertEquals(15, sleeps.size());
        assertTrue(sleeps.stream().allMatch(d -> d.toMillis() >= 20 && d.toMillis() <= 40), sleeps::toString);
        assertTrue(sleeps.stream().distinct().count() > 1, "random, not one fixed time: " + sleeps);
    }

    /** The caller interrupted while the runners are on their way: race throws, and no runner thread is left. */
    @Test
    void anInterruptedCallerStopsEveryRunner() throws Exception {
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread caller = new Thread(() -> {
            try {
                BarrierRace.race(1, 1, Duration.ofSeconds(60), Sleeper.real(), l -> { });
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "race-caller");
        caller.start();
        Waits.until(() -> runnerThreads().size() == 3, "the three runners are running");
        caller.interrupt();
        Waits.join(caller, Waits.HANG);
        assertTrue(failure.get() instanceof InterruptedException, String.valueOf(failure.get()));
        Waits.until(() -> runnerThreads().isEmpty(), "every runner thread has ended");
    }

    private static List<Thread> runnerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> BarrierRace.RUNNERS.contains(t.getName()))
                .filter(Thread::isAlive).toList();
    }
}
