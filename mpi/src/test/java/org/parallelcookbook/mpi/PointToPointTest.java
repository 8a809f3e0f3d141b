package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MpjExtension.class)
class PointToPointTest {



    @Test
    @Timeout(120)
    void onlyRanksFourAndEightReceiveAndFromTheRightSource() throws Exception {
        var ranks = PointToPoint.run(MpiOptions.multicore(PointToPoint.RANKS)).ranks();
        assertEquals(9, ranks.size());
        assertEquals("int 10000000 from rank 0 (tag 11)", ranks.get(4).received());
        assertEquals("string \"hello\" from rank 1 (tag 12)", ranks.get(8).received());
        assertEquals("int 10000000 to rank 4", ranks.get(0).sent());
        assertEquals("string \"hello\" to rank 8", ranks.get(1).sent());
        for (var r : ranks) {
            if (r.rank() != 4 && r.rank() != 8) {
                assertEquals("nothing", r.received(), "rank " + r.rank() + " received nothing (checked with Iprobe)");
            }
        }
    }
}
