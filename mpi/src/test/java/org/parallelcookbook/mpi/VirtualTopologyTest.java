package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MpjExtension.class)
class VirtualTopologyTest {

    /** MPJ Express's MPI.PROC_NULL. */
    static final int NONE = -3;



    /** up, down, left, right of ranks 0..3: the book's tables with PROC_NULL for its -1. */
    static final List<List<Integer>> MESH = List.of(
            List.of(NONE, 2, NONE, 1), List.of(NONE, 3, 0, NONE), List.of(0, NONE, NONE, 3), List.of(1, NONE, 2, NONE));
    static final List<List<Integer>> TORUS = List.of(
            List.of(2, 2, 1, 1), List.of(3, 3, 0, 0), List.of(0, 0, 3, 3), List.of(1, 1, 2, 2));

    @Test
    @Timeout(120)
    void fourRankMeshAndTorusMatchTheBook() throws Exception {
        var result = VirtualTopology.run(MpiOptions.multicore(VirtualTopology.RANKS));
        assertEquals(MESH, result.mesh().stream().map(VirtualTopologyTest::neighbours).toList(), "mesh");
        assertEquals(TORUS, result.torus().stream().map(VirtualTopologyTest::neighbours).toList(), "torus");
        for (var n : result.mesh()) {
            assertEquals(List.of(n.rank() / 2, n.rank() % 2), List.of(n.row(), n.col()), "coords of rank " + n.rank());
        }
        assertEquals("rank 3 of 4: mesh coords (1, 1) up 1 down -3 left 2 right -3", result.mesh().get(3).line());
    }

    /** 6 ranks: a 2 x 3 grid that covers every rank. */
    @Test
    @Timeout(120)
    void sixRanksFillATwoByThreeGrid() throws Exception {
        var result = VirtualTopology.run(MpiOptions.multicore(6));
        assertEquals(List.of(), result.outside());
        assertEquals(List.of(0, 1, 2, 3, 4, 5), result.mesh().stream().map(VirtualTopology.Neighbours::rank).toList());
        assertEquals(List.of(NONE, 3, NONE, 1), neighbours(result.mesh().get(0)), "mesh rank 0");
        assertEquals(List.of(1, NONE, 3, 5), neighbours(result.mesh().get(4)), "mesh rank 4");
        assertEquals(List.of(3, 3, 2, 1), neighbours(result.torus().get(0)), "torus rank 0");
        for (var n : result.mesh()) {
            assertEquals(List.of(n.rank() / 3, n.rank() % 3), List.of(n.row(), n.col()), "coords of rank " + n.rank());
        }
    }

    /** 5 ranks: the book's formula gives 2 x 2, and rank 4 gets MPI_COMM_NULL, as MPI specifies. */
    @Test
    @Timeout(120)
    void withFiveRanksTheRankOutsideTheTwoByTwoGridGetsNoCommunicator() throws Exception {
        var result = VirtualTopology.run(MpiOptions.multicore(5));
        assertEquals(List.of(4), result.outside());
        assertEquals(MESH, result.mesh().stream().map(VirtualTopologyTest::neighbours).toList(), "the four in the grid");
        assertEquals(TORUS, result.torus().stream().map(VirtualTopologyTest::neighbours).toList());
        assertEquals(List.of("mesh outside the 2 x 2 grid: MPI.COMM_NULL, no coordinates, no neighbours",
                        "torus outside the 2 x 2 grid: MPI.COMM_NULL, no coordinates, no neighbours"),
                result.run().rank(4).lines().stream().map(org.parallelcookbook.mpi.launch.RankLine::text).toList());
    }

    private static List<Integer> neighbours(VirtualTopology.Neighbours n) {
        return List.of(n.up(), n.down(), n.left(), n.right());
    }
}
