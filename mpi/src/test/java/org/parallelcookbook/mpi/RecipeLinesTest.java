package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.mpi.launch.Device;
import org.parallelcookbook.mpi.launch.MpiResult;
import org.parallelcookbook.mpi.launch.RankLine;
import org.parallelcookbook.mpi.launch.RankResult;

/**
 * The launching side of each recipe, without ranks: each rank's result line read back into its
 * record, the recipes' own arithmetic and summaries, and what a recipe refuses before it launches.
 * (The rank side is tested by each recipe's own test, which runs real ranks.)
 */
class RecipeLinesTest {

    private static RankLine line(String s) {
        return RankLine.parse(s).orElseThrow();
    }

    @Test
    void broadcastLines() {
        var s = new Broadcast.Shared(2, 10, -1, 100);
        assertEquals("rank 2 of 10: before -1 after 100", s.line());
        assertEquals(s, Broadcast.Shared.parse(line(s.line())));
        assertThrows(IllegalArgumentException.class, () -> Broadcast.Shared.parse(line("rank 2 of 10: before -1")));
    }

    @Test
    void pointToPointLines() {
        var e = new PointToPoint.Exchange(4, 9, "nothing", "int 10000000 from rank 0 (tag 11)");
        assertEquals("rank 4 of 9: sent nothing, received int 10000000 from rank 0 (tag 11)", e.line());
        assertEquals(e, PointToPoint.Exchange.parse(line(e.line())));
    }

    @Test
    void aGreetingIsOnlyTheRanksOwn() {
        var g = new MpiHelloWorld.Greeting(1, 5);
        assertEquals("rank 1 of 5: hello world from process 1", g.line());
        assertEquals(g, MpiHelloWorld.Greeting.parse(line(g.line())));
        var e = assertThrows(IllegalArgumentException.class,
                () -> MpiHelloWorld.Greeting.parse(line("rank 1 of 5: hello world from process 2")));
        assertEquals("not a greeting: rank 1 of 5: hello world from process 2", e.getMessage());
    }

    @Test
    void scattervCountsSplitAsEvenlyAsPossibleEarlierRanksTakingTheExtra() {
        assertArrayEquals(new int[] {4, 3, 3}, Scatter.counts(10, 3));
        assertArrayEquals(new int[] {0, 4, 7}, Scatter.displacements(Scatter.counts(10, 3)));
        assertArrayEquals(new int[] {1, 1, 0}, Scatter.counts(2, 3));
        assertArrayEquals(new int[] {0, 1, 2}, Scatter.displacements(new int[] {1, 1, 0}));
        assertArrayEquals(new int[] {5, 5}, Scatter.counts(10, 2));
        assertArrayEquals(new int[] {0}, Scatter.displacements(new int[] {10}));
    }

    @Test
    void gatherAtTheRootIsWhatTheRootGathered() {
        var root = new Gather.Collected(0, 3, 1, new int[] {1, 4, 9}, new int[] {1, 4, 9});
        var other = new Gather.Collected(1, 3, 4, new int[] {0, 0, 0}, new int[] {1, 4, 9});
        assertArrayEquals(new int[] {1, 4, 9}, new Gather.Result(List.of(root, other), null).atRoot());
    }

    @Test
    void virtualTopologyLinesGridAndTable() {
        var mesh = new VirtualTopology.Neighbours(3, 4, false, 1, 1, 1, -3, 2, -3);
        assertEquals("rank 3 of 4: mesh coords (1, 1) up 1 down -3 left 2 right -3", mesh.line());
        assertEquals(mesh, VirtualTopology.Neighbours.parse(line(mesh.line())));
        var torus = new VirtualTopology.Neighbours(0, 4, true, 0, 0, 2, 2, 1, 1);
        assertEquals("rank 0 of 4: torus coords (0, 0) up 2 down 2 left 1 right 1", torus.line());
        assertEquals(torus, VirtualTopology.Neighbours.parse(line(torus.line())));
        assertEquals("rank 4 of 5: mesh outside the 2 x 2 grid: MPI.COMM_NULL, no coordinates, no neighbours",
                VirtualTopology.outsideLine(4, 5, false, new int[] {2, 2}));
        assertEquals("rank 4 of 5: torus outside the 2 x 3 grid: MPI.COMM_NULL, no coordinates, no neighbours",
                VirtualTopology.outsideLine(4, 5, true, new int[] {2, 3}));
        assertArrayEquals(new int[] {1, 1}, VirtualTopology.dims(1));
        assertArrayEquals(new int[] {2, 2}, VirtualTopology.dims(4));
        assertArrayEquals(new int[] {2, 2}, VirtualTopology.dims(5));
        assertArrayEquals(new int[] {2, 3}, VirtualTopology.dims(6));
        assertArrayEquals(new int[] {3, 3}, VirtualTopology.dims(9));
        assertEquals("| rank | coords | up | down | left | right |\n|---|---|---|---|---|---|\n| 3 | (1, 1) | 1 | -3 | 2 | -3 |\n",
                VirtualTopology.table(List.of(mesh), true));
        String text = VirtualTopology.table(List.of(mesh), false);
        assertTrue(text.startsWith("rank  coords  up  down  left  right\n"), text);
        assertTrue(text.contains("(1, 1)") && !text.contains("|"), text);
    }

