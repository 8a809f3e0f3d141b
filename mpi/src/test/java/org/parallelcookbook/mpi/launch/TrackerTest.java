package org.parallelcookbook.mpi.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parallelcookbook.mpi.launch.MpiResult.Outcome.RANK_FAILED;
import static org.parallelcookbook.mpi.launch.MpiResult.Outcome.RUNTIME_FAILED;
import static org.parallelcookbook.mpi.launch.MpiResult.Outcome.SUCCEEDED;
import static org.parallelcookbook.mpi.launch.MpiResult.Outcome.TIMED_OUT;
import static org.parallelcookbook.mpi.launch.RankResult.State.FAILED;
import static org.parallelcookbook.mpi.launch.RankResult.State.FINISHED;
import static org.parallelcookbook.mpi.launch.RankResult.State.UNFINISHED;
import static org.parallelcookbook.mpi.launch.RankResult.State.UNKNOWN;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How {@link MpiRun} follows a run's output and decides how it ended, fed by hand: the lines a run
 * would print, markers included. No ranks run here.
 */
class TrackerTest {

    private static final Duration LONG = Duration.ofMinutes(10);

    private static MpiResult result(MpiRun.Tracker t, MpiResult.Outcome outcome) {
        return t.result("org.example.Ring", Device.MULTICORE, outcome, 0, Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    @Test
    @Timeout(30)
    void markersAreCountedAndHiddenResultLinesCollectedPerRankAndMpjsChatterKeptButNotPassedOn() throws Exception {
        List<String> passed = new CopyOnWriteArrayList<>();
        var t = new MpiRun.Tracker(2, passed::add);
        t.accept("MPJ Express (0.44) is started in the multicore configuration");
        t.accept(RankProtocol.ready(0, 2));
        t.accept(RankProtocol.ready(1, 2));
        t.accept("rank 1 of 2: second");
        t.accept("rank 0 of 2: first");
        t.accept("rank 2 of 9: a line of some other run");
        t.accept("plain output");
        t.accept("\tat x.y(Z.java:1)");
        t.accept(RankProtocol.MARKER + "done 2");
        t.accept(RankProtocol.MARKER + "started 1");
        t.accept(RankProtocol.done(0));
        t.accept(RankProtocol.done(1));
        assertEquals(List.of("rank 1 of 2: second", "rank 0 of 2: first", "rank 2 of 9: a line of some other run", "plain output",
                "#cookbook-mpi done 2"), passed,
                "a marker of a rank outside the run is an ordinary line; an unknown one of a rank in it is hidden");
        t.exited();
        assertNull(t.await(LONG, LONG), "MPJRun exited: decided once the rest of the output is read");
        assertEquals(SUCCEEDED, t.outcomeAtExit());
        MpiResult r = result(t, SUCCEEDED);
        assertEquals(List.of("MPJ Express (0.44) is started in the multicore configuration", "rank 1 of 2: second",
                "rank 0 of 2: first", "rank 2 of 9: a line of some other run", "plain output", "\tat x.y(Z.java:1)",
                "#cookbook-mpi done 2"), r.output());
        assertEquals(List.of(0, 1), r.ranksIn(FINISHED));
        assertEquals("first", r.rank(0).line().text());
        assertEquals("second", r.rank(1).line().text());
        assertEquals(2, r.np());
        assertEquals("org.example.Ring", r.mainClass());
    }

    @Test
    @Timeout(30)
    void aFailureEndsTheWaitAtOnceAndNamesTheRankAndItsException() throws Exception {
        var t = new MpiRun.Tracker(3, line -> { });
        t.accept(RankProtocol.ready(0, 3));
        t.accept(RankProtocol.ready(1, 3));
        t.accept(RankProtocol.ready(2, 3));
        t.accept(RankProtocol.failed(1, new IllegalStateException("boom")));
        assertEquals(RANK_FAILED, t.await(LONG, LONG));
        assertEquals(RANK_FAILED, t.outcomeAtExit());
        MpiResult r = result(t, RANK_FAILED);
        assertEquals(FAILED, r.rank(1).state());
        assertEquals("java.lang.IllegalStateException: boom", r.rank(1).failure());
        assertEquals(List.of(0, 2), r.ranksIn(UNFINISHED));
        assertEquals("", r.rank(0).failure());
        assertEquals(List.of(), r.output(), "markers are not output");
    }

    @Test
    @Timeout(60)
    void aWaitingTrackerWakesUpForAFailure() throws Exception {
        var t = new MpiRun.Tracker(2, line -> { });
        t.accept(RankProtocol.ready(0, 2));
        t.accept(RankProtocol.ready(1, 2));
        assertEquals(RANK_FAILED, whileWaiting(t, () -> t.accept(RankProtocol.failed(0, new Error("x")))));
    }

    @Test
    @Timeout(60)
    void aWaitingTrackerWakesUpWhenMpjRunExits() throws Exception {
        var t = new MpiRun.Tracker(2, line -> { });
        t.accept(RankProtocol.ready(0, 2));
        assertNull(whileWaiting(t, t::exited));
    }

    /** Starts {@code await} with limits no test waits out, runs {@code event} once it waits, and returns its answer. */
    private static MpiResult.Outcome whileWaiting(MpiRun.Tracker t, Runnable event) throws Exception {
        var outcome = new CompletableFuture<MpiResult.Outcome>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                outcome.complete(t.await(LONG, LONG));
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        });
        try {
            while (waiter.getState() != Thread.State.TIMED_WAITING) {
                assertTrue(waiter.isAlive(), "await returned before the event");
                Thread.onSpinWait();
            }
            event.run();
            return outcome.get(30, TimeUnit.SECONDS);
        } finally {
            waiter.interrupt();
            waiter.join();
        }
    }

