package org.parallelcookbook.core.intro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.launch.ChildJvm;

class CallingProcessTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // reads a pipe
    void theChildReadsEnterThenTheParentSaysGoodbyeAfterIt() throws Exception {
        var printed = Collections.synchronizedList(new ArrayList<String>());
        var stdin = new ByteArrayInputStream("\n".getBytes(StandardCharsets.UTF_8));

        var call = CallingProcess.call(stdin, printed::add, Duration.ofSeconds(90));

        assertEquals(0, call.exitCode());
        assertEquals(List.of(CalledProcess.GREETING, CalledProcess.PROMPT, CalledProcess.CLOSING), call.childLines(),
                "greeting, then the closing line once ENTER arrived");
        assertNotEquals(call.parentPid(), call.childPid(), "spawned, not exec'd: a different process");
        assertEquals(ProcessHandle.current().pid(), call.parentPid());

        List<String> t = call.transcript();
        assertEquals(CallingProcess.CALLING, t.get(0));
        assertEquals(CallingProcess.GOODBYE, t.get(t.size() - 1));
        assertTrue(t.indexOf(CallingProcess.GOODBYE) > t.indexOf(CalledProcess.CLOSING),
                "the parent's goodbye comes after the child's last line: " + t);
        assertEquals(t, printed, "everything was relayed to the output, in order");
        assertEquals(0, ChildJvm.liveCount(), "the child is gone");
    }

    @Test
    void calledProcessReadsOneLine() throws Exception {
        var out = new ArrayList<String>();
        var answer = CalledProcess.converse(new BufferedReader(new StringReader("yes\n")), out::add);
        assertEquals("yes", answer.typed().orElseThrow());
        assertEquals(List.of(CalledProcess.GREETING, CalledProcess.PROMPT, CalledProcess.CLOSING), out);
    }

    @Test
    void endOfInputCountsAsEnter() throws Exception {
        var out = new ArrayList<String>();
        var answer = CalledProcess.converse(new BufferedReader(new StringReader("")), out::add);
        assertTrue(answer.typed().isEmpty());
        assertEquals(CalledProcess.CLOSING, out.get(out.size() - 1));
    }
}
