package org.parallelcookbook.core.intro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.launch.ChildJvm;

class ProcessesVsThreadsTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aThreadSharesThePidAndItsChangeIsVisible() throws Exception {
        var t = ProcessesVsThreads.withThread(1, 100);
        long me = ProcessHandle.current().pid();
        assertEquals(me, t.parentPid());
        assertEquals(me, t.threadPid(), "a thread runs inside the parent's process");
        assertEquals(101, t.parentValueAfter(), "the thread changed the parent's object");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aChildProcessHasItsOwnPidAndOnlyChangesItsCopy() throws Exception {
        var p = ProcessesVsThreads.withProcess(1, 100);
        assertEquals(ProcessHandle.current().pid(), p.parentPid());
        assertNotEquals(p.parentPid(), p.childPid(), "a child JVM is another process");
        assertEquals(101, p.childValue(), "the child changed its copy");
        assertEquals(1, p.parentValueAfter(), "the parent's value is untouched");
        assertEquals(0, ChildJvm.liveCount(), "no child outlives the call");
    }
}
