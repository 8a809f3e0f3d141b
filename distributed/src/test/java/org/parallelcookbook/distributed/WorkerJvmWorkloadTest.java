package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.launch.ChildJvm;

/**
 * The base of the two worker-JVM benchmarks ({@code MonteCarloPi.OnWorkerJvms},
 * {@code DistributedMapReduce.OnWorkerJvms}): one cluster of {@code p} single-threaded worker JVMs
 * per size, started on first use and reused, the cluster of another size shut down first, every
 * worker JVM gone after {@code close()}.
 */
class WorkerJvmWorkloadTest {

    /** A workload whose "result" is the cluster it ran on, so that the test can compare them. */
    private static final class ProbeWorkload extends WorkerJvmWorkload {
        @Override
        public String name() {
            return "worker-JVM probe";
        }

        @Override
        public Object run(String variant, int workers) throws Exception {
            return cluster(workers);
        }
    }

    @Test
    @Timeout(300)
    void oneClusterPerSizeOneAtATimeAndNoJvmAfterClose() throws Exception {
        var workload = new ProbeWorkload();
        try {
            var one = (Cluster) workload.run("default", 1);
            assertEquals(1, one.memberList().size());
            assertEquals(1, ChildJvm.liveCount(), "one worker JVM for p = 1");
            assertSame(one, workload.run("default", 1), "the cluster of a size is started once and reused");
            assertEquals(1, ChildJvm.liveCount());

            var two = (Cluster) workload.run("default", 2);
            assertEquals(2, two.memberList().size(), "p = 2: two members");
            // the p = 1 cluster was shut down before the p = 2 one started: its JVM is gone
            Eventually.await(Duration.ofSeconds(30), () -> ChildJvm.liveCount() == 2,
                    () -> "only the two JVMs of the p = 2 cluster left (" + ChildJvm.liveCount() + " live)");
            assertFalse(one.entry().getLifecycleService().isRunning(), "the p = 1 client was closed with its cluster");
        } finally {
            workload.close();
        }
        Eventually.await(Duration.ofSeconds(30), () -> ChildJvm.liveCount() == 0,
                () -> "close() destroying every worker JVM (" + ChildJvm.liveCount() + " live)");
    }

    /** What the scaling runner reads off the workload: a separate-JVM model, no interleaving, p = 1, 2. */
    @Test
    void describesItselfToTheScalingRunner() {
        var workload = new ProbeWorkload();
        assertEquals("Hazelcast worker JVMs, one executor thread each", workload.model());
        assertFalse(workload.inProcess(), "the workers are other JVMs");
        assertFalse(workload.interleave(), "one cluster lives at a time: interleaved rounds would restart it every trial");
        assertEquals(List.of(1, 2), workload.defaultWorkers());
    }
}
