package org.parallelcookbook.core.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.launch.ChildJvm;

/** Forks: every fork a fresh JVM, its own shuffled order, results merged by point in fork order. */
class ForkTest {

    /** A tiny workload (a few microseconds of arithmetic) that a fork builds with its no-argument constructor. */
    public static final class Tiny implements ScalableWorkload {
        @Override
        public String name() {
            return "tiny";
        }

        @Override
        public List<String> variants() {
            return List.of("a", "b");
        }

        @Override
        public Object run(String variant, int workers) {
            long x = workers;
            for (int i = 0; i < 1000; i++) {
                x = x * 6364136223846793005L + variant.length();
            }
            return x;
        }
    }

    /** A workload that fails in the fork. */
    public static final class Failing implements ScalableWorkload {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public Object run(String variant, int workers) {
            throw new IllegalStateException("boom at " + workers);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void eachForkIsAFreshJvmAndResultsAreMergedInForkOrder() throws Exception {
        List<String> progress = new ArrayList<>();
        ScalingResult r = ScalingExperiment.of(new Tiny()).workers(List.of(1, 2)).warmup(0).trials(2).forks(2).seed(3)
                .progress((done, total, what) -> progress.add(done + "/" + total + " " + what)).build().run();
        assertEquals(2, r.forks());
        long me = ProcessHandle.current().pid();
        Set<Long> pids = new HashSet<>();
        List<ScalingExperiment.Key> keys = new ArrayList<>();
        for (ScalingResult.Series s : r.series()) {
            for (ScalingPoint p : s.points()) {
                keys.add(new ScalingExperiment.Key(s.variant(), p.workers()));
            }
        }
        for (int f = 1; f <= 2; f++) {
            List<ScalingExperiment.Key> order = ScalingExperiment.order(keys, 3, f);
            for (ScalingResult.Series s : r.series()) {
                for (ScalingPoint p : s.points()) {
                    assertEquals(List.of(1, 2), p.forks().stream().map(ForkTrials::fork).toList(), "merged in fork order");
                    ForkTrials t = p.forks().get(f - 1);
                    assertEquals(2, t.seconds().size());
                    assertEquals(order.indexOf(new ScalingExperiment.Key(s.variant(), p.workers())), t.order(),
                            "fork " + f + " visited the points in its shuffled order");
                    pids.add(t.pid());
                }
            }
        }
        assertEquals(2, pids.size(), "one JVM per fork: " + pids);
        assertTrue(!pids.contains(me), "no fork ran in the test's own JVM");
        List<ScalingExperiment.Key> reversed = new ArrayList<>(ScalingExperiment.order(keys, 3, 1));
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, ScalingExperiment.order(keys, 3, 2), "the second fork of a pair reverses the first");
        assertNotEquals(keys, ScalingExperiment.order(keys, 3, 1), "the first fork's order is shuffled");
        assertNotEquals(ScalingExperiment.order(keys, 3, 1), ScalingExperiment.order(keys, 3, 3),
                "the next pair has another shuffle");
        // each fork: 4 warm-ups and 2 rounds
        assertTrue(progress.contains("12/12 done"), progress.toString());
        assertTrue(progress.contains("6/12 fork 2/2: starting a JVM"), progress.toString());
        assertTrue(progress.contains("10/12 fork 2/2: round 1/2"), progress.toString());
        assertEquals(0, ChildJvm.liveCount());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aForkThatFailsNamesItselfAndItsExitStatus() {
        var study = ScalingExperiment.of(new Failing()).workers(List.of(1)).warmup(0).trials(1).forks(2).build();
        ForkFailedException e = assertThrows(ForkFailedException.class, study::run);
        assertEquals(1, e.fork());
        assertEquals(ForkMain.FAILED, e.exitStatus());
        assertEquals("fork 1 of 2 exited with status 3: workload failed: IllegalStateException: boom at 1", e.getMessage());
        assertEquals(0, ChildJvm.liveCount());
    }

    @Test
    void aWorkloadAForkCannotBuildIsRefusedUpFront() {
        ScalableWorkload anonymous = new ScalableWorkload() {
            @Override
            public String name() {
                return "anonymous";
            }

            @Override
            public Object run(String variant, int workers) {
                return null;
            }
        };
        var e = assertThrows(IllegalArgumentException.class, () -> ScalingExperiment.of(anonymous).forks(1).build());
        assertTrue(e.getMessage().contains("no-argument constructor"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScalingExperiment.of(new Tiny()).forks(-1).build());
    }
}
