package org.parallelcookbook.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parallelcookbook.core.launch.JvmLauncher;

/** The parent-side use of {@link CrossJvmSync}: this JVM is one of the processes that share the file. */
@ExtendWith(NoLeftoverChildren.class)
class CrossJvmSyncTest {

    @Test
    void lockedHandsOutConsecutiveNumbersThatAnotherHandleOnTheFileContinues(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sync.bin");
        try (var sync = new CrossJvmSync(file)) {
            assertEquals(1L, sync.<Long>locked(seq -> seq));
            assertEquals(2L, sync.<Long>locked(seq -> seq));
            assertEquals("action's result", sync.<String>locked(seq -> "action's result"));
        }
        try (var again = new CrossJvmSync(file)) {
            assertEquals(4L, again.<Long>locked(seq -> seq), "the counter lives in the file, not in the handle");
            assertEquals(0, again.arrivals());
        }
    }

    @Test
    @Timeout(60)
    void aBarrierOfOnePassesAtOnceAndCountsTheArrivalUnderTheLock(@TempDir Path dir) throws Exception {
        try (var sync = new CrossJvmSync(dir.resolve("one.bin"))) {
            sync.<Long>locked(seq -> seq); // number 1
            List<Long> arrived = new ArrayList<>();
            sync.await(1, Duration.ofSeconds(30), arrived::add);
            assertEquals(List.of(2L), arrived, "the arrival took the next number");
            assertEquals(1, sync.arrivals());
            assertEquals(3L, sync.<Long>locked(seq -> seq));
        }
    }

    @Test
    @Timeout(180)
    void thisJvmPassesTheBarrierOnlyWithAChildJvmThatArrives(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("two.bin");
        try (var sync = new CrossJvmSync(file);
             var child = JvmLauncher.forMain(ProcessBarrierSync.SyncWorker.class).quickStart()
                     .args(file.toString(), "child", "barrier", "2").start()) {
            child.closeStdin();
            List<Long> arrived = new ArrayList<>();
            sync.await(2, Duration.ofSeconds(120), arrived::add);
            assertEquals(2, sync.arrivals(), "both arrived before this JVM passed");
            var lines = child.waitFor(Duration.ofSeconds(120)).requireSuccess().stdoutLines();
            var events = lines.stream().filter(l -> l.startsWith("EVENT ")).map(ProcessBarrierSync.Event::parse).toList();
            assertEquals(List.of("arrived", "passed"), events.stream().map(ProcessBarrierSync.Event::kind).toList());
            List<Long> all = new ArrayList<>(arrived);
            events.forEach(e -> all.add(e.seq()));
            assertEquals(List.of(1L, 2L, 3L), all.stream().sorted().toList(), "one counter, each number once");
            assertTrue(events.get(1).seq() > arrived.getFirst(), "the child passed after this JVM arrived");
        }
    }

    @Test
    void aClosedHandleNoLongerTakesTheLock(@TempDir Path dir) throws Exception {
        var sync = new CrossJvmSync(dir.resolve("closed.bin"));
        sync.close();
        assertThrows(ClosedChannelException.class, () -> sync.<Long>locked(seq -> seq));
    }
}
