package org.parallelcookbook.core.intro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.launch.ChildJvm;

class SerialThreadsProcessesTest {

    private static final int JOBS = 4;
    private static final int COUNT = 10_000;

    private static void assertAllJobsFull(SerialThreadsProcesses.Variant v) {
        assertEquals(JOBS, v.jobs().size());
        for (int j = 0; j < JOBS; j++) {
            assertEquals(j, v.jobs().get(j).index());
            assertEquals(COUNT, v.jobs().get(j).size(), v.name() + " job " + j);
        }
    }

    @Test
    void doSomethingAppendsExactlyCountNumbersInZeroToOne() {
        var list = DoubleStream.builder();
        SerialThreadsProcesses.doSomething(1_234, list);
        double[] values = list.build().toArray();
        assertEquals(1_234, values.length);
        assertTrue(DoubleStream.of(values).allMatch(x -> x >= 0 && x < 1));
    }

    @Test
    void serialRunsEveryJobOnTheCallingThread() {
        var v = SerialThreadsProcesses.serial(JOBS, COUNT);
        assertAllJobsFull(v);
        assertTrue(v.jobs().stream().allMatch(SerialThreadsProcesses.Job::onCallerThread));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void threadsRunEveryJobOffTheMainThreadInThisProcess() throws Exception {
        var v = SerialThreadsProcesses.threads(JOBS, COUNT);
        assertAllJobsFull(v);
        long me = ProcessHandle.current().pid();
        for (var job : v.jobs()) {
            assertFalse(job.onCallerThread(), "job " + job.index() + " ran on " + job.thread());
            assertNotEquals(Thread.currentThread().getName(), job.thread());
            assertEquals(me, job.pid());
        }
        assertEquals(JOBS, v.jobs().stream().map(SerialThreadsProcesses.Job::thread).distinct().count());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void processesRunEveryJobInADifferentPid() throws Exception {
        var v = SerialThreadsProcesses.processes(JOBS, COUNT);
        assertAllJobsFull(v);
        long me = ProcessHandle.current().pid();
        List<Long> pids = v.jobs().stream().map(SerialThreadsProcesses.Job::pid).toList();
        assertTrue(pids.stream().noneMatch(p -> p == me), "pids " + pids + " vs parent " + me);
        assertEquals(JOBS, pids.stream().distinct().count(), "one process per job");
        assertEquals(0, ChildJvm.liveCount(), "every child JVM has exited");
    }
}
