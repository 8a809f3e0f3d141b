package org.parallelcookbook.core.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// SEPARATE_THREAD: the tests read child JVMs' pipes, and a read on a pipe ignores interrupts
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JvmLauncherTest {

    /** Programs the tests run in child JVMs. */
    public static final class Echo {
        public static void main(String[] args) {
            System.out.println("pid " + ProcessHandle.current().pid());
            System.out.println("prop " + System.getProperty("cookbook.test.prop"));
            System.out.println("args " + String.join(",", args));
            System.err.println("to stderr");
        }
    }

    public static final class Fail {
        public static void main(String[] args) {
            System.err.println("something broke");
            System.exit(3);
        }
    }

    public static final class Sleepy {
        public static void main(String[] args) throws Exception {
            System.out.println("ready");
            System.out.flush();
            new java.util.concurrent.CountDownLatch(1).await(); // blocks until the test destroys this JVM
        }
    }

    /** Starts a grandchild and waits for ever: used to check that closing kills the whole tree. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            ChildJvm grandchild = JvmLauncher.forMain(Sleepy.class).start();
            var in = new BufferedReader(new InputStreamReader(grandchild.process().getInputStream(), StandardCharsets.UTF_8));
            System.out.println("grandchild " + grandchild.pid());
            System.out.flush();
            new java.util.concurrent.CountDownLatch(1).await(); // blocks until the test destroys this JVM
            in.close();
        }
    }

    public static final class Cat {
        public static void main(String[] args) throws Exception {
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println("got " + line);
            }
        }
    }

    @Test
    void runsAMainClassInANewJvmWithArgumentsAndProperties() throws Exception {
        List<String> streamed = new CopyOnWriteArrayList<>();
        ChildResult r = JvmLauncher.forMain(Echo.class).args("a", "b c").systemProperty("cookbook.test.prop", "42")
                .onStdoutLine(streamed::add).run(Duration.ofSeconds(60)).requireSuccess();
        long childPid = Long.parseLong(r.stdoutLines().get(0).substring(4));
        assertNotEquals(ProcessHandle.current().pid(), childPid);
        assertEquals(childPid, r.pid());
        assertEquals(List.of("prop 42", "args a,b c"), r.stdoutLines().subList(1, 3));
        assertEquals(List.of("to stderr"), r.stderrLines());
        assertEquals(r.stdoutLines(), streamed);
        assertEquals("Echo", r.name());
    }

    @Test
    void failureNamesTheChildAndItsStatus() throws Exception {
        ChildResult r = JvmLauncher.forMain(Fail.class).name("failing-child").run(Duration.ofSeconds(60));
        assertEquals(3, r.exitCode());
        ChildJvmException e = assertThrows(ChildJvmException.class, r::requireSuccess);
        assertEquals("failing-child", e.childName());
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().contains("'failing-child'") && e.getMessage().contains("status 3")
                && e.getMessage().contains("something broke"), e.getMessage());
    }

    @Test
    void stdinIsAPipe() throws Exception {
        try (ChildJvm child = JvmLauncher.forMain(Cat.class).start()) {
            child.stdin().write("one\ntwo\n".getBytes(StandardCharsets.UTF_8));
            child.closeStdin();
            ChildResult r = child.waitFor(Duration.ofSeconds(60)).requireSuccess();
            assertEquals(List.of("got one", "got two"), r.stdoutLines());
        }
    }

    @Test
    void timeoutLeavesTheChildToCloseWhichDestroysIt() throws Exception {
        ChildJvm child = JvmLauncher.forMain(Sleepy.class).start();
        try (child) {
            awaitLine(child, "ready");
            assertThrows(TimeoutException.class, () -> child.waitFor(Duration.ofMillis(50)));
            assertTrue(child.isAlive());
        }
        assertFalse(child.isAlive());
        assertEquals(0, ChildJvm.liveCount());
    }

    @Test
    void terminateGivesExitStatus143OnLinux() throws Exception {
        try (ChildJvm child = JvmLauncher.forMain(Sleepy.class).start()) {
            awaitLine(child, "ready");
            child.terminate();
            ChildResult r = child.waitFor(Duration.ofSeconds(30));
            if (System.getProperty("os.name").toLowerCase().contains("linux")) {
                assertEquals(143, r.exitCode());
            } else {
                assertNotEquals(0, r.exitCode());
            }
            assertThrows(ChildJvmException.class, r::requireSuccess);
        }
    }

    @Test
    void closingDestroysDescendantsToo() throws Exception {
        long grandchild;
        try (ChildJvm child = JvmLauncher.forMain(Parent.class).start()) {
            String line = awaitLine(child, "grandchild ");
            grandchild = Long.parseLong(line.substring("grandchild ".length()));
            assertTrue(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false));
        }
        ProcessHandle.of(grandchild).ifPresent(h -> h.onExit().orTimeout(30, TimeUnit.SECONDS).join());
        assertFalse(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void aChildHaltsWhenItsParentIsKilled() throws Exception {
        // The parent JVM is killed with SIGKILL: its shutdown hooks never run, so only the
        // grandchild's own watchdog can end it.
        long grandchild;
        try (ChildJvm parent = JvmLauncher.forMain(Parent.class).start()) {
            String line = awaitLine(parent, "grandchild ");
            grandchild = Long.parseLong(line.substring("grandchild ".length()));
            parent.process().destroyForcibly();
            parent.process().waitFor(30, TimeUnit.SECONDS);
        }
        ProcessHandle h = ProcessHandle.of(grandchild).orElse(null);
        if (h != null) {
            h.onExit().orTimeout(60, TimeUnit.SECONDS).join();
        }
        assertFalse(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void commandUsesTheSameJavaAndClassPath() {
        List<String> cmd = JvmLauncher.forMain(Echo.class).jvmOptions("-Xmx32m").systemProperty("k", "v").args("x").command();
        assertEquals(JvmLauncher.javaExecutable().toString(), cmd.get(0));
        assertEquals(List.of("-Xmx32m", "-Dk=v", "-cp", System.getProperty("java.class.path"), ChildMain.class.getName(),
                String.valueOf(ProcessHandle.current().pid()), Echo.class.getName(), "x"), cmd.subList(1, cmd.size()));
    }

    /** Polls the captured output (no sleep-and-hope: the class timeout catches a hang). */
    private static String awaitLine(ChildJvm child, String prefix) throws InterruptedException {
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
