package org.parallelcookbook.mpi.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parallelcookbook.core.launch.JvmLauncher;
import org.parallelcookbook.mpi.MpjExtension;
import org.parallelcookbook.mpi.launch.MpjInstallation;
import org.parallelcookbook.mpi.launch.RankLine;

/**
 * Cluster mode for real: an MPJ daemon, a machines file, and {@code ch3.mpi-bcast} on the niodev
 * device, one JVM per rank talking TCP. The daemon listens on all interfaces and starts any class a
 * client names, so the session runs only in a private network namespace ({@code unshare -n}, only a
 * loopback inside); where the machine allows none, the test is skipped and says why. Nothing here
 * ever listens on the host's network.
 */
@ExtendWith(MpjExtension.class)
class ClusterModeTest {

    static final int NP = 4;
    /** Runs the rest of the command line in a new network namespace with only {@code lo}, brought up. */
    static final List<String> PRIVATE_NETWORK = List.of("unshare", "-n", "sh", "-c", "ip link set lo up && exec \"$@\"", "sh");

    private Process session;

    @BeforeEach
    void mpj() {
        Assumptions.assumeTrue(MpjInstallation.require().extras().size() == 3,
                "MPJ daemons need commons-cli, commons-io and commons-codec (apt-get install libcommons-cli-java "
                        + "libcommons-io-java libcommons-codec-java)");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (session != null) {
            session.descendants().forEach(ProcessHandle::destroyForcibly);
            session.destroyForcibly();
            session.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(300)
    void broadcastRunsOnNiodevThroughAnMpjDaemon() throws Exception {
        // The daemon listens on every interface and runs any class a client names: never on the
        // host's network, only inside a private namespace whose one interface is its own loopback.
        assumePrivateNetwork();
        String isolation = "private network namespace";
        String out = session("bcast", NP);
        assertEquals(0, session.exitValue(), isolation + ": " + out);
        assertTrue(out.contains("cluster-session: ok"), out);
        List<RankLine> lines = out.lines().map(RankLine::parse).flatMap(java.util.Optional::stream).toList();
        assertEquals(List.of(0, 1, 2, 3), lines.stream().map(RankLine::rank).toList(), out);
        for (RankLine l : lines) {
            assertEquals(NP, l.size());
            assertTrue(l.text().endsWith("after 100"), l.toString());
        }
        System.out.println("cluster mode ran in a " + isolation + ": " + out.lines()
                .filter(l -> l.startsWith("cluster-session: ok")).findFirst().orElse(""));
    }

    /**
     * In cluster mode the ranks are children of the MPJ daemon, not of MPJRun: a run that times
     * out must still leave none of them behind, while the daemon itself keeps running.
     */
    @Test
    @Timeout(300)
    void aTimedOutNiodevRunLeavesNoRankJvmWhileTheDaemonRuns() throws Exception {
        assumePrivateNetwork();
        String out = session("hang", 2);
        assertEquals(0, session.exitValue(), out);
        assertTrue(out.contains("cluster-session: outcome TIMED_OUT"), out);
        assertTrue(out.contains("cluster-session: daemon alive true"), "the daemon must outlive the run: " + out);
        assertTrue(out.contains("cluster-session: left []"), "rank JVMs left after the time-out: " + out);
        assertTrue(out.contains("cluster-session: ok"), out);
    }

    /**
     * What tells an MPI deadlock from an MPJ-device one: over niodev, which buffers small messages,
     * standard sends first finish, while synchronous sends first still deadlock.
     */
    @Test
    @Timeout(300)
    void overNiodevSendFirstFinishesButSsendFirstStillDeadlocks() throws Exception {
        assumePrivateNetwork();
        String out = session("deadlock", 6);
        assertEquals(0, session.exitValue(), out);
        assertTrue(out.contains("cluster-session: send-first  finished: [1 got \"b\", 5 got \"a\"]"), out);
        assertTrue(out.contains("cluster-session: ssend-first DEADLOCK: ranks [1, 5] still blocked"), out);
        assertTrue(out.contains("cluster-session: ok"), out);
    }

    private static void assumePrivateNetwork() {
        Assumptions.assumeTrue(privateNetworkNamespaceWorks(), "no private network namespace here (unshare -n needs "
                + "root or unprivileged user namespaces): the MPJ daemon listens on all interfaces, so it is not started "
                + "on the host's network");
    }

    /** Runs {@link ClusterSession} in a private network namespace and returns its output. */
    private String session(String mode, int np) throws Exception {
        List<String> command = new ArrayList<>(PRIVATE_NETWORK);
        // started through ChildMain: the session halts if this test JVM dies
        command.addAll(JvmLauncher.forMain(ClusterSession.class).args(mode, String.valueOf(np)).command());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Path log = Files.createTempFile("cluster-session", ".log");
        pb.redirectOutput(log.toFile());
        session = pb.start();
        boolean ended = session.waitFor(240, TimeUnit.SECONDS);
        String out = Files.readString(log);
        Files.deleteIfExists(log);
        assertTrue(ended, "the cluster session did not end within 240 s: " + out);
        return out;
    }

    static boolean privateNetworkNamespaceWorks() {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "sh", "-c", "ip link set lo up").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
