package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.MemberLeftException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.launch.JvmLauncher;

@Timeout(120)
class AddTaskTest {

    @Test
    void delayReturnsTenAndApplyAsyncRunsOnTheChosenMember() throws Exception {
        try (var cluster = Cluster.embedded(2, false)) {
            var executor = cluster.executor();
            assertEquals(10, AddTask.delay(executor, 5, 5).get(30, TimeUnit.SECONDS).value());
            Member other = cluster.memberList().stream().filter(m -> !m.localMember()).findFirst().orElseThrow();
            var outcome = AddTask.applyAsync(executor, 5, 5, other).get(30, TimeUnit.SECONDS);
            assertEquals(10, outcome.value());
            assertEquals(other.getUuid().toString(), outcome.memberUuid());
            cluster.awaitSafe(Duration.ofSeconds(60)); // no partition migrating while owners are compared
            for (String key : List.of("add", "celery", "task-7")) {
                var owner = cluster.entry().getPartitionService().getPartition(key).getOwner();
                var routed = AddTask.applyAsyncToKeyOwner(executor, 5, 5, key).get(30, TimeUnit.SECONDS);
                assertEquals(owner.getUuid().toString(), routed.memberUuid(), "key " + key + " runs on its owner");
            }
        }
    }

    @Test
    void batchWithoutFaultsYieldsOneResultPerTaskAndNoRetry() throws Exception {
        try (var cluster = Cluster.embedded(2, false)) {
            var b = AddTask.runBatch(cluster, 300, 0, -1, Duration.ofSeconds(60));
            assertEquals(300, b.results().size());
            b.results().forEach((i, v) -> assertEquals(2 * i, v));
            assertEquals(0, b.retried());
            assertEquals(0, b.duplicates());
            assertEquals(2, b.perMember().size(), "round-robin reaches both members");
            assertNull(b.killed());
            assertEquals(0, b.heldByKilled());
        }
    }

    /** A kill needs a member to survive it: one embedded member is refused (killAfter 0 included), a batch without a kill is not. */
    @Test
    void aKillIsRefusedWhenNoMemberWouldBeLeft() throws Exception {
        try (var cluster = Cluster.embedded(1, false)) {
            for (int killAfter : new int[] {0, 5}) {
                var e = assertThrows(IllegalArgumentException.class,
                        () -> AddTask.runBatch(cluster, 10, 0, killAfter, Duration.ofSeconds(30)), "killAfter " + killAfter);
                assertEquals("killing a member needs at least two embedded members", e.getMessage());
            }
            assertEquals(10, AddTask.runBatch(cluster, 10, 0, -1, Duration.ofSeconds(30)).results().size());
        }
    }

    /**
     * Fault: one of three members killed with 1,000 tasks in flight, while it provably holds started
     * and unfinished tasks (they wait at a gate that opens after the kill); every task still yields
     * exactly one result, and each task the victim held was retried.
     */
    @RepeatedTest(3)
    void killingAMemberMidBatchLosesNoTask() throws Exception {
        try (var cluster = Cluster.embedded(3, false)) {
            var b = AddTask.runBatch(cluster, 1_000, 2, 200, Duration.ofSeconds(90));
            assertNotNull(b.killed());
            assertEquals(2, cluster.memberList().size());
            assertEquals(1_000, b.results().size());
            for (int i = 0; i < 1_000; i++) {
                assertEquals(2 * i, b.results().get(i), "task " + i);
            }
            assertEquals(0, b.duplicates());
            assertTrue(b.heldByKilled() > 0, "the victim died holding started tasks");
            assertTrue(b.retried() >= b.heldByKilled(), "each task held by the killed member was resubmitted: retried "
                    + b.retried() + ", held " + b.heldByKilled());
            assertEquals(1_000, b.perMember().values().stream().mapToInt(Integer::intValue).sum());
        }
    }

