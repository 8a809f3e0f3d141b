package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.MemberLeftException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class AddTaskTest {

    @AfterEach
    void nothingLeftRunning() {
        assertTrue(Hazelcast.getAllHazelcastInstances().isEmpty(), "a member outlived its test");
    }

    @Test
    void delayReturnsTenAndApplyAsyncRunsOnTheChosenMember() throws Exception {
        try (var cluster = Cluster.embedded(2, false)) {
            var executor = cluster.executor();
            assertEquals(10, AddTask.delay(executor, 5, 5).get(30, TimeUnit.SECONDS).value());
            Member other = cluster.memberList().stream().filter(m -> !m.localMember()).findFirst().orElseThrow();
            var outcome = AddTask.applyAsync(executor, 5, 5, other).get(30, TimeUnit.SECONDS);
            assertEquals(10, outcome.value());
            assertEquals(other.getUuid().toString(), outcome.memberUuid());
        }
    }

    @Test
    void batchWithoutFaultsYieldsOneResultPerTaskAndNoRetry() throws Exception {
        try (var cluster = Cluster.embedded(2, false)) {
            var b = AddTask.runBatch(cluster, 300, 0, -1, Duration.ofSeconds(60));
            assertEquals(300, b.results().size());
            b.results().forEach((i, v) -> assertEquals(2 * i, v));
            assertEquals(0, b.retried());
            assertEquals(0, b.duplicates());
            assertEquals(2, b.perMember().size(), "round-robin reaches both members");
            assertNull(b.killed());
        }
    }

    /** Fault: one of three members killed with 1,000 tasks in flight; every task still yields exactly one result. */
    @RepeatedTest(3)
    void killingAMemberMidBatchLosesNoTask() throws Exception {
        try (var cluster = Cluster.embedded(3, false)) {
            var b = AddTask.runBatch(cluster, 1_000, 2, 200, Duration.ofSeconds(90));
            assertNotNull(b.killed());
            assertEquals(2, cluster.memberList().size());
            assertEquals(1_000, b.results().size());
            for (int i = 0; i < 1_000; i++) {
                assertEquals(2 * i, b.results().get(i), "task " + i);
            }
            assertEquals(0, b.duplicates());
            assertTrue(b.retried() > 0, "tasks queued on the killed member were resubmitted");
            assertEquals(1_000, b.perMember().values().stream().mapToInt(Integer::intValue).sum());
        }
    }

    @Test
    void onlyMemberLossCountsAsRetryable() {
        assertTrue(AddTask.memberLost(new RuntimeException(new MemberLeftException("gone"))));
        assertTrue(!AddTask.memberLost(new ArithmeticException("/ by zero")));
    }
}
