package org.parallelcookbook.mpi.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.parallelcookbook.mpi.Broadcast;
import org.parallelcookbook.mpi.MpiOptions;
import org.parallelcookbook.mpi.launch.Device;
import org.parallelcookbook.mpi.launch.MpjDaemon;
import org.parallelcookbook.mpi.launch.MpjHome;

/**
 * One cluster-mode session for {@link ClusterModeTest}, run in a JVM of its own (inside a private
 * network namespace when the machine allows): start an MPJ daemon on this host, write a machines
 * file naming {@code localhost}, run {@link Broadcast} on the niodev device, stop the daemon.
 * Prints the ranks' lines, then {@code cluster-session: ok}; or {@code cluster-session: skip <why>}
 * when the daemon cannot start.
 */
public final class ClusterSession {

    private ClusterSession() {
    }

    public static void main(String[] args) throws Exception {
        int np = Integer.parseInt(args[0]);
        MpjHome home = MpjHome.prepare();
        MpjDaemon daemon;
        try {
            daemon = MpjDaemon.start(home, MpjDaemon.DEFAULT_PORT, Duration.ofSeconds(60));
        } catch (Exception e) {
            System.out.println("cluster-session: skip the MPJ daemon could not start: " + e.getMessage());
            return;
        }
        try (daemon) {
            Path machines = Files.createTempFile("mpj-machines", ".txt");
            try {
                Files.writeString(machines, "localhost\n");
                var options = new MpiOptions(np, Device.NIODEV, machines, Duration.ofSeconds(90), line -> { });
                var result = Broadcast.run(options);
                result.ranks().forEach(r -> System.out.println(r.line()));
                System.out.println("cluster-session: ok " + result.run().describe());
            } finally {
                Files.deleteIfExists(machines);
            }
        }
    }
}
