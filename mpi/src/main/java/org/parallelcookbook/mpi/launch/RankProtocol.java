package org.parallelcookbook.mpi.launch;

import java.util.Set;

/**
 * How a rank tells {@link MpiRun} where it stands, on its standard output: one marker line after
 * {@code MPI.Init} ({@code ready}), one after {@code MPI.Finalize} ({@code done}) and one when its
 * code threw ({@code failed}, with the exception). MPJ Express itself gives no per-rank status: in
 * multicore mode all ranks share one JVM, and 0.44's starter exits with status 0 even when a rank
 * throws. {@link MpiRun} hides the markers from the output it passes on.
 *
 * <p>Nothing here touches an {@code mpi.*} class: a recipe's {@code main} calls
 * {@link #isRankInvocation} before it touches MPJ.
 */
public final class RankProtocol {

    /** Prefix of every marker line. */
    public static final String MARKER = "#cookbook-mpi ";
    /**
     * System property of the rank JVM: the pid of the program that launched the run. A rank JVM
     * halts when that process is gone, so no rank outlives a launcher that was killed.
     */
    public static final String WATCH_PROPERTY = "cookbook.mpi.watch";
    /**
     * System property of the rank JVM: the run it belongs to, so that the launcher can find and
     * kill the rank JVMs an MPJ daemon started for it.
     */
    public static final String RUN_PROPERTY = "cookbook.mpi.run";
    /**
     * System property of the rank JVM: seconds after which it halts whatever it is doing, a little
     * more than the longest run the launcher's time limits allow. The last guard for ranks on hosts
     * where the launcher can neither watch nor kill them.
     */
    public static final String LIFETIME_PROPERTY = "cookbook.mpi.lifetime";
    /** Exit status of a rank JVM halted by its launcher's absence or by its lifetime. */
    public static final int HALTED = 125;

    private static final Set<String> DEVICES = Set.of("smpdev", "niodev", "hybdev", "mxdev", "native");

    private RankProtocol() {
    }

    /**
     * True when {@code args} are what MPJ Express hands a rank's {@code main}:
     * {@code [rank, nprocs-or-config, device, user args...]} with a device MPJ knows
     * ({@code smpdev} in multicore mode, {@code niodev} in cluster mode).
     */
    public static boolean isRankInvocation(String[] args) {
        if (args == null || args.length < 3 || !DEVICES.contains(args[2])) {
            return false;
        }
        try {
            return Integer.parseInt(args[0]) >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * What tells this host from another in {@link #WATCH_PROPERTY}: Linux's boot id (one per booted
     * kernel, so the same inside a network namespace of the same machine), else the host name.
     */
    public static String hostIdentity() {
        try {
            String boot = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/random/boot_id")).strip();
            if (!boot.isEmpty()) {
                return boot;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: fall back to the host name
        }
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "unknown-host";
            }
        }
        return host;
    }

    /**
     * The pid to watch, from {@link #WATCH_PROPERTY}'s value ({@code PID} or {@code PID@HOST}), or
     * -1 when the launcher runs on another host than {@code thisHost}.
     */
    public static long launcherPid(String watch, String thisHost) {
        int at = watch.indexOf('@');
        if (at < 0) {
            return Long.parseLong(watch);
        }
        return watch.substring(at + 1).equals(thisHost) ? Long.parseLong(watch.substring(0, at)) : -1;
    }

    /**
     * A process's arguments, {@code argv[0]} first. On Linux read from {@code /proc/PID/cmdline}:
     * {@link ProcessHandle.Info#arguments()} gives none at all for a command line longer than a
     * page, which a rank JVM's (with a test suite's class path) easily is. Elsewhere that method's
     * answer.
     */
    public static java.util.Optional<java.util.List<String>> arguments(ProcessHandle p) {
        java.nio.file.Path cmdline = java.nio.file.Path.of("/proc", String.valueOf(p.pid()), "cmdline");
        try {
            byte[] raw = java.nio.file.Files.readAllBytes(cmdline);
            if (raw.length > 0) {
                String all = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
                if (all.endsWith("\0")) {
                    all = all.substring(0, all.length() - 1);
                }
                return java.util.Optional.of(java.util.List.of(all.split("\0", -1)));
            }
        } catch (java.io.IOException | RuntimeException e) {
            // gone, not ours, or not Linux
        }
        return p.info().arguments().map(a -> {
            java.util.List<String> all = new java.util.ArrayList<>();
            p.info().command().ifPresent(all::add);
            all.addAll(java.util.List.of(a));
            return java.util.List.copyOf(all);
        });
    }

    public static String ready(int rank, int size) {
        return MARKER + "ready " + rank + " " + size;
    }

    public static String done(int rank) {
        return MARKER + "done " + rank;
    }

    public static String failed(int rank, Throwable t) {
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().replaceAll("\\s+", " ").strip();
        return MARKER + "failed " + rank + " " + t.getClass().getName() + message;
    }

    /** A parsed marker. */
    record Marker(String kind, int rank, String detail) {
    }

    /** The marker in the line, or {@code null} when it is not one. */
    static Marker parse(String line) {
        if (!line.startsWith(MARKER)) {
            return null;
        }
        String[] parts = line.substring(MARKER.length()).split(" ", 3);
        if (parts.length < 2) {
            return null;
        }
        try {
            int rank = Integer.parseInt(parts[1]);
            return new Marker(parts[0], rank, parts.length > 2 ? parts[2] : "");
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
