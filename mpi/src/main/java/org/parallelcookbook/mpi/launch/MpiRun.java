package org.parallelcookbook.mpi.launch;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.parallelcookbook.core.launch.ChildJvm;
import org.parallelcookbook.core.launch.ChildMain;
import org.parallelcookbook.core.launch.ChildResult;
import org.parallelcookbook.core.launch.JvmLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an MPJ Express main class with N ranks on MPJ's own runtime ({@code runtime.starter.MPJRun}),
 * the way {@code mpiexec -n N python script.py} runs an mpi4py program, and returns each rank's
 * result. A library: recipes, their tests and the benchmark all launch ranks through it.
 *
 * <pre>{@code
 * MpiResult r = MpiRun.of(Broadcast.class).np(10).onOutput(System.out::println).run().requireSuccess();
 * r.rank(3).line();   // rank 3 of 10: before -1 after 100
 * }</pre>
 *
 * <p>What it guarantees:
 * <ul>
 *   <li><b>MPJ's runtime, set up right.</b> It starts {@code MPJRun} in a child JVM with
 *       {@code MPJ_HOME} pointing at an {@link MpjHome} of its own (Debian's jars plus log4j 1.2,
 *       configuration, logs), the same {@code java} first on {@code PATH} (MPJRun starts its rank
 *       JVM as plain {@code java}), and as the ranks' class path this program's own class path
 *       without MPJ's jars (each rank loads those through MPJ's class loader).</li>
 *   <li><b>Output streamed.</b> Every line the ranks print reaches {@link #onOutput} as it arrives;
 *       lines in the {@link RankLine} format are also collected per rank.</li>
 *   <li><b>Failure is fast and named.</b> A rank that runs through {@code MpiRank} reports an
 *       exception at once; the run is stopped within moments and the result names the rank and
 *       its exception ({@link MpiResult#describe()}).</li>
 *   <li><b>Time limits.</b> {@link #startTimeout} bounds the start of the ranks (JVM start, class
 *       loading, {@code MPI.Init}); {@link #timeout} bounds the run from the moment every rank is up,
 *       so a deadlock is detected after the same time on a busy machine as on an idle one.</li>
 *   <li><b>Nothing left running.</b> On failure, time-out or success, MPJRun and every process
 *       below it are destroyed, and so is every JVM on this host tagged with this run
 *       ({@link RankProtocol#RUN_PROPERTY}): in cluster mode the ranks are children of the MPJ
 *       daemon, not of MPJRun. MPJRun halts if this program dies; a rank JVM on this host halts
 *       when this program's process is gone ({@link RankProtocol#WATCH_PROPERTY}); and every rank
 *       JVM, on any host, halts once it has lived longer than the time limits allow
 *       ({@link RankProtocol#LIFETIME_PROPERTY}).</li>
 * </ul>
 */
public final class MpiRun {

    private static final Logger LOG = LoggerFactory.getLogger(MpiRun.class);
    private static final Pattern MPJ_JAR = Pattern.compile("mpj(-[0-9.]+)?\\.jar");
    private static final Duration EXIT_GRACE = Duration.ofSeconds(10);
    private static final Duration LIFETIME_MARGIN = Duration.ofSeconds(10);

    private static final AtomicLong RUNS = new AtomicLong();

    private final String mainClass;
    private final String runId = ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
    private int np = 1;
    private final List<String> args = new ArrayList<>();
    private final List<String> rankJvmOptions = new ArrayList<>();
    private Device device = Device.MULTICORE;
    private Path machinesFile;
    private Duration timeout = Duration.ofSeconds(60);
    private Duration startTimeout = Duration.ofSeconds(90);
    private Consumer<String> output = line -> { };
    private String rankClasspath;
    private MpjHome home;

    private MpiRun(String mainClass) {
        this.mainClass = Objects.requireNonNull(mainClass);
    }

    /** A run of {@code mainClass}'s {@code main} on every rank. */
    public static MpiRun of(Class<?> mainClass) {
        return new MpiRun(mainClass.getName());
    }

    public static MpiRun of(String mainClass) {
        return new MpiRun(mainClass);
    }

    /** Number of ranks (default 1). */
    public MpiRun np(int ranks) {
        if (ranks < 1) {
            throw new IllegalArgumentException("np must be at least 1, got " + ranks);
        }
        this.np = ranks;
        return this;
    }

    /** Arguments for the program ({@code MPI.Init} returns them on every rank). */
    public MpiRun args(String... values) {
        args.addAll(List.of(values));
        return this;
    }

    public MpiRun args(List<String> values) {
        args.addAll(values);
        return this;
    }

    public MpiRun device(Device value) {
        this.device = Objects.requireNonNull(value);
        return this;
    }

    /** For {@link Device#NIODEV}: the machines file, one host per line, each running an MPJ daemon. */
    public MpiRun machinesFile(Path file) {
        this.machinesFile = file;
        return this;
    }

    /** How long the ranks may run once every one is up (default 60 s); then all are killed. */
    public MpiRun timeout(Duration value) {
        this.timeout = Objects.requireNonNull(value);
        return this;
    }

    /** How long the ranks may take to start and pass {@code MPI.Init} (default 90 s). */
    public MpiRun startTimeout(Duration value) {
        this.startTimeout = Objects.requireNonNull(value);
        return this;
    }

    /** Receives every output line of the ranks as it arrives (markers and MPJ's banner left out). */
    public MpiRun onOutput(Consumer<String> listener) {
        this.output = Objects.requireNonNull(listener);
        return this;
    }

    /** Options for the JVM that runs the ranks ({@code -Xmx1g}); MPJRun passes them on. */
    public MpiRun rankJvmOptions(String... options) {
        for (String o : options) {
            if (!o.startsWith("-")) {
                throw new IllegalArgumentException("a JVM option starts with '-': " + o);
            }
        }
        rankJvmOptions.addAll(List.of(options));
        return this;
    }

    /** The ranks' class path (default: this program's class path without MPJ's jars). */
    public MpiRun rankClasspath(String value) {
        this.rankClasspath = Objects.requireNonNull(value);
        return this;
    }

    /** The MPJ home to use (default: {@link MpjHome#prepare()}). */
    public MpiRun home(MpjHome value) {
        this.home = Objects.requireNonNull(value);
        return this;
    }

    /** The MPJRun command line (without the JVM in front), for messages and docs. */
    public List<String> mpjRunArguments(MpjHome h) {
        List<String> cmd = new ArrayList<>(List.of("-np", String.valueOf(np), "-dev", device.mpjName()));
        if (device == Device.NIODEV) {
            if (machinesFile == null) {
                throw new IllegalStateException("the niodev device needs a machines file (one host per line)");
            }
            cmd.add("-machinesfile");
            cmd.add(machinesFile.toAbsolutePath().toString());
        }
        cmd.addAll(rankGuards());
        cmd.addAll(rankJvmOptions);
        cmd.add("-cp");
        cmd.add(rankClasspath != null ? rankClasspath : defaultRankClasspath(h));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** This run's tag on every rank JVM's command line ({@link RankProtocol#RUN_PROPERTY}). */
    public String runId() {
        return runId;
    }

    /**
     * The system properties that keep rank JVMs from outliving the run, whichever device starts
     * them: the run's tag, the launcher to watch (with this host's identity, so a niodev rank on
     * another host does not mistake a process of its own for the launcher), and a lifetime a little
     * longer than the longest run the time limits allow.
     */
    List<String> rankGuards() {
        long pid = ProcessHandle.current().pid();
        String watch = device == Device.MULTICORE ? String.valueOf(pid) : pid + "@" + RankProtocol.hostIdentity();
        long lifetime = startTimeout.toSeconds() + timeout.toSeconds() + EXIT_GRACE.toSeconds() + LIFETIME_MARGIN.toSeconds();
        return List.of("-D" + RankProtocol.RUN_PROPERTY + "=" + runId, "-D" + RankProtocol.WATCH_PROPERTY + "=" + watch,
                "-D" + RankProtocol.LIFETIME_PROPERTY + "=" + lifetime);
    }

    /**
     * Kills the JVMs on this host that carry this run's tag and are still alive: in cluster mode the
     * ranks are children of the MPJ daemon, not of MPJRun, so destroying MPJRun's tree leaves them
     * blocked in whatever deadlocked. Ranks on other hosts end through their lifetime
     * ({@link RankProtocol#LIFETIME_PROPERTY}) at the latest.
     *
     * @return how many were killed
     */
    int killRankJvms() throws InterruptedException {
        String tag = "-D" + RankProtocol.RUN_PROPERTY + "=" + runId;
        ProcessHandle me = ProcessHandle.current();
        Optional<String> user = me.info().user();
        List<ProcessHandle> tagged = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != me.pid() && isRankJvmOf(p.info().user(), RankProtocol.arguments(p), tag, user))
                .toList();
        tagged.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : tagged) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                LOG.warn("rank JVM {} of run {} did not exit within 10 s of SIGKILL", p.pid(), runId);
            }
        }
        if (!tagged.isEmpty()) {
            LOG.debug("killed {} JVMs of run {} that outlived MPJRun: {}", tagged.size(), runId,
                    tagged.stream().map(ProcessHandle::pid).toList());
        }
        return tagged.size();
    }

    /**
     * Whether a process is one of this run's JVMs: one of its arguments is exactly the run's tag,
     * and it runs as the same user as this program. Two conditions, each enough to spare every
     * other process on the host, since what passes is killed.
     */
    static boolean isRankJvmOf(Optional<String> processUser, Optional<List<String>> arguments, String tag,
                               Optional<String> user) {
        return user.isPresent() && processUser.equals(user) && arguments.map(a -> a.contains(tag)).orElse(false);
    }

    /**
     * Runs the ranks and waits until they finish, one throws, or a time limit passes.
     *
     * @throws org.parallelcookbook.core.UnavailableException when MPJ Express is not installed
     */
    public MpiResult run() throws IOException, InterruptedException {
        MpjHome h = home != null ? home : MpjHome.prepare();
        if (device == Device.NIODEV && (machinesFile == null || !Files.isRegularFile(machinesFile))) {
            throw new IllegalArgumentException("the niodev device needs a machines file, got " + machinesFile);
        }
        List<String> mpjArgs = mpjRunArguments(h);
        Tracker tracker = new Tracker(np, output);
        JvmLauncher launcher = JvmLauncher.forMain("runtime.starter.MPJRun")
                .name("MPJRun-" + mainClass.substring(mainClass.lastIndexOf('.') + 1))
                .classpath(List.of(h.lib("starter.jar"), codeSource(ChildMain.class)))
                .quickStart()
                .environment("MPJ_HOME", h.dir().toString())
                .environment("PATH", JvmLauncher.javaExecutable().getParent() + File.pathSeparator
                        + Objects.requireNonNullElse(System.getenv("PATH"), "/usr/bin:/bin"))
                .args(mpjArgs)
                .onStdoutLine(tracker::accept)
                .onStderrLine(tracker::accept);
        LOG.debug("MPJRun {}", mpjArgs);
        long start = System.nanoTime();
        try (ChildJvm child = launcher.start()) {
            child.closeStdin();
            child.process().onExit().thenRun(tracker::exited);
            MpiResult.Outcome outcome = tracker.await(startTimeout, timeout);
            if (child.isAlive()) {
                child.destroyTree();
            }
            ChildResult finished;
            try {
                finished = child.waitFor(Duration.ofSeconds(10)); // also reads the rest of the output
            } catch (TimeoutException e) {
                child.destroyTree();
                finished = null;
            }
            if (outcome == null) {
                outcome = tracker.outcomeAtExit();
            }
            killRankJvms();
            int exit = finished == null ? -1 : finished.exitCode();
            if (outcome == MpiResult.Outcome.TIMED_OUT || outcome == MpiResult.Outcome.RANK_FAILED) {
                exit = -1;
            }
            return tracker.result(mainClass, device, outcome, exit, Duration.ofNanos(System.nanoTime() - start), timeout);
        }
    }

    /**
     * This program's class path without MPJ Express's own jars: in multicore mode MPJ adds its
     * {@code mpi.jar} and {@code mpjdev.jar} to each rank's class loader itself, and a second copy
     * of the {@code mpi} classes earlier on the path would split them between two jars.
     */
    public static String defaultRankClasspath(MpjHome h) {
        Set<Path> mpj = new HashSet<>();
        for (Path p : List.of(h.installation().apiJar(), h.installation().log4j())) {
            mpj.add(real(p));
        }
        try (var s = Files.newDirectoryStream(h.installation().libDir(), "*.jar")) {
            s.forEach(p -> mpj.add(real(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        h.jars().forEach(p -> mpj.add(real(p)));
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry);
            if (MPJ_JAR.matcher(p.getFileName() == null ? "" : p.getFileName().toString()).matches()
                    || mpj.contains(real(p))) {
                continue;
            }
            kept.add(p.toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, kept);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
        }
    }

    /** MPJ's own chatter: its start banner and niodev's per-process start and stop lines. */
    static boolean isRuntimeChatter(String line) {
        return line.startsWith("MPJ Express (") || line.startsWith("Starting process <")
                || line.startsWith("Stopping Process <") || line.startsWith("Stopping process <");
    }

    /**
     * The body of a stack trace MPJ's starter prints for a rank that threw: kept in the result's
     * output, not passed on, since the result names the rank and its exception in one line.
     */
    static boolean isStackTrace(String line) {
        return line.startsWith("\tat ") || line.startsWith("\t... ") || line.startsWith("Caused by: ")
                || line.equals("java.lang.reflect.InvocationTargetException");
    }

    /** Follows the output of a run and decides how it ended. */
    static final class Tracker {
        private final int np;
        private final Consumer<String> listener;
        private final List<String> output = new ArrayList<>();
        private final List<List<RankLine>> lines = new ArrayList<>();
        private final RankResult.State[] states;
        private final String[] failures;
        private int ready;
        private int done;
        private boolean markersSeen;
        private boolean failed;
        private boolean exited;

        Tracker(int np, Consumer<String> listener) {
            this.np = np;
            this.listener = listener;
            this.states = new RankResult.State[np];
            this.failures = new String[np];
            for (int i = 0; i < np; i++) {
                lines.add(new ArrayList<>());
                states[i] = RankResult.State.UNFINISHED;
                failures[i] = "";
            }
        }

        void accept(String line) {
            RankProtocol.Marker m = RankProtocol.parse(line);
            boolean forward;
            synchronized (this) {
                if (m != null && m.rank() >= 0 && m.rank() < np) {
                    markersSeen = true;
                    switch (m.kind()) {
                        case "ready" -> ready++;
                        case "done" -> {
                            done++;
                            states[m.rank()] = RankResult.State.FINISHED;
                        }
                        case "failed" -> {
                            failed = true;
                            states[m.rank()] = RankResult.State.FAILED;
                            failures[m.rank()] = m.detail();
                        }
                        default -> LOG.debug("unknown marker {}", line);
                    }
                    notifyAll();
                    return;
                }
                output.add(line);
                RankLine.parse(line).filter(l -> l.rank() < np).ifPresent(l -> lines.get(l.rank()).add(l));
                forward = !isRuntimeChatter(line) && !isStackTrace(line);
            }
            if (forward) {
                listener.accept(line);
            } else {
                LOG.debug("MPJ: {}", line);
            }
        }

        synchronized void exited() {
            exited = true;
            notifyAll();
        }

        /** Waits for the end of the run; {@code null} when MPJRun exited on its own (see {@link #outcomeAtExit}). */
        synchronized MpiResult.Outcome await(Duration startTimeout, Duration timeout) throws InterruptedException {
            long started = System.nanoTime();
            long readyAt = -1;
            long doneAt = -1;
            while (true) {
                long now = System.nanoTime();
                if (failed) {
                    return MpiResult.Outcome.RANK_FAILED;
                }
                if (ready == np && readyAt < 0) {
                    readyAt = now;
                }
                if (done == np && doneAt < 0) {
                    doneAt = now;
                }
                if (exited) {
                    return null; // decided once the rest of the output has been read
                }
                long deadline;
                if (doneAt >= 0) {
                    deadline = doneAt + EXIT_GRACE.toNanos(); // all finished: MPJRun should end on its own
                } else if (readyAt >= 0) {
                    deadline = readyAt + timeout.toNanos();
                } else {
                    deadline = started + startTimeout.toNanos() + (markersSeen ? 0 : timeout.toNanos());
                }
                if (now - deadline >= 0) {
                    if (doneAt >= 0) {
                        LOG.warn("every rank finished but MPJRun did not exit within {} s; destroyed it", EXIT_GRACE.toSeconds());
                        return MpiResult.Outcome.SUCCEEDED;
                    }
                    return MpiResult.Outcome.TIMED_OUT;
                }
                long waitMs = Math.max(1, (deadline - now) / 1_000_000);
                wait(waitMs);
            }
        }

        /** How a run that ended on its own went, once all its output has been read. */
        synchronized MpiResult.Outcome outcomeAtExit() {
            if (failed) {
                return MpiResult.Outcome.RANK_FAILED;
            }
            if (done == np) {
                return MpiResult.Outcome.SUCCEEDED;
            }
            if (!markersSeen) {
                boolean threw = output.stream().anyMatch(l -> l.startsWith("Caused by: ")
                        || l.startsWith("Exception in thread ") || l.startsWith("java.lang.reflect.InvocationTargetException"));
                if (!threw) {
                    for (int i = 0; i < np; i++) {
                        states[i] = RankResult.State.UNKNOWN;
                    }
                    return MpiResult.Outcome.SUCCEEDED;
                }
            }
            return MpiResult.Outcome.RUNTIME_FAILED;
        }

        synchronized MpiResult result(String mainClass, Device device, MpiResult.Outcome outcome, int exitCode,
                                      Duration elapsed, Duration timeout) {
            List<RankResult> ranks = new ArrayList<>();
            for (int i = 0; i < np; i++) {
                ranks.add(new RankResult(i, states[i], lines.get(i), failures[i]));
            }
            return new MpiResult(mainClass, device, np, outcome, ranks, output, exitCode, elapsed, timeout);
        }
    }
}
