package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(MpjExtension.class)
class ReductionTest {



    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    @Timeout(120)
    void rootGetsTheSumAndMaxAndAllreduceGivesEveryRankTheSum(int n) throws Exception {
        var ranks = Reduction.run(MpiOptions.multicore(n)).ranks();
        assertEquals(n, ranks.size());
        int[] sum = IntStream.range(0, Reduction.LENGTH).map(i -> i * n * (n + 1) / 2).toArray();
        int[] max = IntStream.range(0, Reduction.LENGTH).map(i -> i * n).toArray();
        if (n == 3) {
            assertArrayEquals(new int[] {0, 6, 12}, sum, "the book's figures");
            assertArrayEquals(new int[] {0, 3, 6}, max);
        }
        assertArrayEquals(sum, ranks.get(Reduction.ROOT).sum(), "SUM at the root");
        assertArrayEquals(max, ranks.get(Reduction.ROOT).max(), "MAX at the root");
        for (var r : ranks) {
            int k = r.rank() + 1;
            assertArrayEquals(IntStream.range(0, Reduction.LENGTH).map(i -> k * i).toArray(), r.sent(),
                    "rank " + r.rank() + "'s send buffer is untouched");
            assertArrayEquals(sum, r.allreduce(), "Allreduce on rank " + r.rank());
        }
    }
}
