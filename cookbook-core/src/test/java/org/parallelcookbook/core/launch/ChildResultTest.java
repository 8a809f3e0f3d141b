package org.parallelcookbook.core.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** How a failed child is described: the exit status read as a signal, and the last stderr lines. */
class ChildResultTest {

    @Test
    void anExitStatusBetween129And159IsReadAsASignal() {
        assertEquals("", ChildResult.describe(0));
        assertEquals("", ChildResult.describe(1));
        assertEquals("", ChildResult.describe(128), "128 is no signal: signals start at 1");
        assertEquals(" (killed by signal 1)", ChildResult.describe(129));
        assertEquals(" (killed by signal 9)", ChildResult.describe(137));
        assertEquals(" (killed by signal 15)", ChildResult.describe(143));
        assertEquals(" (killed by signal 31)", ChildResult.describe(159));
        assertEquals("", ChildResult.describe(160));
        assertEquals(" (halted: its parent was gone)", ChildResult.describe(ChildMain.ORPHANED));
    }

    @Test
    void theTailQuotesTheLastThreeNonBlankLines() {
        assertEquals("", ChildResult.tail(""));
        assertEquals("", ChildResult.tail("\n  \n"));
        assertEquals("; stderr: only", ChildResult.tail("only\n"));
        assertEquals("; stderr: b | c | d", ChildResult.tail("a\nb\n\n c \nd\n".replace(" c ", "c")));
    }

    @Test
    void requireSuccessNamesTheChildItsPidStatusAndStderr() {
        var ok = new ChildResult("worker", 42, 0, "out", "");
        assertSame(ok, ok.requireSuccess());
        var e = assertThrows(ChildJvmException.class,
                () -> new ChildResult("worker", 42, 143, "", "boom\n").requireSuccess());
        assertEquals("child JVM 'worker' (pid 42) exited with status 143 (killed by signal 15); stderr: boom",
                e.getMessage());
        assertEquals("worker", e.childName());
        assertEquals(42, e.pid());
        assertEquals(143, e.exitCode());
    }
}
