package org.parallelcookbook.core.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's options, each observed in the child it starts (or in the command line it builds),
 * and how {@link ChildJvm} captures and destroys. These live beside {@link JvmLauncherTest} in
 * cookbook-core because a mutation run of this module only runs this module's tests: the processes
 * module's tests, which use most of these options, do not count for it.
 */
// SEPARATE_THREAD: the tests read child JVMs' pipes, and a read on a pipe ignores interrupts
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JvmLauncherOptionsTest {

    /** Prints what a child can see of how it was started. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("env " + System.getenv("COOKBOOK_TEST_ENV"));
            System.out.println("dir " + Path.of(System.getProperty("user.dir")).toAbsolutePath());
            System.out.println("args " + String.join(",", args));
            System.err.println("err one");
            System.err.println("err two");
        }
    }

    /** Prints many lines and exits at once: the pump is still reading when the process has gone. */
    public static final class Chatty {
        public static void main(String[] args) {
            int n = Integer.parseInt(args[0]);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append("line ").append(i).append('\n');
            }
            System.out.print(sb);
            System.out.flush();
        }
    }

    /** Waits for ever; a shutdown hook that never returns makes SIGTERM unable to end it. */
    public static final class Stubborn {
        public static void main(String[] args) throws Exception {
            if (args.length > 0 && args[0].equals("ignore-term")) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            if (args.length == 0 || !args[0].equals("silent")) {
                System.out.println("ready");
                System.out.flush();
            }
            new CountDownLatch(1).await(); // until the test destroys this JVM
        }
    }

    /** Reads its standard input to the end and says how much it read. */
    public static final class Counter {
        public static void main(String[] args) throws IOException {
            System.out.println("read " + System.in.readAllBytes().length + " bytes");
        }
    }

    /**
     * Starts a grandchild that nothing but its parent's destroyTree() can end while the test runs:
     * started with ProcessBuilder (so no ChildJvm, no shutdown hook of this JVM destroys it), its
     * watchdog on the test JVM rather than on this one. Prints its pid and waits for ever.
     */
    public static final class OrphanMaker {
        public static void main(String[] args) throws Exception {
            // ChildMain watches the pid in args[0], the test JVM: the grandchild halts if that one
            // dies (a killed test leaves nothing behind), but not when its own parent does
            Process grandchild = new ProcessBuilder(JvmLauncher.javaExecutable().toString(), "-cp",
                    System.getProperty("java.class.path"), ChildMain.class.getName(), args[0],
                    Stubborn.class.getName(), "silent")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            System.out.println("grandchild " + grandchild.pid());
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }

    @Test
    void environmentWorkingDirectoryAndArgumentListReachTheChild(@TempDir Path dir) throws Exception {
        List<String> errLines = new CopyOnWriteArrayList<>();
        ChildResult r = JvmLauncher.forMain(Probe.class).environment("COOKBOOK_TEST_ENV", "seven")
                .workingDirectory(dir).args(List.of("p", "q")).args("r")
                .onStderrLine(errLines::add).run(Duration.ofSeconds(60)).requireSuccess();
        List<String> out = r.stdoutLines();
        assertEquals("env seven", out.get(0));
        assertEquals(dir.toRealPath(), realPath(out.get(1).substring("dir ".length())));
        assertEquals("args p,q,r", out.get(2));
        assertEquals(List.of("err one", "err two"), r.stderrLines());
        assertEquals(List.of("err one", "err two"), errLines, "the stderr listener saw every line");
    }

    private static Path realPath(String p) {
        try {
            return Path.of(p).toRealPath();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anExplicitClassPathIsTheOneTheChildGets() throws Exception {
        List<Path> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        JvmLauncher launcher = JvmLauncher.forMain(Probe.class).classpath(entries);
        List<String> cmd = launcher.command();
        assertEquals(String.join(File.pathSeparator, entries.stream().map(Path::toString).toList()),
                cmd.get(cmd.indexOf("-cp") + 1));
        assertEquals("env null", launcher.run(Duration.ofSeconds(60)).requireSuccess().stdoutLines().get(0));

        List<String> other = JvmLauncher.forMain(Probe.class).classpath("/nowhere").command();
        assertEquals("/nowhere", other.get(other.indexOf("-cp") + 1));
        ChildResult missing = JvmLauncher.forMain(Probe.class).classpath("/nowhere").run(Duration.ofSeconds(60));
        assertTrue(missing.exitCode() != 0, "no class path, no ChildMain: " + missing);
    }

    @Test
    void eachBuilderMethodReturnsItsLauncher() {
        JvmLauncher l = JvmLauncher.forMain("a.b.C$D");
        assertSame(l, l.args("x"));
        assertSame(l, l.args(List.of("y")));
        assertSame(l, l.systemProperty("k", "v"));
        assertSame(l, l.jvmOptions("-Xmx32m"));
        assertSame(l, l.quickStart());
        assertSame(l, l.environment("E", "1"));
        assertSame(l, l.classpath("cp"));
        assertSame(l, l.classpath(List.of(Path.of("cp"))));
        assertSame(l, l.name("n"));
        assertSame(l, l.stdout(JvmLauncher.Output.CAPTURE));
        assertSame(l, l.stderr(JvmLauncher.Output.CAPTURE));
        assertSame(l, l.onStdoutLine(s -> { }));
        assertSame(l, l.onStderrLine(s -> { }));
        assertSame(l, l.inheritStdin(false));
        assertSame(l, l.watchParent(true));
        assertSame(l, l.workingDirectory(null));
    }

    @Test
    void theDefaultNameIsTheSimpleNameOfANestedOrTopLevelClass() {
        assertEquals("D", stageName("a.b.C$D"));
        assertEquals("C", stageName("a.b.C"));
        assertEquals("Plain", stageName("Plain"));
    }

    /** The name a pipeline's refusal quotes for a first stage whose stdout is not a pipe. */
    private static String stageName(String mainClass) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> JvmLauncher.startPipeline(List.of(JvmLauncher.forMain(mainClass), JvmLauncher.forMain("x"))));
        return e.getMessage().substring(e.getMessage().indexOf('(') + 1, e.getMessage().indexOf(')'));
    }

    @Test
    void aPipelineConnectsEachStageToTheNextAndReturnsOneHandlePerStage() throws Exception {
        List<ChildJvm> stages = JvmLauncher.startPipeline(List.of(
                JvmLauncher.forMain(Chatty.class).args("3").stdout(JvmLauncher.Output.PIPE),
                JvmLauncher.forMain(JvmLauncherTest.Cat.class).stdout(JvmLauncher.Output.PIPE),
                JvmLauncher.forMain(JvmLauncherTest.Cat.class).name("last")));
        try {
            assertEquals(3, stages.size());
            assertEquals(List.of("Chatty", "Cat", "last"), stages.stream().map(ChildJvm::name).toList());
            stages.get(0).closeStdin();
            ChildResult last = stages.get(2).waitFor(Duration.ofSeconds(60)).requireSuccess();
            assertEquals(List.of("got got line 0", "got got line 1", "got got line 2"), last.stdoutLines());
            assertEquals(0, stages.get(0).waitFor(Duration.ofSeconds(60)).exitCode());
        } finally {
            stages.forEach(ChildJvm::close);
        }
    }

    @Test
    void aPipelineRefusesNoStagesAndAFeedingStageThatIsNotPiped() {
        assertThrows(IllegalArgumentException.class, () -> JvmLauncher.startPipeline(List.of()));
        var e = assertThrows(IllegalArgumentException.class, () -> JvmLauncher.startPipeline(List.of(
                JvmLauncher.forMain(Chatty.class).stdout(JvmLauncher.Output.PIPE),
                JvmLauncher.forMain(Chatty.class).name("middle"),
                JvmLauncher.forMain(Chatty.class))));
        assertEquals("stage 1 (middle) feeds the next one: its stdout must be Output.PIPE", e.getMessage());
        assertEquals(0, ChildJvm.liveCount(), "a refused pipeline starts nothing");
    }

    @Test
    void quickStartAndWatchParentShapeTheCommandLine() {
        List<String> cmd = JvmLauncher.forMain(Probe.class).quickStart().watchParent(false).command();
        int main = cmd.indexOf(ChildMain.class.getName());
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData",
                "-Xss512k", "-Xms16m"), cmd.subList(1, 7));
        assertEquals("0", cmd.get(main + 1), "parent pid 0 switches the child's watchdog off");
        List<String> watched = JvmLauncher.forMain(Probe.class).command();
        assertEquals(String.valueOf(ProcessHandle.current().pid()),
                watched.get(watched.indexOf(ChildMain.class.getName()) + 1));
    }

    @Test
    void aQuickStartChildRuns() throws Exception {
        ChildResult r = JvmLauncher.forMain(Probe.class).quickStart().args("quick").run(Duration.ofSeconds(60));
        assertEquals("args quick", r.requireSuccess().stdoutLines().get(2));
    }

    @Test
    void pipedOutputIsLeftToTheCallerAndNotCaptured() throws Exception {
        try (ChildJvm child = JvmLauncher.forMain(Probe.class).stdout(JvmLauncher.Output.PIPE)
                .stderr(JvmLauncher.Output.PIPE).start()) {
            child.closeStdin();
            List<String> out;
            List<String> err;
            try (var o = new BufferedReader(new InputStreamReader(child.process().getInputStream(), StandardCharsets.UTF_8));
                 var e = new BufferedReader(new InputStreamReader(child.process().getErrorStream(), StandardCharsets.UTF_8))) {
                out = o.lines().toList();
                err = e.lines().toList();
            }
            ChildResult r = child.waitFor(Duration.ofSeconds(60)).requireSuccess();
            assertEquals("args ", out.get(2));
            assertEquals(List.of("err one", "err two"), err);
            assertEquals("", r.stdout(), "a piped stream is not captured");
            assertEquals("", r.stderr(), "a piped stream is not captured");
        }
    }

    @Test
    void inheritedStreamsAreTheParentsOwn() throws Exception {
        assumeTrue(isLinux(), "reads the child's file descriptors from /proc");
        // the child prints nothing: what it inherits is this test JVM's stdout, which Surefire reads
        try (ChildJvm child = JvmLauncher.forMain(Stubborn.class).args("silent").stdout(JvmLauncher.Output.INHERIT)
                .stderr(JvmLauncher.Output.INHERIT).inheritStdin(true).start()) {
            for (int fd = 0; fd <= 2; fd++) {
                assertEquals(Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)),
                        Files.readSymbolicLink(Path.of("/proc/" + child.pid() + "/fd/" + fd)),
                        "the child's fd " + fd + " is the parent's");
            }
            assertThrows(IOException.class, () -> {
                child.stdin().write('x');
                child.stdin().flush();
            }, "an inherited stdin is no pipe the parent can write to");
        }
    }

    @Test
    void capturedStreamsArePipesOfTheirOwn() throws Exception {
        assumeTrue(isLinux(), "reads the child's file descriptors from /proc");
        try (ChildJvm child = JvmLauncher.forMain(Stubborn.class).args("silent").start()) {
            for (int fd = 0; fd <= 2; fd++) {
                Path link = Files.readSymbolicLink(Path.of("/proc/" + child.pid() + "/fd/" + fd));
                assertTrue(link.toString().startsWith("pipe:"), "fd " + fd + " is a pipe: " + link);
                assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)), link);
            }
        }
    }

    @Test
    void runClosesTheStdinPipeSoAReaderSeesItsEnd() throws Exception {
        ChildResult r = JvmLauncher.forMain(Counter.class).run(Duration.ofSeconds(60)).requireSuccess();
        assertEquals(List.of("read 0 bytes"), r.stdoutLines());
    }

    @Test
    void waitForReturnsOnlyOnceTheOutputHasBeenReadCompletely() throws Exception {
        // The pump's listener holds the first line until the process has exited and the waiting
        // thread has either returned (then its result misses lines) or waits for the pump (join).
        var waiterRef = new java.util.concurrent.atomic.AtomicReference<Thread>();
        var childRef = new java.util.concurrent.atomic.AtomicReference<ChildJvm>();
        var started = new CountDownLatch(1);
        JvmLauncher launcher = JvmLauncher.forMain(Chatty.class).args("5").onStdoutLine(line -> {
            if (line.equals("line 0")) {
                try {
                    started.await();
                    childRef.get().process().onExit().join();
                    Thread waiter = waiterRef.get();
                    while (waiter.isAlive() && !inJoin(waiter)) {
                        Thread.onSpinWait();
                        Thread.yield();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try (ChildJvm child = launcher.start()) {
            childRef.set(child);
            child.closeStdin();
            var result = new java.util.concurrent.atomic.AtomicReference<ChildResult>();
            Thread waiter = new Thread(() -> {
                try {
                    result.set(child.waitFor(Duration.ofSeconds(60)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "waiter");
            waiterRef.set(waiter);
            waiter.start();
            started.countDown();
            waiter.join();
            assertEquals(List.of("line 0", "line 1", "line 2", "line 3", "line 4"), result.get().stdoutLines(),
                    "every line was read before waitFor returned");
        }
    }

    /** Whether the thread is waiting in Thread.join (waitFor waiting for its pump threads). */
    private static boolean inJoin(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals("java.lang.Thread") && e.getMethodName().equals("join")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anInterruptedCloseStillDestroysTheChildAndKeepsTheInterrupt() throws Exception {
        ChildJvm child = JvmLauncher.forMain(Stubborn.class).args("ignore-term").start();
        try {
            awaitLine(child, "ready");
            Thread.currentThread().interrupt();
            child.close();
            assertTrue(Thread.interrupted(), "close() kept the caller's interrupt");
            assertTrue(child.process().waitFor(30, TimeUnit.SECONDS), "the child was killed without the grace period");
            if (isLinux()) {
                assertEquals(137, child.process().exitValue());
            }
        } finally {
            Thread.interrupted();
            child.process().destroyForcibly();
        }
    }

    @Test
    void aRunningChildIsCountedAndAClosedOneIsNot() throws Exception {
        int before = ChildJvm.liveCount();
        ChildJvm child = JvmLauncher.forMain(Stubborn.class).start();
        try (child) {
            awaitLine(child, "ready");
            assertEquals(before + 1, ChildJvm.liveCount());
        }
        assertEquals(before, ChildJvm.liveCount());
    }

    @Test
    void closeEndsAChildWithSigtermFirst() throws Exception {
        ChildJvm child = JvmLauncher.forMain(Stubborn.class).start();
        try (child) {
            awaitLine(child, "ready");
        }
        assertFalse(child.isAlive());
        if (isLinux()) {
            assertEquals(143, child.process().exitValue(), "SIGTERM (128 + 15), not SIGKILL");
        }
    }

    @Test
    void closeKillsAChildThatOutlastsSigtermAfterTheGracePeriod() throws Exception {
        ChildJvm child = JvmLauncher.forMain(Stubborn.class).args("ignore-term").start();
        try (child) {
            awaitLine(child, "ready");
        }
        assertFalse(child.isAlive(), "close() returns once the child is gone");
        if (isLinux()) {
            assertEquals(137, child.process().exitValue(), "SIGKILL (128 + 9) after SIGTERM did not end it");
        }
    }

    @Test
    void closeDestroysADescendantThatOutlivesItsParent() throws Exception {
        long grandchild = -1;
        try {
            ChildJvm child = JvmLauncher.forMain(OrphanMaker.class)
                    .args(String.valueOf(ProcessHandle.current().pid())).start();
            try (child) {
                String line = awaitLine(child, "grandchild ");
                grandchild = Long.parseLong(line.substring("grandchild ".length()));
                assertTrue(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false));
            }
            // its watchdog is on the test JVM, not on its parent: only close()'s walk over the descendants ends it
            ProcessHandle.of(grandchild).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS)
                    .exceptionally(t -> h).join());
            assertFalse(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false),
                    "close() destroyed the grandchild");
        } finally {
            if (grandchild > 0) {
                ProcessHandle.of(grandchild).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void closeOnAChildThatHasExitedIsHarmless() throws Exception {
        ChildJvm child = JvmLauncher.forMain(Probe.class).start();
        child.closeStdin();
        ChildResult r = child.waitFor(Duration.ofSeconds(60));
        child.close();
        assertEquals(0, r.exitCode());
        assertEquals(0, child.process().exitValue(), "close() did not signal a child that had exited");
        assertFalse(child.isAlive());
    }

    private static boolean isLinux() {
        return System.getProperty("os.name").toLowerCase().contains("linux");
    }

    /** Polls the captured output (no sleep-and-hope: the class timeout catches a hang). */
    private static String awaitLine(ChildJvm child, String prefix) {
        while (true) {
            var match = child.stdout().lines().filter(l -> l.startsWith(prefix)).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            if (!child.isAlive()) {
                throw new AssertionError("child ended without printing '" + prefix + "': " + child.stderr());
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
