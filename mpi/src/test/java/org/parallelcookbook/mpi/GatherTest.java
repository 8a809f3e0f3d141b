package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MpjExtension.class)
class GatherTest {



    @Test
    @Timeout(120)
    void rootsBufferHoldsTheSquaresAsReceivedAndAllgatherGivesThemToEveryone() throws Exception {
        var result = Gather.run(MpiOptions.multicore(Gather.RANKS));
        int[] squares = {1, 4, 9, 16, 25};
        assertArrayEquals(squares, result.atRoot(), "the root's receive buffer, read as received");
        assertEquals(5, result.ranks().size());
        for (var r : result.ranks()) {
            assertEquals((r.rank() + 1) * (r.rank() + 1), r.sent());
            assertArrayEquals(squares, r.allgathered(), "Allgather on rank " + r.rank());
        }
    }
}
