package org.parallelcookbook.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The parent side of {@link JvmProcess}: naming, the guards, and the handle on the child. */
@ExtendWith(NoLeftoverChildren.class)
class JvmProcessTest {

    /** Package-private: the child's generic main could not create it. */
    static final class Hidden extends JvmProcess {
        @Override
        public void run() {
        }
    }

    /** Public but an inner class: it needs an enclosing instance, which the child does not have. */
    public final class Inner extends JvmProcess {
        @Override
        public void run() {
        }
    }

    /** Runs for two minutes in its child: only a close ends it sooner. */
    public static final class Sleeper extends JvmProcess {
        @Override
        public void run() throws InterruptedException {
            Thread.sleep(Duration.ofMinutes(2));
        }
    }

    @Test
    @Timeout(120)
    void closeDestroysAChildThatStillRuns() throws Exception {
        long pid;
        var p = new Sleeper();
        try (p) {
            p.start();
            pid = p.pid();
            assertTrue(p.isAlive(), "it sleeps two minutes");
        }
        assertFalse(p.isAlive());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the child JVM is gone");
    }

    @Test
    void theParentNamesEachProcessAfterItsClassWithARisingNumberWhateverThePropertySays() {
        String property = NamedProcesses.NAME_PROPERTY;
        String before = System.getProperty(property);
        System.setProperty(property, "inherited-name");
        try (var a = new ProcessSubclass.MyProcess(); var b = new ProcessSubclass.MyProcess()) {
            // the name property is what a child reads; in the parent it must not be taken
            assertTrue(a.name().startsWith("MyProcess-"), a.name());
            int n = Integer.parseInt(a.name().substring("MyProcess-".length()));
            assertEquals("MyProcess-" + (n + 1), b.name());
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    @Test
    void anUnstartedProcessIsNotAliveAndHasNoPidNorResult() {
        try (var p = new ProcessSubclass.MyProcess()) {
            assertFalse(p.isAlive());
            var e = assertThrows(IllegalStateException.class, p::pid);
            assertEquals(p.name() + " was not started", e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> p.join(Duration.ofSeconds(1)));
            assertEquals(p.name() + " was not started", e.getMessage());
        } // closing an unstarted process is a no-op
    }

    @Test
    @Timeout(120)
    void aStartedProcessRunsOnceInTheChildWhosePidItReports() throws Exception {
        try (var p = new ProcessSubclass.MyProcess()) {
            p.start();
            long pid = p.pid();
            var e = assertThrows(IllegalStateException.class, p::start);
            assertEquals(p.name() + " was started already", e.getMessage());
            var r = p.join(Duration.ofSeconds(60)).requireSuccess();
            assertEquals(pid, r.pid());
            assertEquals(List.of("called run method in process: " + p.name() + " (pid " + pid + ")"), r.stdoutLines());
            assertFalse(p.isAlive(), "joined: the child has exited");
        }
    }

    @Test
    void onlyAPublicTopLevelOrStaticNestedClassCanBeStarted() {
        try (var hidden = new Hidden(); var inner = new Inner()) {
            var e = assertThrows(IllegalStateException.class, hidden::start);
            assertEquals(Hidden.class.getName() + " must be a public top-level or static nested class", e.getMessage());
            e = assertThrows(IllegalStateException.class, inner::start);
            assertEquals(Inner.class.getName() + " must be a public top-level or static nested class", e.getMessage());
            assertFalse(hidden.isAlive());
            assertFalse(inner.isAlive());
        }
        assertTrue(NoLeftoverChildren.liveChildrenRunning(JvmProcess.Main.class).isEmpty(), "nothing was started");
    }
}
