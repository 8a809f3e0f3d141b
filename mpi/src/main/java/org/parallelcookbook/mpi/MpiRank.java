package org.parallelcookbook.mpi;

import mpi.Intracomm;
import mpi.MPI;
import org.parallelcookbook.mpi.launch.RankProtocol;

/**
 * The frame of every rank's program: {@code MPI.Init}, the rank's work, {@code MPI.Finalize}, and the
 * status lines {@link org.parallelcookbook.mpi.launch.MpiRun} reads ({@link RankProtocol}). This
 * is the only place outside the recipes' rank code that touches {@code mpi.*}; a class that calls
 * it must have checked {@link RankProtocol#isRankInvocation} first.
 *
 * <p>When the work throws, the rank reports the exception and rethrows it: under {@code MpiRun}
 * the whole run is stopped at once; under a plain {@code mpjrun} MPJ's multicore starter prints it
 * and ends the JVM. A rank JVM started by {@code MpiRun} also halts as soon as the launching program
 * is gone, so a killed launcher leaves no rank behind.
 */
public final class MpiRank {

    /** The work of one rank. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param world {@code MPI.COMM_WORLD}
         * @param args  the program's own arguments (what {@code MPI.Init} returned)
         */
        void run(Intracomm world, String[] args) throws Exception;
    }

    private MpiRank() {
    }

    /** Runs {@code body} as one rank; {@code mpjArgs} are the arguments MPJ passed to {@code main}. */
    public static void run(String[] mpjArgs, Body body) throws Exception {
        watchLauncher();
        int rank = parseRank(mpjArgs);
        try {
            String[] args = MPI.Init(mpjArgs);
            rank = MPI.COMM_WORLD.Rank();
            System.out.println(RankProtocol.ready(rank, MPI.COMM_WORLD.Size()));
            body.run(MPI.COMM_WORLD, args);
            MPI.Finalize();
            System.out.println(RankProtocol.done(rank));
        } catch (Exception | Error e) {
            System.out.println(RankProtocol.failed(rank, e));
            System.out.flush();
            throw e;
        }
    }

    private static int parseRank(String[] mpjArgs) {
        try {
            return Integer.parseInt(mpjArgs[0]);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * Halts this JVM when the program that launched the run is gone (when it runs on this host), and
     * in any case once the run's lifetime is over (once per JVM, not per rank).
     */
    private static void watchLauncher() {
        String watch = System.getProperty(RankProtocol.WATCH_PROPERTY);
        String lifetime = System.getProperty(RankProtocol.LIFETIME_PROPERTY);
        if ((watch == null && lifetime == null)
                || System.getProperties().putIfAbsent(RankProtocol.WATCH_PROPERTY + ".started", "true") != null) {
            return;
        }
        long pid = watch == null ? -1 : RankProtocol.launcherPid(watch, RankProtocol.hostIdentity());
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresentOrElse(launcher -> daemon("cookbook-mpi-launcher-watchdog", () -> {
                launcher.onExit().join();
                Runtime.getRuntime().halt(RankProtocol.HALTED);
            }), () -> Runtime.getRuntime().halt(RankProtocol.HALTED));
        }
        if (lifetime != null) {
            long seconds = Long.parseLong(lifetime);
            daemon("cookbook-mpi-lifetime", () -> {
                try {
                    Thread.sleep(java.time.Duration.ofSeconds(seconds));
                } catch (InterruptedException e) {
                    return;
                }
                System.err.println("rank JVM halted: the run's lifetime of " + seconds + " s is over");
                Runtime.getRuntime().halt(RankProtocol.HALTED);
            });
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
