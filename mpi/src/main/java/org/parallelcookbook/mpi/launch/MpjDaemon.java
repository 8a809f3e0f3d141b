package org.parallelcookbook.mpi.launch;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.UnavailableException;
import org.parallelcookbook.core.launch.ChildJvm;
import org.parallelcookbook.core.launch.ChildMain;
import org.parallelcookbook.core.launch.JvmLauncher;

/**
 * An MPJ Express daemon ({@code runtime.daemon.MPJDaemon}), the per-host agent of cluster mode: an
 * {@code MPJRun -dev niodev -machinesfile FILE} client asks the daemon of every host in the file to
 * start that host's ranks, one JVM each.
 *
 * <p>Started directly, not through Debian's {@code mpjdaemon} service wrapper (which cannot find
 * log4j), with the {@link MpjHome} of this module and the same {@code java} first on {@code PATH}.
 *
 * <p><b>Security warning.</b> The daemon listens on <em>all</em> network interfaces (ports 40055 and
 * 40052 by default) and starts whatever class a client names, without authentication. Run it only on
 * a trusted cluster network, behind a firewall, and stop it when the job is done. The tests start
 * it only inside a private network namespace of their own, and are skipped where none can be made.
 *
 * <p>As a program: {@code java -cp cookbook.jar org.parallelcookbook.mpi.launch.MpjDaemon [--port 40055]}
 * runs a daemon in the foreground until interrupted (one per cluster host).
 */
public final class MpjDaemon implements AutoCloseable {

    /** The daemon port of MPJ Express's default configuration. */
    public static final int DEFAULT_PORT = 40055;

    private final ChildJvm jvm;
    private final int port;

    private MpjDaemon(ChildJvm jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    /** The launcher of a daemon JVM (not started). */
    public static JvmLauncher launcher(MpjHome home, int port) {
        MpjInstallation inst = home.installation();
        if (inst.extras().size() < MpjInstallation.DAEMON_EXTRAS.size()) {
            throw new UnavailableException("an MPJ daemon needs commons-cli, commons-io and commons-codec (found "
                    + inst.extras() + "): sudo apt-get install libcommons-cli-java libcommons-io-java libcommons-codec-java");
        }
        List<Path> cp = new ArrayList<>();
        for (String jar : List.of("daemon.jar", "runtimecommon.jar", "mpj.jar", "log4j-1.2.jar", "commons-cli.jar",
                "commons-io.jar", "commons-codec.jar")) {
            cp.add(home.lib(jar));
        }
        cp.add(MpiRun.codeSource(ChildMain.class));
        return JvmLauncher.forMain("runtime.daemon.MPJDaemon").name("MPJDaemon-" + port).classpath(cp)
                .environment("MPJ_HOME", home.dir().toString())
                .environment("PATH", JvmLauncher.javaExecutable().getParent() + File.pathSeparator
                        + Objects.requireNonNullElse(System.getenv("PATH"), "/usr/bin:/bin"))
                .args(String.valueOf(port));
    }

    /**
     * Starts a daemon on this host and waits until it accepts connections on 127.0.0.1.
     *
     * @throws IOException when it does not come up within {@code timeout} (it is stopped), for
     *                     instance because the port is taken
     */
    public static MpjDaemon start(MpjHome home, int port, Duration timeout) throws IOException {
        ChildJvm jvm = launcher(home, port).start();
        try {
            jvm.closeStdin();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                if (!jvm.isAlive()) {
                    throw new IOException("the MPJ daemon exited with status " + jvm.process().exitValue()
                            + " before listening on port " + port + ": " + lastLines(jvm));
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 250);
                    return new MpjDaemon(jvm, port);
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("the MPJ daemon did not listen on port " + port + " within "
                                + timeout.toSeconds() + " s: " + lastLines(jvm));
                    }
                    jvm.process().onExit().completeOnTimeout(null, 200, java.util.concurrent.TimeUnit.MILLISECONDS).join();
                }
            }
        } catch (IOException | RuntimeException e) {
            jvm.close();
            throw e;
        }
    }

    private static String lastLines(ChildJvm jvm) {
        List<String> lines = (jvm.stdout() + jvm.stderr()).lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(no output)" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    public int port() {
        return port;
    }

    public long pid() {
        return jvm.pid();
    }

    /** What the daemon printed so far. */
    public String output() {
        return jvm.stdout() + jvm.stderr();
    }

    /** Stops the daemon and every rank JVM it started. */
    @Override
    public void close() {
        jvm.close();
    }

    /** Runs a daemon in the foreground: {@code [--port N]}. */
    public static void main(String[] args) {
        var options = org.parallelcookbook.core.RecipeOptions.named("mpj-daemon", "An MPJ Express daemon for cluster mode (niodev)")
                .intOption("--port", DEFAULT_PORT, 1, 65_535, "port the daemon listens on (all interfaces)");
        RecipeMain.run(args, options, opt -> {
            int port = opt.intValue("--port");
            MpjHome home = MpjHome.prepare();
            System.err.println("WARNING: the MPJ daemon listens on ALL interfaces (port " + port
                    + " and the port manager's) and runs any class a client names. Trusted networks only.");
            try (MpjDaemon d = start(home, port, Duration.ofSeconds(60))) {
                System.out.println("MPJ daemon (pid " + d.pid() + ") listening on port " + port + ", MPJ_HOME " + home.dir()
                        + "; Ctrl-C stops it");
                d.jvm.process().waitFor();
            }
        });
    }
}
