package org.parallelcookbook.processes.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parallelcookbook.processes.NoLeftoverChildren;
import org.parallelcookbook.processes.pool.TestTasks.BlockUntilKilled;
import org.parallelcookbook.processes.pool.TestTasks.Chatty;
import org.parallelcookbook.processes.pool.TestTasks.Divide;
import org.parallelcookbook.processes.pool.TestTasks.FakeReply;
import org.parallelcookbook.processes.pool.TestTasks.HaltWorker;
import org.parallelcookbook.processes.pool.TestTasks.KillOwnJvm;
import org.parallelcookbook.processes.pool.TestTasks.ReturnsUri;
import org.parallelcookbook.processes.pool.TestTasks.Served;
import org.parallelcookbook.processes.pool.TestTasks.Sleep;
import org.parallelcookbook.processes.pool.TestTasks.Square;
import org.parallelcookbook.processes.pool.TestTasks.ThrowsWithoutMessage;

@ExtendWith(NoLeftoverChildren.class)
@Timeout(120)
class WorkerPoolTest {

    @Test
    void mapReturnsResultsInInputOrderFromWorkerJvms() {
        try (var pool = WorkerPool.start(2)) {
            assertEquals(2, pool.size());
            Set<Long> pids = pool.workerPids();
            assertEquals(2, pids.size());
            assertFalse(pids.contains(ProcessHandle.current().pid()));
            List<Served> out = pool.map(IntStream.range(0, 40).mapToObj(Square::new).toList());
            assertEquals(IntStream.range(0, 40).map(i -> i * i).boxed().toList(),
                    out.stream().map(Served::value).toList());
            assertTrue(pids.containsAll(out.stream().map(Served::pid).toList()), "every task ran in a pool worker");
        }
    }

    @Test
    void submitCompletesAFutureAndLambdasTravelToo() throws Exception {
        try (var pool = WorkerPool.start(1)) {
            assertEquals(49, pool.submit(new Square(7)).get().value());
            int captured = 6;
            RemoteTask<Integer> lambda = () -> captured * 7;
            assertEquals(42, pool.submit(lambda).get());
        }
    }

    @Test
    void aTaskThatThrowsReportsTheRemoteTypeAndMessageAndTheWorkerGoesOn() throws Exception {
        try (var pool = WorkerPool.start(1)) {
            long pid = pool.workerPids().iterator().next();
            var e = assertThrows(ExecutionException.class, () -> pool.submit(new Divide(1, 0)).get());
            var remote = assertInstanceOf(RemoteTaskException.class, e.getCause());
            assertEquals("java.lang.ArithmeticException", remote.remoteType());
            assertEquals("/ by zero", remote.remoteMessage());
            assertTrue(remote.getMessage().contains("java.lang.ArithmeticException: / by zero"), remote.getMessage());
            assertTrue(remote.remoteStackTrace().contains("Divide.call"), remote.remoteStackTrace());
            assertEquals(pid, remote.workerPid());
            assertEquals(3, pool.submit(new Divide(6, 2)).get());
            assertEquals(Set.of(pid), pool.workerPids(), "a task that throws does not cost the worker");
            var mapped = assertThrows(RemoteTaskException.class, () -> pool.map(List.of(new Divide(4, 2), new Divide(1, 0))));
            assertEquals("java.lang.ArithmeticException", mapped.remoteType());
        }
    }

    @Test
    void printingTasksDoNotCorruptTheProtocol() {
        try (var pool = WorkerPool.start(1)) {
            assertEquals(List.of(1, 2, 3), pool.map(List.of(new Chatty(0), new Chatty(1), new Chatty(2))));
        }
    }

    @Test
    void aResultTheFilterRejectsFailsItsFutureNotThePool() throws Exception {
        try (var pool = WorkerPool.start(1)) {
            var e = assertThrows(ExecutionException.class, () -> pool.submit(new ReturnsUri()).get());
            var remote = assertInstanceOf(RemoteTaskException.class, e.getCause());
            assertEquals("java.io.InvalidClassException", remote.remoteType());
            assertEquals(1, pool.submit(new Sleep(0)).get());
        }
    }

