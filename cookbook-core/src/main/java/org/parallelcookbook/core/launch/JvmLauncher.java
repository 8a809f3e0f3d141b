package org.parallelcookbook.core.launch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Starts a Java main class in a new JVM: Java has no {@code fork}, so a "process" in this cookbook
 * is a fresh JVM started with the same {@code java} executable and the same class path as the
 * parent. Arguments travel as strings, system properties as {@code -D} options; standard output
 * and error are captured line by line (or inherited, or left as raw pipes).
 *
 * <pre>{@code
 * ChildResult r = JvmLauncher.forMain(SpawnedWorker.class).args("3").run(Duration.ofSeconds(30));
 * r.requireSuccess().stdoutLines();
 * }</pre>
 *
 * <p>Cleanup is guaranteed three ways: {@link ChildJvm#close()} destroys the child and its
 * descendants, a shutdown hook destroys every child still running when the parent exits, and the
 * child itself halts when its parent disappears ({@link ChildMain}'s watchdog), which also covers a
 * parent killed with SIGKILL.
 */
public final class JvmLauncher {

    /** How the child's standard output or error is handled. */
    public enum Output {
        /** Read line by line into a buffer (and handed to a listener, if any). */
        CAPTURE,
        /** Written straight to the parent's stream. */
        INHERIT,
        /** Left as a pipe for the caller to read from {@link ChildJvm#process()}. */
        PIPE
    }

    private final String mainClass;
    private final List<String> args = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String classpath = System.getProperty("java.class.path");
    private String name;
    private Output stdout = Output.CAPTURE;
    private Output stderr = Output.CAPTURE;
    private boolean inheritStdin;
    private boolean watchParent = true;
    private Consumer<String> stdoutListener;
    private Consumer<String> stderrListener;
    private Path workingDirectory;

    private JvmLauncher(String mainClass) {
        this.mainClass = Objects.requireNonNull(mainClass);
        this.name = mainClass.substring(Math.max(mainClass.lastIndexOf('.'), mainClass.lastIndexOf('$')) + 1);
    }

    public static JvmLauncher forMain(Class<?> mainClass) {
        return new JvmLauncher(mainClass.getName());
    }

    public static JvmLauncher forMain(String mainClass) {
        return new JvmLauncher(mainClass);
    }

    /** The {@code java} executable of the running JVM. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public JvmLauncher args(String... values) {
        args.addAll(List.of(values));
        return this;
    }

    public JvmLauncher args(List<String> values) {
        args.addAll(values);
        return this;
    }

    public JvmLauncher systemProperty(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Adds options for the child JVM itself ({@code -Xmx64m}, {@code -XX:TieredStopAtLevel=1}). */
    public JvmLauncher jvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /**
     * Options that cut the start-up of a short-lived child: C1 only, the serial collector, a small
     * heap, class data sharing, no perf data file.
     */
    public JvmLauncher quickStart() {
        return jvmOptions("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:-UsePerfData", "-Xss512k", "-Xms16m");
    }

    public JvmLauncher environment(String key, String value) {
        environment.put(key, value);
        return this;
    }

    public JvmLauncher classpath(String value) {
        this.classpath = Objects.requireNonNull(value);
        return this;
    }

    public JvmLauncher classpath(List<Path> entries) {
        return classpath(String.join(File.pathSeparator, entries.stream().map(Path::toString).toList()));
    }

    /** The name used in messages and thread names (default: the main class's simple name). */
    public JvmLauncher name(String value) {
        this.name = Objects.requireNonNull(value);
        return this;
    }

    public JvmLauncher stdout(Output mode) {
        this.stdout = Objects.requireNonNull(mode);
        return this;
    }

    public JvmLauncher stderr(Output mode) {
        this.stderr = Objects.requireNonNull(mode);
        return this;
    }

    /** Receives each captured line of standard output as it arrives. */
    public JvmLauncher onStdoutLine(Consumer<String> listener) {
        this.stdoutListener = listener;
        return this;
    }

    /** Receives each captured line of standard error as it arrives. */
    public JvmLauncher onStderrLine(Consumer<String> listener) {
        this.stderrListener = listener;
        return this;
    }

    /** Lets the child read the parent's standard input (default: a pipe, see {@link ChildJvm#stdin()}). */
    public JvmLauncher inheritStdin(boolean value) {
        this.inheritStdin = value;
        return this;
    }

    /**
     * Whether the child halts when its parent disappears (default true). Switch it off only to show
     * an orphan on purpose, and destroy that child yourself.
     */
    public JvmLauncher watchParent(boolean value) {
        this.watchParent = value;
        return this;
    }

    public JvmLauncher workingDirectory(Path dir) {
        this.workingDirectory = dir;
        return this;
    }

    /** The full command line this launcher would run. */
    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable().toString());
        cmd.addAll(jvmOptions);
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(ChildMain.class.getName());
        cmd.add(String.valueOf(watchParent ? ProcessHandle.current().pid() : 0));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** Starts the child. Close the returned handle (try-with-resources) to be sure it is gone. */
    public ChildJvm start() throws IOException {
        return wrap(processBuilder().start());
    }

    private ProcessBuilder processBuilder() {
        ProcessBuilder pb = new ProcessBuilder(command());
        pb.environment().putAll(environment);
        if (workingDirectory != null) {
            pb.directory(workingDirectory.toFile());
        }
        pb.redirectOutput(stdout == Output.INHERIT ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
        pb.redirectError(stderr == Output.INHERIT ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
        pb.redirectInput(inheritStdin ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
        return pb;
    }

    private ChildJvm wrap(Process process) {
        return new ChildJvm(name, process, stdout == Output.CAPTURE, stderr == Output.CAPTURE,
                stdoutListener, stderrListener);
    }

    /**
     * Starts the stages as one pipeline ({@link ProcessBuilder#startPipeline}): the operating system
     * connects each stage's standard output straight to the next stage's standard input, as a shell
     * does for {@code a | b}; no thread of the parent copies the bytes. Every stage but the last
     * must write its stdout to {@link Output#PIPE}, and no stage but the first may inherit stdin.
     * The first stage's stdin and the last stage's stdout stay the parent's to write and read.
     * Returns one handle per stage, in order; close them all. If a stage fails to start, the ones
     * already started are destroyed.
     */
    public static List<ChildJvm> startPipeline(List<JvmLauncher> stages) throws IOException {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one stage");
        }
        for (int i = 0; i < stages.size() - 1; i++) {
            if (stages.get(i).stdout != Output.PIPE) {
                throw new IllegalArgumentException("stage " + i + " (" + stages.get(i).name
                        + ") feeds the next one: its stdout must be Output.PIPE");
            }
        }
        List<Process> processes = ProcessBuilder.startPipeline(
                stages.stream().map(JvmLauncher::processBuilder).toList());
        List<ChildJvm> children = new ArrayList<>(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            children.add(stages.get(i).wrap(processes.get(i)));
        }
        return List.copyOf(children);
    }

    /**
     * Starts the child with an empty standard input, waits for it and returns what it printed.
     * The child is destroyed if it runs longer than {@code timeout}.
     *
     * @throws TimeoutException when the child did not finish in time (it has been destroyed)
     */
    public ChildResult run(Duration timeout) throws IOException, InterruptedException, TimeoutException {
        try (ChildJvm child = start()) {
            if (!inheritStdin) {
                child.closeStdin();
            }
            return child.waitFor(timeout);
        }
    }
}
