package org.parallelcookbook.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parallelcookbook.core.launch.ChildJvmException;
import org.parallelcookbook.core.launch.JvmLauncher;

@ExtendWith(NoLeftoverChildren.class)
class ProcessQueueExchangeTest {

    @Test
    @Timeout(180)
    void theConsumerGetsExactlyTheProducersItemsAndStopsAtTheEndMarker() throws Exception {
        var e = ProcessQueueExchange.exchange(10, 42, Duration.ZERO, Duration.ZERO);
        assertEquals(10, e.produced().size());
        assertEquals(e.produced(), e.consumed(), "one producer, one pipe: same multiset, even the same order");
        assertTrue(e.produced().stream().allMatch(v -> v >= 0 && v <= 256));
        var random = new java.util.SplittableRandom(42);
        assertEquals(IntStream.range(0, 10).mapToObj(i -> random.nextInt(257)).toList(), e.produced(),
                "the producer's values, read back from its lines, are those of its seed");
    }

    @Test
    @Timeout(180)
    void thePipePipelineYieldsTheSquaresThenEndOfStream() throws Exception {
        assertEquals(IntStream.range(0, 10).map(i -> i * i).boxed().toList(), ProcessPipeSquares.squares(10));
        assertEquals(List.of(), ProcessPipeSquares.squares(0));
    }

    @Test
    @Timeout(180)
    void garbageOnThePipeNamesTheChildAndItsExitStatus() {
        var e = assertThrows(ChildJvmException.class, () -> ProcessPipeSquares.pipeline(
                JvmLauncher.forMain(ProcessPipeSquares.Sender.class).args("3"),
                JvmLauncher.forMain(FaultyChildren.GarbageWriter.class)));
        assertTrue(e.getMessage().contains("GarbageWriter'"), e.getMessage());
        assertTrue(e.getMessage().contains("garbage"), e.getMessage());
        assertTrue(e.getMessage().contains("exit status 0"), e.getMessage());
        assertEquals(0, e.exitCode());
    }

    @Test
    @Timeout(180)
    void aPartialIntAtTheEndOfTheStreamIsAnErrorThatNamesTheSquarer() {
        // the two whole ints get through; the half int after them must not pass for a clean end
        var e = assertThrows(ChildJvmException.class, () -> ProcessPipeSquares.pipeline(
                JvmLauncher.forMain(FaultyChildren.PartialIntSender.class),
                JvmLauncher.forMain(ProcessPipeSquares.Squarer.class)));
        assertTrue(e.getMessage().contains("Squarer'"), e.getMessage());
        assertTrue(e.getMessage().contains("partial int"), e.getMessage());
        assertEquals(ProcessPipeSquares.Squarer.PARTIAL_INT, e.exitCode(), e.getMessage());
    }

    @Test
    @Timeout(180)
    void theChildrenShareOnePipeTheSendersStdoutIsTheSquarersStdin() throws Exception {
        // started as a pipeline, the sender's stdout is not the parent's to read: no relay is possible
        var stages = JvmLauncher.startPipeline(List.of(
                JvmLauncher.forMain(ProcessPipeSquares.Sender.class).args("3").stdout(JvmLauncher.Output.PIPE),
                JvmLauncher.forMain(ProcessPipeSquares.Squarer.class).stdout(JvmLauncher.Output.PIPE)));
        try (var sender = stages.get(0); var squarer = stages.get(1)) {
            sender.closeStdin();
            assertEquals(-1, sender.process().getInputStream().read(), "the parent sees no bytes of the sender's");
            assertEquals(List.of(0, 1, 4), IntPipe.readAll(squarer.process().getInputStream()));
            assertEquals(0, sender.waitFor(Duration.ofSeconds(60)).exitCode());
            assertEquals(0, squarer.waitFor(Duration.ofSeconds(60)).exitCode());
        }
    }

