package org.parallelcookbook.mpi.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parallelcookbook.mpi.launch.MpiResult.Outcome.RANK_FAILED;
import static org.parallelcookbook.mpi.launch.MpiResult.Outcome.RUNTIME_FAILED;
import static org.parallelcookbook.mpi.launch.MpiResult.Outcome.SUCCEEDED;
import static org.parallelcookbook.mpi.launch.MpiResult.Outcome.TIMED_OUT;
import static org.parallelcookbook.mpi.launch.RankResult.State.FAILED;
import static org.parallelcookbook.mpi.launch.RankResult.State.FINISHED;
import static org.parallelcookbook.mpi.launch.RankResult.State.UNFINISHED;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a run's result says about it, built by hand: no ranks run here. */
class MpiResultTest {

    private static final String MAIN = "org.example.Ring";

    private static RankResult rank(int r, int size, RankResult.State state, String failure, String... texts) {
        return new RankResult(r, state, Arrays.stream(texts).map(t -> RankLine.of(r, size, t)).toList(), failure);
    }

    private static MpiResult result(MpiResult.Outcome outcome, List<RankResult> ranks, List<String> output, Duration timeout) {
        return new MpiResult(MAIN, Device.MULTICORE, ranks.size(), outcome, ranks, output, outcome == SUCCEEDED ? 0 : 1,
                Duration.ofMillis(1234), timeout);
    }

    @Test
    void aSucceededRunIsReturnedAsItIsAndGivesEveryRanksLinesInRankOrder() {
        var r = result(SUCCEEDED, List.of(rank(0, 2, FINISHED, "", "a", "b"), rank(1, 2, FINISHED, "", "c")), List.of(),
                Duration.ofSeconds(60));
        assertTrue(r.succeeded());
        assertSame(r, r.requireSuccess());
        assertEquals("Ring on 2 ranks (multicore) finished in 1.23 s", r.describe());
        assertEquals(List.of("rank 0 of 2: a", "rank 0 of 2: b", "rank 1 of 2: c"), r.rankLines().stream().map(RankLine::format).toList());
        assertEquals(List.of(0, 1), r.ranksIn(FINISHED));
        assertEquals(List.of(), r.ranksIn(FAILED));
        assertEquals(1, r.rank(1).rank());
        var one = new MpiResult("Ring", Device.NIODEV, 1, SUCCEEDED, List.of(rank(0, 1, FINISHED, "")), List.of(), 0,
                Duration.ofMillis(500), Duration.ofSeconds(60));
        assertEquals("Ring on 1 rank (niodev) finished in 0.50 s", one.describe());
    }

    @Test
    void aFailedRunNamesEveryRankThatThrew() {
        var r = new MpiResult(MAIN, Device.NIODEV, 3, RANK_FAILED, List.of(rank(0, 3, UNFINISHED, ""),
                rank(1, 3, FAILED, "java.lang.IllegalStateException: boom"), rank(2, 3, FAILED, "java.lang.Error")),
                List.of(), -1, Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertFalse(r.succeeded());
        var e = assertThrows(MpiRunException.class, r::requireSuccess);
        assertEquals("Ring on 3 ranks (niodev) failed: rank 1 threw java.lang.IllegalStateException: boom; "
                + "rank 2 threw java.lang.Error; every rank was killed", e.getMessage());
        assertSame(r, e.result());
        assertEquals(List.of(1, 2), r.ranksIn(FAILED));
    }

    @Test
    void aTimedOutRunNamesTheRanksStillRunningAndTheLimit() {
        var one = result(TIMED_OUT, List.of(rank(0, 2, FINISHED, ""), rank(1, 2, UNFINISHED, "")), List.of(), Duration.ofSeconds(5));
        assertEquals("Ring on 2 ranks (multicore): rank [1] still running after 5 s (deadlock?); every rank was killed",
                one.describe());
        var two = result(TIMED_OUT, List.of(rank(0, 2, UNFINISHED, ""), rank(1, 2, UNFINISHED, "")), List.of(), Duration.ofMillis(1500));
        assertEquals("Ring on 2 ranks (multicore): ranks [0, 1] still running after 1.5 s (deadlock?); every rank was killed",
                two.describe());
        assertThrows(MpiRunException.class, two::requireSuccess);
    }

    @Test
    void aRuntimeFailureNamesTheExitStatusTheUnfinishedRanksAndTheLastUsefulOutput() {
        List<RankResult> ranks = List.of(rank(0, 2, FINISHED, ""), rank(1, 2, UNFINISHED, ""));
        var r = result(RUNTIME_FAILED, ranks, List.of("one", "", "two", "\tat mpi.Comm.Send(Comm.java:1)", "three", "four", "  "),
                Duration.ofSeconds(60));
        assertEquals("Ring on 2 ranks (multicore): MPJ's runtime ended (exit status 1) before ranks [1] finished; "
                + "last output: two | three | four", r.describe());
        var little = result(RUNTIME_FAILED, ranks, List.of("", "only"), Duration.ofSeconds(60));
        assertEquals("Ring on 2 ranks (multicore): MPJ's runtime ended (exit status 1) before ranks [1] finished; "
                + "last output: only", little.describe());
        var silent = result(RUNTIME_FAILED, ranks, List.of("\tat x.y(Z.java:2)", " "), Duration.ofSeconds(60));
        assertEquals("Ring on 2 ranks (multicore): MPJ's runtime ended (exit status 1) before ranks [1] finished",
                silent.describe());
        assertThrows(MpiRunException.class, r::requireSuccess);
    }

    @Test
    void aRanksOnlyResultLineIsItsLineAndNoneOrSeveralAreAnError() {
        var two = rank(1, 2, FINISHED, "", "a", "b");
        assertEquals(List.of("a", "b"), two.texts());
        var e = assertThrows(IllegalStateException.class, two::line);
        assertEquals("rank 1 printed 2 result lines, expected 1: [rank 1 of 2: a, rank 1 of 2: b]", e.getMessage());
        assertThrows(IllegalStateException.class, () -> rank(0, 2, FINISHED, "").line());
        assertEquals(RankLine.of(0, 2, "x"), rank(0, 2, FINISHED, "", "x").line());
    }

    @Test
    void resultsKeepACopyOfWhatTheyWereGiven() {
        List<RankLine> lines = new ArrayList<>(List.of(RankLine.of(0, 1, "x")));
        var rank = new RankResult(0, FINISHED, lines, "");
        lines.add(RankLine.of(0, 1, "y"));
        assertEquals(List.of("x"), rank.texts());
        List<RankResult> ranks = new ArrayList<>(List.of(rank));
        List<String> output = new ArrayList<>(List.of("out"));
        var r = result(SUCCEEDED, ranks, output, Duration.ofSeconds(60));
        ranks.clear();
        output.clear();
        assertEquals(1, r.ranks().size());
        assertEquals(List.of("out"), r.output());
    }
}