    @Test
    void deadlockVariantsAreParsedByIdAndSayWhetherTheyDeadlock() {
        assertEquals(DeadlockAvoidance.Variant.ORDERED, DeadlockAvoidance.Variant.parse("ordered"));
        assertEquals(DeadlockAvoidance.Variant.SEND_FIRST, DeadlockAvoidance.Variant.parse("send-first"));
        var e = assertThrows(UsageException.class, () -> DeadlockAvoidance.Variant.parse("Ordered"));
        assertEquals("variant must be one of [recv-first, ssend-first, send-first, ordered, sendrecv], got 'Ordered'", e.getMessage());
        assertTrue(DeadlockAvoidance.Variant.RECV_FIRST.deadlocks());
        assertTrue(DeadlockAvoidance.Variant.SSEND_FIRST.deadlocks());
        assertTrue(DeadlockAvoidance.Variant.SEND_FIRST.deadlocks());
        assertFalse(DeadlockAvoidance.Variant.ORDERED.deadlocks());
        assertFalse(DeadlockAvoidance.Variant.SENDRECV.deadlocks());
        assertEquals(DeadlockAvoidance.Deadlock.WITHOUT_BUFFERING, DeadlockAvoidance.Variant.SEND_FIRST.deadlock());
    }

    @Test
    void deadlockSwapLinesAndSummaries() {
        var swap = new DeadlockAvoidance.Swap(0, 9, 'a', 1, 'b', 1);
        assertEquals("rank 0 of 9: sent \"a\" to rank 1, received \"b\" from rank 1", swap.line());
        assertEquals(swap, DeadlockAvoidance.Swap.parse(line(swap.line())));
        var run = new MpiResult("org.parallelcookbook.mpi.DeadlockAvoidance", Device.MULTICORE, 9, MpiResult.Outcome.TIMED_OUT,
                List.of(), List.of(), -1, Duration.ofSeconds(6), Duration.ofSeconds(5));
        assertEquals("recv-first  DEADLOCK: ranks [0, 1] still blocked after 5 s; all 9 ranks killed (a deadlock under every MPI)",
                new DeadlockAvoidance.Outcome(DeadlockAvoidance.Variant.RECV_FIRST, true, List.of(), List.of(0, 1), run).summary());
        assertEquals("send-first  DEADLOCK: ranks [2] still blocked after 5 s; all 9 ranks killed (only because MPJ's multicore"
                        + " device does not buffer a standard Send; an MPI that buffers finishes it)",
                new DeadlockAvoidance.Outcome(DeadlockAvoidance.Variant.SEND_FIRST, true, List.of(), List.of(2), run).summary());
        assertEquals("ordered     DEADLOCK: ranks [3] still blocked after 5 s; all 9 ranks killed (unexpected: this order cannot deadlock)",
                new DeadlockAvoidance.Outcome(DeadlockAvoidance.Variant.ORDERED, true, List.of(), List.of(3), run).summary());
        var back = new DeadlockAvoidance.Swap(1, 9, 'b', 0, 'a', 0);
        assertEquals("sendrecv    finished: [0 got \"b\", 1 got \"a\"]",
                new DeadlockAvoidance.Outcome(DeadlockAvoidance.Variant.SENDRECV, false, List.of(swap, back), List.of(), run).summary());
    }

