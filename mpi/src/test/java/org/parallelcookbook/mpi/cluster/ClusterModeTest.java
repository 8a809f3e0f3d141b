package org.parallelcookbook.mpi.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
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
import org.parallelcookbook.core.launch.JvmLauncher;
import org.parallelcookbook.mpi.MpjAssumptions;
import org.parallelcookbook.mpi.launch.MpjInstallation;
import org.parallelcookbook.mpi.launch.RankLine;

/**
 * Cluster mode for real: an MPJ daemon, a machines file, and {@code ch3.mpi-bcast} on the niodev
 * device, one JVM per rank talking TCP. The daemon listens on all interfaces, so the session runs
 * in a private network namespace ({@code unshare -n}, only a loopback inside) when this machine
 * allows it; otherwise on the host's loopback while the test lasts, when MPJ's ports are free.
 * Where neither works the test is skipped and says why.
 */
class ClusterModeTest {

    static final int NP = 4;
    static final List<Integer> MPJ_PORTS = List.of(40055, 40052, 40002);

    private Process session;

    @BeforeEach
    void mpj() {
        MpjAssumptions.assumeMpj();
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
        MpjAssumptions.assertNothingLeftRunning();
    }

    @Test
    @Timeout(300)
    void broadcastRunsOnNiodevThroughAnMpjDaemon() throws Exception {
        List<String> command = new ArrayList<>();
        String isolation;
        if (privateNetworkNamespaceWorks()) {
            isolation = "private network namespace";
            command.addAll(List.of("unshare", "-n", "sh", "-c", "ip link set lo up && exec \"$@\"", "sh"));
        } else {
            isolation = "host loopback";
            for (int port : MPJ_PORTS) {
                Assumptions.assumeTrue(free(port), "no private network namespace here (unshare -n needs root or user "
                        + "namespaces), and MPJ's port " + port + " is taken on the host: cannot start a daemon");
            }
        }
        // started through ChildMain: the session halts if this test JVM dies
        command.addAll(JvmLauncher.forMain(ClusterSession.class).args(String.valueOf(NP)).command());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Path log = Files.createTempFile("cluster-session", ".log");
        pb.redirectOutput(log.toFile());
        session = pb.start();
        boolean ended = session.waitFor(240, TimeUnit.SECONDS);
        String out = Files.readString(log);
        Files.deleteIfExists(log);
        assertTrue(ended, "the cluster session did not end within 240 s (" + isolation + "): " + out);
        Assumptions.assumeFalse(out.contains("cluster-session: skip"), () -> out.lines()
                .filter(l -> l.startsWith("cluster-session: skip")).findFirst().orElse(out));
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

    static boolean privateNetworkNamespaceWorks() {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "sh", "-c", "ip link set lo up").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return s.getLocalPort() == port;
        } catch (Exception e) {
            return false;
        }
    }
}
