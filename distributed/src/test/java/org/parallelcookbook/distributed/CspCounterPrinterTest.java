package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CspCounterPrinterTest {

    @Test
    void jcspPrinterReceivesEveryValueAndWritesAreRendezvous() {
        List<Integer> shown = Collections.synchronizedList(new ArrayList<>());
        check(CspCounterPrinter.jcsp(5, shown::add), 5);
        assertEquals(List.of(0, 1, 2, 3, 4), shown, "what the printer prints (main's output)");
        check(CspCounterPrinter.jcsp(200, v -> { }), 200);
    }

    @Test
    void plainJdkTwinBehavesTheSame() throws Exception {
        List<Integer> shown = Collections.synchronizedList(new ArrayList<>());
        check(CspCounterPrinter.plainJdk(5, shown::add), 5);
        assertEquals(List.of(0, 1, 2, 3, 4), shown, "what the printer prints (main's output)");
        check(CspCounterPrinter.plainJdk(200, v -> { }), 200);
    }

    /** PyCSP's shutdown(): once the JCSP run returns, none of the threads JCSP pooled for it is left. */
    @Test
    void noJcspThreadOutlivesTheRun() throws Exception {
        check(CspCounterPrinter.jcsp(5, v -> { }), 5);
        Eventually.await(Duration.ofSeconds(20), () -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.isAlive() && t.getClass().getName().equals("org.jcsp.lang.ParThread")),
                () -> "JCSP's pooled threads ending");
    }

    private static void check(CspCounterPrinter.Result r, int limit) {
        assertEquals(java.util.stream.IntStream.range(0, limit).boxed().toList(), r.printed());
        List<String> e = r.events();
        for (int k = 0; k < limit; k++) {
            int wrote = e.indexOf("wrote " + k);
            int readerReady = e.indexOf("reading #" + k);
            assertTrue(readerReady >= 0 && wrote > readerReady, "write " + k + " returned before read " + k + " began: " + e);
        }
        // the counter poisons after its last write; the printer ends on the poison, last of all
        int poison = e.indexOf("poison");
        assertTrue(poison > e.indexOf("wrote " + (limit - 1)), "poison after the last write: " + e);
        assertEquals(1, e.stream().filter("printer poisoned"::equals).count(), e.toString());
        assertEquals("printer poisoned", e.get(e.size() - 1));
    }
}