    private static MpiResult ran(MpiResult.Outcome outcome, List<List<String>> linesByRank) {
        int np = linesByRank.size();
        List<RankResult> ranks = new java.util.ArrayList<>();
        for (int r = 0; r < np; r++) {
            int rank = r;
            ranks.add(new RankResult(r, RankResult.State.FINISHED, linesByRank.get(r).stream().map(t -> RankLine.of(rank, np, t)).toList(), ""));
        }
        return new MpiResult("org.parallelcookbook.mpi.Recipe", Device.MULTICORE, np, outcome, ranks, List.of(), 0,
                Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    @Test
    void aTimedOutSwapIsTheDeadlockWithTheRanksThatPrintedNothingBlocked() {
        var r = ran(MpiResult.Outcome.TIMED_OUT, List.of(List.of("sent \"a\" to rank 1, received \"b\" from rank 1"), List.of(),
                List.of("idle")));
        var o = DeadlockAvoidance.outcome(DeadlockAvoidance.Variant.RECV_FIRST, r);
        assertTrue(o.deadlocked());
        assertEquals(List.of(new DeadlockAvoidance.Swap(0, 3, 'a', 1, 'b', 1)), o.swaps());
        assertEquals(List.of(1), o.blocked());
        var done = DeadlockAvoidance.outcome(DeadlockAvoidance.Variant.ORDERED, ran(MpiResult.Outcome.SUCCEEDED,
                List.of(List.of("sent \"a\" to rank 1, received \"b\" from rank 1"), List.of("sent \"b\" to rank 0, received \"a\" from rank 0"))));
        assertFalse(done.deadlocked());
        assertEquals(List.of(), done.blocked());
        assertEquals(2, done.swaps().size());
        for (var failed : List.of(MpiResult.Outcome.RANK_FAILED, MpiResult.Outcome.RUNTIME_FAILED)) {
            assertThrows(org.parallelcookbook.mpi.launch.MpiRunException.class,
                    () -> DeadlockAvoidance.outcome(DeadlockAvoidance.Variant.ORDERED, ran(failed, List.of(List.of(), List.of()))));
        }
    }

    @Test
    void theTopologyOfARunIsItsMeshAndTorusByRankAndTheRanksOutsideTheGrid() {
        List<List<String>> lines = new java.util.ArrayList<>();
        for (int r = 0; r < 4; r++) {
            lines.add(List.of("mesh coords (" + r / 2 + ", " + r % 2 + ") up 1 down 2 left 3 right " + r,
                    "torus coords (" + r / 2 + ", " + r % 2 + ") up 1 down 2 left 3 right " + r));
        }
        lines.add(List.of(VirtualTopology.outsideLine(4, 5, false, new int[] {2, 2}).substring("rank 4 of 5: ".length()),
                VirtualTopology.outsideLine(4, 5, true, new int[] {2, 2}).substring("rank 4 of 5: ".length())));
        var result = VirtualTopology.result(ran(MpiResult.Outcome.SUCCEEDED, lines));
        assertEquals(List.of(0, 1, 2, 3), result.mesh().stream().map(VirtualTopology.Neighbours::rank).toList());
        assertEquals(List.of(0, 1, 2, 3), result.torus().stream().map(VirtualTopology.Neighbours::right).toList());
        assertTrue(result.mesh().stream().noneMatch(VirtualTopology.Neighbours::periodic));
        assertTrue(result.torus().stream().allMatch(VirtualTopology.Neighbours::periodic));
        assertEquals(List.of(4), result.outside());
    }

    @Test
    void pingPongRepetitionsFiguresAndTooFewRanks() {
        assertThrows(IllegalArgumentException.class, () -> new PingPong.Repetitions(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PingPong.Repetitions(1, 0, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> new PingPong.Repetitions(1, 1, 0));
        assertEquals("repetitions must be at least 1", e.getMessage());
        assertArrayEquals(new String[] {"1", "1", "1"}, new PingPong.Repetitions(1, 1, 1).args(), "one of each is enough");
        var reps = new PingPong.Repetitions(1, 2, 3);
        assertArrayEquals(new String[] {"1", "2", "3"}, reps.args());
        assertEquals(reps, PingPong.Repetitions.of(reps.args()));
        assertEquals(new PingPong.Repetitions(10_000, 50, 2_000), PingPong.Repetitions.standard());
        var f = new PingPong.Figures(2, 1.5, 2.25, 3.0, 10, 10, 5, 7);
        assertEquals("latency-us 1.50 bandwidth-gbs 2.250 allreduce-us 3.00 roundtrips 10 verified 10 transfers 5 allreduces 7",
                f.text());
        assertEquals(f, PingPong.Figures.parse(RankLine.of(0, 2, f.text())));
        var one = assertThrows(UsageException.class, () -> PingPong.run(MpiOptions.multicore(1), reps));
        assertEquals("ping-pong needs at least 2 ranks", one.getMessage());
    }
}