    @Test
    void aFilterThatRejectsTheTaskIsEnforcedInTheWorker() throws Exception {
        try (var pool = WorkerPool.builder().workers(1).filter("java.lang.*;!*").start()) {
            var e = assertThrows(ExecutionException.class, () -> pool.submit(new Sleep(0)).get());
            var remote = assertInstanceOf(RemoteTaskException.class, e.getCause());
            assertEquals("java.io.InvalidClassException", remote.remoteType());
            assertTrue(remote.remoteMessage().contains("REJECTED"), remote.remoteMessage());
        }
    }

    @Test
    void theQueueSurvivesAWorkerKilledMidTaskAndTheTaskIsRetried(@TempDir Path dir) throws Exception {
        try (var pool = WorkerPool.start(2)) {
            Path marker = dir.resolve("started");
            CompletableFuture<Long> victim = pool.submit(new BlockUntilKilled(marker.toString()));
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(marker) || Files.readString(marker).isBlank()) {
                assertTrue(System.nanoTime() < deadline, "the task never started");
                Thread.onSpinWait();
            }
            long killed = Long.parseLong(Files.readString(marker).strip());
            assertTrue(pool.workerPids().contains(killed));
            ProcessHandle.of(killed).orElseThrow().destroyForcibly();
            // meanwhile the other worker keeps serving
            List<Served> others = pool.map(IntStream.range(0, 8).mapToObj(Square::new).toList());
            assertEquals(IntStream.range(0, 8).map(i -> i * i).boxed().toList(), others.stream().map(Served::value).toList());
            long retriedOn = victim.get();
            assertNotEquals(killed, retriedOn, "the retry ran on a fresh worker");
            assertFalse(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false));
            // the replacement JVM may still be starting when the retry has already run on the other worker
            while (pool.workerPids().size() < 2) {
                assertTrue(System.nanoTime() < deadline, "the dead worker was never replaced");
                Thread.onSpinWait();
            }
            assertFalse(pool.workerPids().contains(killed));
        }
    }

    @Test
    void aTaskThatKillsEveryWorkerFailsAfterOneRetryNamingTheExitStatus() throws Exception {
        try (var pool = WorkerPool.start(1)) {
            var e = assertThrows(ExecutionException.class, () -> pool.submit(new HaltWorker(42)).get());
            var died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(42, died.exitCode());
            assertTrue(died.getMessage().contains("exit status 42"), died.getMessage());
            assertTrue(died.getMessage().contains("pid " + died.workerPid()), died.getMessage());
            assertEquals(49, pool.submit(new Square(7)).get().value(), "the pool still works after replacing it");
        }
    }

    @Test
    void closeStopsEveryWorkerAndFailsWhatWasQueued() throws Exception {
        CompletableFuture<Integer> queued;
        CompletableFuture<Integer> running;
        Set<Long> pids;
        try (var pool = WorkerPool.start(1)) {
            pids = pool.workerPids();
            running = pool.submit(new Sleep(120_000)); // still running when close() comes, however slow this thread is
            queued = pool.submit(new Sleep(0));
            pool.close();
            assertThrows(RejectedExecutionException.class, () -> pool.submit(new Sleep(0)));
            assertTrue(pool.workerPids().isEmpty());
        }
        var e = assertThrows(CancellationException.class, queued::get);
        assertTrue(e.getCause().getMessage().contains("pool closed before task"), e.getCause().getMessage());
        // the long task was either running (and cut short) or still queued when close() came
        var r = assertThrows(CancellationException.class, running::get);
        assertTrue(r.getCause().getMessage().startsWith("pool closed"), r.getCause().getMessage());
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " still alive");
        }
    }

    @Test
    void theParentRefusesANullTaskAndFailsOneItCannotSerialize() throws Exception {
        try (var pool = WorkerPool.start(1)) {
            var npe = assertThrows(NullPointerException.class, () -> pool.submit(null));
            assertEquals("task", npe.getMessage());
            Object notSerializable = new Object();
            RemoteTask<Integer> captures = () -> notSerializable.hashCode();
            var e = assertThrows(ExecutionException.class, () -> pool.submit(captures).get());
            var iae = assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertTrue(iae.getMessage().startsWith("task #1 (") && iae.getMessage().contains("cannot be serialized"),
                    iae.getMessage());
            assertEquals(49, pool.submit(new Square(7)).get().value(), "the pool goes on");
        }
    }

    @Test
    void aRemoteExceptionWithoutAMessageIsNamedByItsTypeAlone() throws Exception {
        try (var pool = WorkerPool.start(1)) {
            long pid = pool.workerPids().iterator().next();
            var e = assertThrows(ExecutionException.class, () -> pool.submit(new ThrowsWithoutMessage()).get());
            var remote = assertInstanceOf(RemoteTaskException.class, e.getCause());
            assertEquals("task #1 failed in worker 1 (pid " + pid + "): java.lang.IllegalStateException", remote.getMessage());
            assertEquals(null, remote.remoteMessage());
        }
    }

    @Test
    void aReplyThatIsNotAReplyCostsTheWorkerAndAfterTheRetryTheTask() throws Exception {
        try (var pool = WorkerPool.start(1)) {
            // task #1 writes a header with its own id but a status that does not exist
            var e = assertThrows(ExecutionException.class, () -> pool.submit(new FakeReply(1, (byte) 7)).get());
            var died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(-1, died.exitCode(), "the worker was still running: no exit status");
            assertTrue(died.getMessage().contains(") stopped answering (garbage on the pipe: expected a reply to task #1, "
                    + "got id 1 status 7) while running task #1"), died.getMessage());
            assertTrue(died.getMessage().endsWith("; it had been retried once, giving up"), died.getMessage());
            assertEquals(49, pool.submit(new Square(7)).get().value(), "a fresh worker took the slot");
        }
    }

    @Test
    @EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "exit status 128 + signal is how Unix reports a signal death")
    void aWorkerKilledByASignalIsReportedWithTheSignal() throws Exception {
        try (var pool = WorkerPool.start(1)) {
            var e = assertThrows(ExecutionException.class, () -> pool.submit(new KillOwnJvm()).get());
            var died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(137, died.exitCode());
            assertTrue(died.getMessage().contains("died with exit status 137 (killed by signal 9) while running task #1"),
                    died.getMessage());
        }
    }

    @Test
    void aWorkerThatDoesNotSayHelloInTimeFailsTheStart() {
        var e = assertThrows(IllegalStateException.class,
                () -> WorkerPool.builder().workers(1).startTimeout(Duration.ofMillis(1)).start().close());
        assertTrue(e.getMessage().startsWith("could not start worker 1: worker 1 (pid "), e.getMessage());
        assertTrue(e.getMessage().endsWith(") did not say hello within PT0.001S"), e.getMessage());
        assertThrows(NullPointerException.class, () -> WorkerPool.builder().startTimeout(null));
    }

    @Test
    void badSettingsAreRefused() {
        var zero = assertThrows(IllegalArgumentException.class, () -> WorkerPool.builder().workers(0));
        assertEquals("a pool needs at least one worker, got 0", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WorkerPool.builder().filter("maxdepth=x"));
        var e = assertThrows(IllegalStateException.class,
                () -> WorkerPool.builder().workers(1).jvmOptions("-XX:+NoSuchOptionAtAll").start().close());
        assertTrue(e.getMessage().contains("exit status 1"), e.getMessage());
        // and quotes the end of the worker's stderr, where the JVM says what was wrong
        assertTrue(e.getMessage().contains("; its stderr ends: ") && e.getMessage().contains("NoSuchOptionAtAll"),
                e.getMessage());
    }
}
