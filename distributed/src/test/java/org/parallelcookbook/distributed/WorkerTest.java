package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.core.launch.JvmLauncher;

class WorkerTest {

    @Test
    void parsesOptions() {
        var o = Worker.parse(new String[] {"--cluster", "c1", "--member", "127.0.0.1:5701", "--member=10.0.0.2:5702",
                "--port", "6000", "--threads", "3", "--no-jet"});
        assertEquals("c1", o.clusterName());
        assertEquals(List.of("127.0.0.1:5701", "10.0.0.2:5702"), o.seeds());
        assertEquals(6000, o.port());
        assertEquals(3, o.executorThreads());
        assertEquals("127.0.0.1", o.bindAddress());
        assertFalse(o.jet());
        var defaults = Worker.parse(new String[0]);
        assertEquals(HazelcastSetup.DEFAULT_CLUSTER, defaults.clusterName());
        assertEquals(HazelcastSetup.DEFAULT_PORT, defaults.port());
        assertFalse(defaults.jet(), "Jet stays off unless asked for");
        assertTrue(Worker.parse(new String[] {"--jet"}).jet());
        assertTrue(Worker.remoteWarning(defaults).isEmpty(), "no warning on loopback");
    }

    /** Beyond loopback (0.0.0.0 included) only with --allow-remote, and then with a warning. */
    @Test
    void bindingBeyondLoopbackNeedsAllowRemote() {
        for (String bind : List.of("0.0.0.0", "10.0.0.12", "::")) {
            var e = assertThrows(UsageException.class, () -> Worker.parse(new String[] {"--bind", bind}), bind);
            assertTrue(e.getMessage().contains("--allow-remote"), e.getMessage());
        }
        assertEquals("localhost", Worker.parse(new String[] {"--bind", "localhost"}).bindAddress());
        assertEquals("127.0.0.2", Worker.parse(new String[] {"--bind=127.0.0.2"}).bindAddress());
        var remote = Worker.parse(new String[] {"--bind", "10.0.0.12", "--allow-remote"});
        assertEquals("10.0.0.12", remote.bindAddress());
        assertFalse(remote.jet());
        String warning = Worker.remoteWarning(remote).orElseThrow();
        assertTrue(warning.contains("10.0.0.12") && warning.contains("no authentication"), warning);
    }

    /** The real command: one line on stderr, exit status 2, and no member started. */
    @Test
    @Timeout(120)
    void workerCommandRefusesARemoteBindWithExitStatusTwo() throws Exception {
        var r = JvmLauncher.forMain(Worker.class).name("worker-refused").args("--bind", "0.0.0.0")
                .jvmOptions(WorkerJvms.JVM_OPTIONS.toArray(String[]::new)).run(Duration.ofSeconds(60));
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals(1, r.stderrLines().size(), r.stderr());
        assertTrue(r.stderr().contains("--allow-remote"), r.stderr());
        assertFalse(r.stdout().contains("worker ready"), r.stdout());
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(UsageException.class, () -> Worker.parse(new String[] {"--port", "x"}));
        assertThrows(UsageException.class, () -> Worker.parse(new String[] {"--port", "70000"}));
        assertThrows(UsageException.class, () -> Worker.parse(new String[] {"--port", "65536"}));
        assertEquals(65535, Worker.parse(new String[] {"--port", "65535"}).port());
        assertThrows(UsageException.class, () -> Worker.parse(new String[] {"--member", "nohost"}));
        assertThrows(UsageException.class, () -> Worker.parse(new String[] {"--member"}));
        assertThrows(UsageException.class, () -> Worker.parse(new String[] {"--frobnicate"}));
        assertThrows(UsageException.class, () -> Worker.parse(new String[] {"--cluster", " "}));
        var odd = assertThrows(UsageException.class, () -> Worker.parse(new String[] {"--=x"}));
        assertTrue(odd.getMessage().contains("'--=x'"), "the option is named as typed: " + odd.getMessage());
    }

    /** What WorkerJvms reads: the member's address from the ready line, and nothing from any other line. */
    @Test
    void theReadyLineGivesTheMembersAddressAndOtherLinesNone() {
        assertEquals("127.0.0.1:5702", Worker.addressFromReadyLine(
                "worker ready: member 127.0.0.1:5702 of cluster 'c1', 1 member(s), 2 executor thread(s), jet off"));
        assertNull(Worker.addressFromReadyLine("stop it with Ctrl-C (or kill); recipes reach it with --member 127.0.0.1:5702"));
    }