    @Test
    @Timeout(180)
    void aChildThatExitsNonZeroIsNamedWithItsStatus() {
        var e = assertThrows(ChildJvmException.class, () -> ProcessPipeSquares.pipeline(
                JvmLauncher.forMain(ProcessPipeSquares.Sender.class).args("3"),
                JvmLauncher.forMain(FaultyChildren.FailingSquarer.class)));
        assertTrue(e.getMessage().contains("FailingSquarer'"), e.getMessage());
        assertTrue(e.getMessage().contains("failed") && e.getMessage().contains("exit status 3"), e.getMessage());
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().endsWith("; stderr: FailingSquarer: giving up on purpose"),
                "the child's last stderr line, and no upstream note: the sender (3 ints) succeeded: " + e.getMessage());
        assertFalse(e.getMessage().contains("an earlier line"), e.getMessage());
    }

    @Test
    @Timeout(180)
    void onlyStatuses129To159AreReadAsSignals() {
        // 128 + n for signal n = 1..31; 128 itself and 160 are plain exit statuses
        for (int status : new int[] {128, 160}) {
            var e = assertThrows(ChildJvmException.class, () -> ProcessPipeSquares.pipeline(
                    JvmLauncher.forMain(ProcessPipeSquares.Sender.class).args("3"),
                    JvmLauncher.forMain(FaultyChildren.ExitWith.class).args(Integer.toString(status))));
            assertEquals(status, e.exitCode(), e.getMessage());
            assertTrue(e.getMessage().contains(", exit status " + status), e.getMessage());
            assertFalse(e.getMessage().contains("signal"), e.getMessage());
        }
    }

    @Test
    @Timeout(180)
    void aSenderThatFailsBecauseTheSquarerQuitIsNamedBesideIt() {
        // 100,000 ints are more than a pipe holds: the sender's writes hit the closed pipe and it fails
        var e = assertThrows(ChildJvmException.class, () -> ProcessPipeSquares.pipeline(
                JvmLauncher.forMain(ProcessPipeSquares.Sender.class).args("100000"),
                JvmLauncher.forMain(FaultyChildren.QuitAtOnce.class)));
        assertEquals(3, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith("child JVM 'QuitAtOnce' (pid " + e.pid() + ") failed (the pipe then carried: "
                + "the stream was empty (no header)), exit status 3"), e.getMessage());
        assertTrue(e.getMessage().matches(".*; upstream 'Sender' \\(pid \\d+\\) exit status [1-9]\\d*$"), e.getMessage());
    }

    @Test
    @Timeout(180)
    void aSquarerThatWritesACleanStreamButExitsNonZeroStillFails() {
        var e = assertThrows(ChildJvmException.class, () -> ProcessPipeSquares.pipeline(
                JvmLauncher.forMain(ProcessPipeSquares.Sender.class).args("3"),
                JvmLauncher.forMain(FaultyChildren.HeaderThenFail.class)));
        assertEquals(4, e.exitCode(), e.getMessage());
        assertEquals("HeaderThenFail", e.childName());
        String expected = "child JVM 'HeaderThenFail' (pid " + e.pid() + ") failed, exit status 4";
        assertTrue(e.getMessage().equals(expected) || e.getMessage().startsWith(expected + "; stderr: "), e.getMessage());
    }

    @Test
    @Timeout(180)
    @EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "exit status 128 + signal is how Unix reports a signal death")
    void aSquarerKilledByASignalIsNamedWithTheSignal() {
        var e = assertThrows(ChildJvmException.class, () -> ProcessPipeSquares.pipeline(
                JvmLauncher.forMain(ProcessPipeSquares.Sender.class).args("3"),
                JvmLauncher.forMain(FaultyChildren.SelfKiller.class)));
        assertEquals(137, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains(", exit status 137 (killed by signal 9)"), e.getMessage());
    }

    @Test
    void theConsumersFilterAdmitsOnlyTheMessageRecords() throws Exception {
        var filter = ObjectInputFilter.Config.createFilter(ProcessQueueExchange.FILTER);
        assertEquals(new ProcessQueueExchange.Item(1, 2), roundTrip(new ProcessQueueExchange.Item(1, 2), filter));
        assertThrows(InvalidClassException.class, () -> roundTrip(new java.util.ArrayList<>(List.of(1)), filter));
        assertThrows(InvalidClassException.class, () -> roundTrip(Integer.valueOf(7), filter));
    }

    private static Object roundTrip(Object o, ObjectInputFilter filter) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        }
    }
}
