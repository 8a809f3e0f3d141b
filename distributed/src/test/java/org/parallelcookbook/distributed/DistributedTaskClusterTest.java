package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class DistributedTaskClusterTest {

    @Test
    void twoMembersSeeEachOtherAndCloseLeavesNothing() {
        String name;
        try (var cluster = Cluster.embedded(2, false)) {
            name = cluster.name();
            var status = DistributedTaskCluster.status(cluster);
            assertEquals(2, status.members().size());
            assertEquals(List.of(2, 2), status.views());
            assertEquals(2, status.members().stream().map(DistributedTaskCluster.MemberStatus::uuid).distinct().count());
            assertTrue(status.members().stream().allMatch(m -> m.address().startsWith("127.0.0.1:")), "loopback only");
        }
        assertTrue(Hazelcast.getAllHazelcastInstances().stream().noneMatch(h -> h.getConfig().getClusterName().equals(name)));
    }

    /** Fault: backup count 1, one of three members killed, not one entry lost. */
    @RepeatedTest(3)
    void mapWithOneBackupLosesNothingWhenAMemberDies() throws Exception {
        var f = DistributedTaskCluster.mapFailover(2_000, Duration.ofSeconds(60));
        assertEquals(1, f.backupCount());
        assertEquals(3, f.members());
        assertEquals(2, f.membersAfter());
        assertEquals(2_000, f.survivors());
        assertEquals(0, f.lost());
    }

    @Test
    void lostIsTheEntriesNotFoundAfterTheKill() {
        assertEquals(3, new DistributedTaskCluster.Failover(3, 1, 10, 7, "127.0.0.1:5701", 2).lost());
    }

    @Test
    void oneEntrySurvivesTheKillToo() throws Exception {
        var f = DistributedTaskCluster.mapFailover(1, Duration.ofSeconds(60));
        assertEquals(1, f.survivors());
        assertEquals(0, f.lost());
    }
}