    /**
     * The recipe as the user runs it ({@code ch5.celery-task --batch 1000 --kill-one}), in its own
     * JVM: the killed member's threads that were running tasks die of the kill, and that staged
     * failure must not print stack traces on stderr; the recipe reports the kill in its batch line
     * and the batch is complete.
     */
    @Test
    @Timeout(240)
    void killOneRecipePrintsNoStackTrace() throws Exception {
        var launcher = JvmLauncher.forMain(AddTask.class).name("celery-task-kill-one")
                .args("--batch", "1000", "--kill-one")
                .jvmOptions(WorkerJvms.JVM_OPTIONS.toArray(String[]::new))
                .systemProperty("hazelcast.phone.home.enabled", "false");
        String logConfig = System.getProperty("logback.configurationFile");
        if (logConfig != null) {
            launcher.systemProperty("logback.configurationFile", logConfig);
        }
        var r = launcher.run(Duration.ofSeconds(200));
        r.requireSuccess();
        String out = r.stdout();
        String err = r.stderr();
        assertTrue(out.contains("batch: 1000 tasks, 1000 results (all correct), 0 duplicates"),
                "the batch is complete: " + out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("batch: ") && l.matches(".*; killed 127\\.0\\.0\\.1:\\d+ in flight.*")),
                "the recipe reports the kill in its batch line: " + out);
        var traces = err.lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Exception in thread")
                || l.contains("HazelcastInstanceNotActiveException")).toList();
        assertTrue(traces.isEmpty(), "no stack trace on stderr for the staged kill, got:\n" + err);
    }

    /** Only the kill's own failure, on the killed member's own threads, is kept quiet; nothing else. */
    @Test
    void onlyTheKilledMembersOwnDeathIsQuiet() {
        KilledMembers.expect("victim_member");
        var dead = new HazelcastInstanceNotActiveException();
        assertTrue(KilledMembers.expected(new Thread("hz.victim_member.cached.thread-3"), dead));
        assertTrue(!KilledMembers.expected(new Thread("hz.victim_member.cached.thread-3"), new IllegalStateException("bug")),
                "another failure on the killed member's thread is still printed");
        assertTrue(!KilledMembers.expected(new Thread("hz.victim_member_2.cached.thread-1"), dead),
                "a member whose name merely starts like the victim's is not the victim");
        assertTrue(!KilledMembers.expected(new Thread("hz.survivor.cached.thread-1"), dead),
                "a live member's threads are still heard");
        assertTrue(!KilledMembers.expected(new Thread("main"), dead));
    }

    @Test
    void onlyMemberLossCountsAsRetryable() {
        assertTrue(AddTask.memberLost(new RuntimeException(new MemberLeftException("gone"))));
        assertTrue(!AddTask.memberLost(new ArithmeticException("/ by zero")));
    }

    /**
     * The handler {@code expect} installs, called as the JVM calls it when a thread dies: the killed
     * member's own death prints nothing, any other uncaught exception is printed as the JVM prints it
     * (this test JVM has no earlier default handler to hand it to).
     */
    @Test
    void theInstalledHandlerPrintsEveryDeathButTheKilledMembersOwn() {
        KilledMembers.expect("quiet_member");
        var handler = Thread.getDefaultUncaughtExceptionHandler();
        assertNotNull(handler, "expect installs a default handler");
        PrintStream saved = System.err;
        var buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            handler.uncaughtException(new Thread("hz.quiet_member.cached.thread-1"),
                    new HazelcastInstanceNotActiveException("quiet death"));
            handler.uncaughtException(new Thread("worker-9"), new IllegalStateException("a real bug"));
        } finally {
            System.setErr(saved);
        }
        String err = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(!err.contains("quiet death"), "the killed member's own death is quiet: " + err);
        assertTrue(err.contains("Exception in thread \"worker-9\" java.lang.IllegalStateException: a real bug"),
                "another death is printed: " + err);
        assertTrue(err.contains("\tat "), "with its stack trace: " + err);
    }
}
