package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parallelcookbook.mpi.launch.RankProtocol;

@ExtendWith(MpjExtension.class)
class MpiHelloWorldTest {



    @Test
    @Timeout(120)
    void fiveRanksEachGreetOnceWithSizeFive() throws Exception {
        var result = MpiHelloWorld.run(MpiOptions.multicore(MpiHelloWorld.RANKS));
        var greetings = result.greetings();
        assertEquals(IntStream.range(0, 5).boxed().toList(), greetings.stream().map(MpiHelloWorld.Greeting::rank).toList(),
                "every rank 0..4 greets exactly once");
        assertTrue(greetings.stream().allMatch(g -> g.size() == 5), "every rank sees size 5");
        assertEquals(List.of(0, 1, 2, 3, 4), result.run().ranksIn(org.parallelcookbook.mpi.launch.RankResult.State.FINISHED));
        assertEquals("rank 3 of 5: hello world from process 3", greetings.get(3).line());
    }

    @Test
    void mainKnowsARankByItsArguments() {
        assertTrue(RankProtocol.isRankInvocation(new String[] {"2", "5", "smpdev"}));
        assertTrue(RankProtocol.isRankInvocation(new String[] {"0", "#conf", "niodev", "x"}));
        assertTrue(!RankProtocol.isRankInvocation(new String[] {"--np", "5"}));
        assertTrue(!RankProtocol.isRankInvocation(new String[0]));
    }
}
