package org.parallelcookbook.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parallelcookbook.mpi.DeadlockAvoidance.Variant;
import org.parallelcookbook.mpi.launch.MpiResult;

class DeadlockAvoidanceTest {

    @BeforeEach
    void mpj() {
        MpjAssumptions.assumeMpj();
    }

    @AfterEach
    void nothingLeft() throws InterruptedException {
        MpjAssumptions.assertNothingLeftRunning();
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"RECV_FIRST", "SSEND_FIRST", "SEND_FIRST"})
    @Timeout(180)
    void deadlockingOrdersAreStillBlockedAfterFiveSecondsAndKilled(Variant variant) throws Exception {
        var outcome = DeadlockAvoidance.run(variant,
                MpiOptions.multicore(DeadlockAvoidance.RANKS).withTimeout(Duration.ofSeconds(5)));
        assertTrue(outcome.deadlocked(), outcome.summary());
        assertEquals(MpiResult.Outcome.TIMED_OUT, outcome.run().outcome());
        assertEquals(List.of(1, 5), outcome.blocked(), "ranks 1 and 5 never got past their exchange");
        assertEquals(List.of(), outcome.swaps());
        assertTrue(outcome.summary().contains("DEADLOCK"), outcome.summary());
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"ORDERED", "SENDRECV"})
    @Timeout(120)
    void safeOrdersFinishAndSwapTheMessages(Variant variant) throws Exception {
        var outcome = DeadlockAvoidance.run(variant, MpiOptions.multicore(DeadlockAvoidance.RANKS));
        assertFalse(outcome.deadlocked(), outcome.summary());
        assertEquals(List.of(), outcome.blocked());
        var byRank = outcome.swaps().stream().collect(java.util.stream.Collectors.toMap(DeadlockAvoidance.Swap::rank, s -> s));
        assertEquals('b', byRank.get(1).received(), "rank 1 received \"b\"");
        assertEquals('a', byRank.get(5).received(), "rank 5 received \"a\"");
        assertEquals(5, byRank.get(1).from());
        assertEquals(1, byRank.get(5).from());
    }
}