    /** The worker JVM is a separate process; a recipe given its address runs its task there. */
    @Test
    @Timeout(180)
    void recipeWithMemberAddressRunsTasksOnTheWorkerJvm() throws Exception {
        try (var workers = WorkerJvms.start(1, 2, Duration.ofSeconds(120))) {
            assertEquals(1, workers.addresses().size(), workers.addresses().toString());
            assertEquals(1, workers.jvms().size());
            String address = workers.addresses().get(0);
            assertTrue(address.startsWith("127.0.0.1:"));
            // the worker JVM got the cluster's name and the thread count, and no Jet (what WorkerJvms asked for)
            String ready = workers.jvms().get(0).stdout().lines().filter(l -> l.startsWith("worker ready")).findFirst()
                    .orElseThrow();
            assertEquals(address, Worker.addressFromReadyLine(ready));
            assertTrue(ready.contains("of cluster '" + workers.clusterName() + "'") && ready.contains("2 executor thread(s), jet off"),
                    ready);
            String[] args = {"--member", address, "--cluster", workers.clusterName()};
            try (var cluster = Cluster.fromArgs(args, 2, false)) {
                assertTrue(cluster.isRemote());
                assertTrue(Hazelcast.getAllHazelcastInstances().isEmpty(), "no member in this JVM");
                var outcome = AddTask.delay(cluster.executor(), 5, 5).get(60, TimeUnit.SECONDS);
                assertEquals(10, outcome.value());
                assertEquals(address, outcome.memberAddress());
            }
            var jvm = workers.jvms().get(0);
            assertTrue(jvm.isAlive());
            workers.close();
            assertFalse(jvm.isAlive(), "closing the workers ends their JVMs");
        }
    }

    /**
     * A second worker joins the first: {@code addWorker} returns the new member's address (the one
     * its own ready line names, now of a 2-member cluster), each JVM carries its start-order name,
     * and each gets the test JVM's log configuration.
     */
    @Test
    @Timeout(180)
    void aSecondWorkerJoinsTheFirstAndAddWorkerReturnsItsAddress() throws Exception {
        try (var workers = WorkerJvms.start(1, 1, Duration.ofSeconds(120))) {
            String second = workers.addWorker(1, Duration.ofSeconds(120));
            assertEquals(2, workers.addresses().size(), workers.addresses().toString());
            assertEquals(second, workers.addresses().get(1));
            assertFalse(second.equals(workers.addresses().get(0)), "two members, two addresses");
            var jvms = workers.jvms();
            assertEquals(List.of("worker-1", "worker-2"), jvms.stream().map(j -> j.name()).toList());
            String ready = jvms.get(1).stdout().lines().filter(l -> l.startsWith("worker ready")).findFirst().orElseThrow();
            assertEquals(second, Worker.addressFromReadyLine(ready));
            assertTrue(ready.contains("2 member(s)"), "the second worker joined the first: " + ready);
            // the command line from /proc (ProcessHandle.Info.arguments() is sometimes empty on Linux)
            String logConfig = System.getProperty("logback.configurationFile");
            Path cmdline = Path.of("/proc", String.valueOf(jvms.get(1).pid()), "cmdline");
            if (logConfig != null && Files.isReadable(cmdline)) { // Surefire and the mutation profile set it; Linux
                List<String> command = List.of(Files.readString(cmdline).split("\0"));
                assertTrue(command.contains("-Dlogback.configurationFile=" + logConfig), command.toString());
            }
        }
    }

    /** A worker that dies before it is ready: the error names it, its exit status and its last stderr line. */
    @Test
    @Timeout(120)
    void aWorkerThatExitsBeforeItIsReadyIsReportedWithItsOwnError() {
        var e = assertThrows(IllegalStateException.class, () -> WorkerJvms.start(1, 0, Duration.ofSeconds(60)));
        assertTrue(e.getMessage().startsWith("worker JVM 'worker-1' exited with 2 before it was ready: ")
                && e.getMessage().endsWith("--threads must be at least 1, got 0"), e.getMessage());
    }
}
