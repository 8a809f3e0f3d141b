package org.parallelcookbook.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parallelcookbook.processes.ProcessBarrierSync.Event;

@ExtendWith(NoLeftoverChildren.class)
class ProcessBarrierSyncTest {

    @RepeatedTest(2)
    @Timeout(180)
    void barrierProcessesPassOnlyAfterBothArrivedAndEveryEventHasItsOwnNumber(@TempDir Path dir) throws Exception {
        List<Event> events = ProcessBarrierSync.run(dir);
        assertEquals(6, events.size());
        assertEquals(LongStream.rangeClosed(1, 6).boxed().toList(), events.stream().map(Event::seq).toList(),
                "the locked counter handed out 1..6, each once");
        long lastArrival = events.stream().filter(e -> e.kind().equals("arrived")).mapToLong(Event::seq).max().orElseThrow();
        var passed = events.stream().filter(e -> e.kind().equals("passed")).toList();
        assertEquals(2, passed.size());
        passed.forEach(p -> assertTrue(p.seq() > lastArrival, p + " passed before both had arrived"));
        assertEquals(2, events.stream().filter(e -> e.kind().equals("printed")).count());
    }

    @Test
    @Timeout(180)
    void anInterruptedRunDestroysItsFourChildrenAndDeletesTheSharedFile(@TempDir Path dir) throws Exception {
        NoLeftoverChildren.assertInterruptedRecipeEndsItsChildren(ProcessBarrierSync.SyncWorker.class,
                () -> ProcessBarrierSync.run(dir));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "the shared file is deleted");
        }
    }

    @Test
    void anEventLineIsParsedIntoItsFields() {
        assertEquals(new Event("p3", "printed", 4, "12:00:01.5"), Event.parse("EVENT p3 printed 4 12:00:01.5"));
    }

    @Test
    @Timeout(60)
    void aBarrierNobodyElseReachesBreaksWithATimeout(@TempDir Path dir) throws Exception {
        try (var sync = new CrossJvmSync(dir.resolve("lonely.bin"))) {
            var e = assertThrows(TimeoutException.class, () -> sync.await(2, Duration.ofMillis(200), seq -> null));
            assertTrue(e.getMessage().contains("only 1 of 2"), e.getMessage());
        }
    }
}