    @Test
    @Timeout(60)
    void onceEveryRankIsUpTheRunsOwnLimitApplies() throws Exception {
        var t = new MpiRun.Tracker(2, line -> { });
        t.accept(RankProtocol.ready(0, 2));
        t.accept(RankProtocol.ready(1, 2));
        assertEquals(TIMED_OUT, t.await(LONG, Duration.ofMillis(100)));
    }

    @Test
    @Timeout(60)
    void aRankThatNeverComesUpIsTimedOutByTheStartLimitOnceAnotherHasReported() throws Exception {
        var t = new MpiRun.Tracker(2, line -> { });
        t.accept(RankProtocol.ready(0, 2));
        assertEquals(TIMED_OUT, t.await(Duration.ofMillis(100), LONG));
    }

    @Test
    @Timeout(60)
    void aProgramThatNeverReportsGetsBothLimits() throws Exception {
        var t = new MpiRun.Tracker(2, line -> { });
        t.accept("output of a plain MPJ program");
        assertEquals(TIMED_OUT, t.await(Duration.ofMillis(100), Duration.ofMillis(100)));
    }

    /** Every rank passed MPI.Finalize, MPJRun hangs: after the exit grace (10 s) the run counts as a success. */
    @Test
    @Timeout(60)
    void ranksThatAllFinishedSucceedEvenWhenMpjRunDoesNotExit() throws Exception {
        var t = new MpiRun.Tracker(1, line -> { });
        t.accept(RankProtocol.ready(0, 1));
        t.accept(RankProtocol.done(0));
        assertEquals(SUCCEEDED, t.await(LONG, LONG));
    }

    @Test
    void aPlainMpjProgramThatEndsCleanlySucceedsWithItsRanksUnknown() {
        var t = new MpiRun.Tracker(2, line -> { });
        t.accept("hello from a plain MPJ program");
        t.accept("rank 1 of 2: in the format all the same");
        t.exited();
        assertEquals(SUCCEEDED, t.outcomeAtExit());
        MpiResult r = result(t, SUCCEEDED);
        assertEquals(List.of(0, 1), r.ranksIn(UNKNOWN));
        assertEquals(List.of("in the format all the same"), r.rank(1).texts());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Exception in thread \"main\" java.lang.Error: x", "Caused by: java.lang.Error: x",
            "java.lang.reflect.InvocationTargetException"})
    void aPlainMpjProgramThatThrewIsARuntimeFailure(String line) {
        var t = new MpiRun.Tracker(2, l -> { });
        t.accept("some output");
        t.accept(line);
        t.exited();
        assertEquals(RUNTIME_FAILED, t.outcomeAtExit());
        assertEquals(List.of(0, 1), result(t, RUNTIME_FAILED).ranksIn(UNFINISHED));
    }

    @Test
    void ranksThatReportedButDidNotAllFinishAreARuntimeFailure() {
        var t = new MpiRun.Tracker(2, line -> { });
        t.accept(RankProtocol.ready(0, 2));
        t.accept(RankProtocol.ready(1, 2));
        t.accept(RankProtocol.done(0));
        t.exited();
        assertEquals(RUNTIME_FAILED, t.outcomeAtExit());
        MpiResult r = result(t, RUNTIME_FAILED);
        assertEquals(List.of(0), r.ranksIn(FINISHED));
        assertEquals(List.of(1), r.ranksIn(UNFINISHED));
    }
}
