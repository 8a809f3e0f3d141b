package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MpjExtension.class)
class AllToAllTest {



    @Test
    @Timeout(120)
    void slotJOfRankRHoldsJPlusOneTimesR() throws Exception {
        var ranks = AllToAll.run(MpiOptions.multicore(AllToAll.RANKS)).ranks();
        assertEquals(5, ranks.size());
        for (var r : ranks) {
            for (int j = 0; j < 5; j++) {
                assertEquals((j + 1) * r.rank(), r.received()[j], "rank " + r.rank() + " slot " + j);
            }
        }
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, ranks.get(1).received());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0}, ranks.get(0).received());
    }
}
