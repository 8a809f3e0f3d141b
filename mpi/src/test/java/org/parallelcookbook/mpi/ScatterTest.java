package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MpjExtension.class)
class ScatterTest {



    @Test
    @Timeout(120)
    void onTenRanksRankRReceivesRPlusOne() throws Exception {
        var ranks = Scatter.run(MpiOptions.multicore(Scatter.RANKS)).ranks();
        assertEquals(10, ranks.size());
        for (var r : ranks) {
            assertEquals(r.rank() + 1, r.scattered());
            assertArrayEquals(new int[] {r.rank() + 1}, r.chunk());
        }
    }

    @Test
    @Timeout(120)
    void scattervSplitsTenItemsOverThreeRanksAsFourThreeThree() throws Exception {
        var ranks = Scatter.run(MpiOptions.multicore(3)).ranks();
        assertEquals(java.util.List.of(4, 3, 3), ranks.stream().map(r -> r.chunk().length).toList());
        int[] joined = ranks.stream().flatMapToInt(r -> IntStream.of(r.chunk())).toArray();
        assertArrayEquals(IntStream.rangeClosed(1, 10).toArray(), joined, "the chunks concatenate to the original");
        ranks.forEach(r -> assertEquals(r.rank() + 1, r.scattered()));
    }
}
