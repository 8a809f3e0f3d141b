package org.parallelcookbook.async;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Sleeper;

@Timeout(30)
class CooperativeTasksTest {

    @Test
    void eventLoopGivesTheBookResultsAndRoundRobinsTheSteps() throws Exception {
        List<String> timed = new ArrayList<>();
        CooperativeTasks.Results r;
        try (var loop = SimpleEventLoop.virtualTime()) {
            r = CooperativeTasks.onEventLoop(loop, Duration.ofSeconds(1),
                    line -> timed.add(loop.nanoTime() / 1_000_000_000L + "s " + line));
            assertEquals(10_000_000_000L, loop.nanoTime(), "ten one-second steps of binomial and fibonacci");
        }
        assertEquals(3_628_800L, r.factorial());
        assertEquals(55L, r.fibonacci());
        assertEquals(184_756L, r.binomial());

        List<String> expected = new ArrayList<>();
        for (int k = 0; k <= 8; k++) {
            expected.add("factorial(" + (k + 2) + ")");
            expected.add("fibonacci(" + k + ")");
            expected.add("binomialCoeff(" + (k + 1) + ")");
        }
        expected.add("fibonacci(9)");
        expected.add("binomialCoeff(10)");
        assertEquals(expected, r.steps());

        // round k of steps happens at exactly k seconds; results come when each task's last sleep ends
        assertEquals("0s Task: Compute factorial(2)", timed.get(0));
        assertEquals("8s Task: Compute binomialCoeff(9)", timed.get(26));
        assertEquals(List.of("9s Task - factorial(10) = 3628800", "9s Task: Compute fibonacci(9)",
                "9s Task: Compute binomialCoeff(10)", "10s Task - fibonacci(10) = 55",
                "10s Task - binomialCoeff(20, 10) = 184756"), timed.subList(27, 32));
    }

    @Test
    void virtualThreadsGiveTheSameResultsAndKeepEachTasksOwnOrder() {
        var r = CooperativeTasks.onVirtualThreads(Sleeper.none(), Duration.ofSeconds(1), line -> { });
        assertEquals(3_628_800L, r.factorial());
        assertEquals(55L, r.fibonacci());
        assertEquals(184_756L, r.binomial());
        assertEquals(29, r.steps().size());
        assertEquals(java.util.stream.IntStream.rangeClosed(2, 10).mapToObj(i -> "factorial(" + i + ")").toList(),
                r.steps().stream().filter(s -> s.startsWith("factorial")).toList());
        assertEquals(java.util.stream.IntStream.range(0, 10).mapToObj(i -> "fibonacci(" + i + ")").toList(),
                r.steps().stream().filter(s -> s.startsWith("fibonacci")).toList());
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> "binomialCoeff(" + i + ")").toList(),
                r.steps().stream().filter(s -> s.startsWith("binomial")).toList());
    }
    /** Each virtual-thread task pauses once per step (29 pauses of the given length) and prints its result line. */
    @Test
    void virtualThreadTasksPauseAtEveryStepAndPrintTheirResults() {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Duration> pauses = new java.util.concurrent.CopyOnWriteArrayList<>();
        CooperativeTasks.onVirtualThreads(pauses::add, Duration.ofMillis(250), lines::add);
        assertEquals(java.util.Collections.nCopies(29, Duration.ofMillis(250)), pauses);
        for (String result : List.of("Task - factorial(10) = 3628800", "Task - fibonacci(10) = 55",
                "Task - binomialCoeff(20, 10) = 184756")) {
            assertEquals(1, lines.stream().filter(result::equals).count(), result + " in " + lines);
        }
        assertEquals(29, lines.stream().filter(l -> l.startsWith("Task: Compute ")).count(), lines::toString);
        assertEquals(32, lines.size());
    }
}
