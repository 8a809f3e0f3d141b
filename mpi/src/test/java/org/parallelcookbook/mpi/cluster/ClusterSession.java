package org.parallelcookbook.mpi.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.parallelcookbook.mpi.Broadcast;
import org.parallelcookbook.mpi.DeadlockAvoidance;
import org.parallelcookbook.mpi.MpiOptions;
import org.parallelcookbook.mpi.launch.Device;
import org.parallelcookbook.mpi.launch.MpiResult;
import org.parallelcookbook.mpi.launch.MpiRun;
import org.parallelcookbook.mpi.launch.MpjDaemon;
import org.parallelcookbook.mpi.launch.MpjHome;
import org.parallelcookbook.mpi.launch.NeverReturns;
import org.parallelcookbook.mpi.launch.RankProtocol;

/**
 * One cluster-mode session for {@link ClusterModeTest}, run in a JVM of its own inside a private
 * network namespace: start an MPJ daemon on this host, write a machines file naming
 * {@code localhost}, run on the niodev device, stop the daemon.
 * <ul>
 *   <li>{@code bcast NP}: {@link Broadcast}; prints the ranks' lines, then {@code cluster-session: ok}.</li>
 *   <li>{@code deadlock NP}: {@link DeadlockAvoidance}'s {@code send-first} and {@code ssend-first}
 *       with a 5 s limit; prints each summary, then {@code cluster-session: ok}.</li>
 *   <li>{@code hang NP}: {@link NeverReturns} with a 3 s limit; right after the launcher returns,
 *       while the daemon still runs, prints {@code cluster-session: left <pids>} naming every rank
 *       JVM of the run still alive on this host, then {@code cluster-session: ok}.</li>
 * </ul>
 * A daemon that cannot start prints {@code cluster-session: daemon failed ...} and exits with 1:
 * inside a namespace of its own nothing else can hold its ports.
 */
public final class ClusterSession {

    private ClusterSession() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int np = Integer.parseInt(args[1]);
        MpjHome home = MpjHome.prepare();
        MpjDaemon daemon;
        try {
            daemon = MpjDaemon.start(home, MpjDaemon.DEFAULT_PORT, Duration.ofSeconds(60));
        } catch (Exception e) {
            System.out.println("cluster-session: daemon failed: " + e.getMessage());
            System.exit(1);
            return;
        }
        try (daemon) {
            Path machines = Files.createTempFile("mpj-machines", ".txt");
            try {
                Files.writeString(machines, "localhost\n");
                if (mode.equals("hang")) {
                    hang(np, machines, daemon);
                } else if (mode.equals("deadlock")) {
                    var options = new MpiOptions(np, Device.NIODEV, machines, Duration.ofSeconds(5), line -> { });
                    for (var v : List.of(DeadlockAvoidance.Variant.SEND_FIRST, DeadlockAvoidance.Variant.SSEND_FIRST)) {
                        System.out.println("cluster-session: " + DeadlockAvoidance.run(v, options).summary());
                    }
                    System.out.println("cluster-session: ok");
                } else {
                    var options = new MpiOptions(np, Device.NIODEV, machines, Duration.ofSeconds(90), line -> { });
                    var result = Broadcast.run(options);
                    result.ranks().forEach(r -> System.out.println(r.line()));
                    System.out.println("cluster-session: ok " + result.run().describe());
                }
            } finally {
                Files.deleteIfExists(machines);
            }
        }
    }

    private static void hang(int np, Path machines, MpjDaemon daemon) throws Exception {
        MpiRun run = MpiRun.of(NeverReturns.class).np(np).device(Device.NIODEV).machinesFile(machines)
                .timeout(Duration.ofSeconds(3)).startTimeout(Duration.ofSeconds(90));
        MpiResult r = run.run();
        // every JVM of this run (its rank JVMs, MPJRun): other programs' runs on the machine are not counted
        String tag = "-D" + RankProtocol.RUN_PROPERTY + "=" + run.runId();
        List<String> left = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> RankProtocol.arguments(p).map(a -> a.contains(tag)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        System.out.println("cluster-session: outcome " + r.outcome() + " ready " + r.ranks().size());
        System.out.println("cluster-session: daemon alive " + ProcessHandle.of(daemon.pid()).map(ProcessHandle::isAlive).orElse(false));
        System.out.println("cluster-session: left " + left);
        System.out.println("cluster-session: ok");
    }
}
