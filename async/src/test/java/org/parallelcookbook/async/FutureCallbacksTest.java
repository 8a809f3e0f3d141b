package org.parallelcookbook.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.RecipeMain;

@Timeout(30)
class FutureCallbacksTest {

    /** A delayer the test drives: it only queues the tasks; the test runs them when and in what order it likes. */
    private static final class ManualDelayer implements FutureCallbacks.Delayer {
        final Map<Duration, List<Runnable>> queued = new java.util.HashMap<>();

        @Override
        public Executor apply(Duration d) {
            return task -> queued.computeIfAbsent(d, k -> new ArrayList<>()).add(task);
        }

        void fire(Duration d) {
            queued.remove(d).forEach(Runnable::run);
        }
    }

    private static final Duration FIRST = Duration.ofSeconds(4);
    private static final Duration SECOND = Duration.ofSeconds(3);
    private static final String SUM_10 = "first coroutine (sum of N integers) result = 10";
    private static final String FACT_24 = "second coroutine (factorial) result = 24";

    @Test
    void fourAndFourGiveTenAndTwentyFour() {
        assertEquals(BigInteger.TEN, FutureCallbacks.sum(4));
        assertEquals(BigInteger.valueOf(24), FutureCallbacks.factorial(4));
        assertEquals(BigInteger.ONE, FutureCallbacks.factorial(0));
        assertEquals(BigInteger.ZERO, FutureCallbacks.sum(0));
    }

    @Test
    void callbacksFireInCompletionOrderEachExactlyOnce() {
        for (boolean secondFirst : new boolean[] {true, false}) {
            var delayer = new ManualDelayer();
            var running = FutureCallbacks.start(4, 4, FIRST, SECOND, null, delayer, s -> { });
            assertTrue(running.log().isEmpty(), "nothing completes before the test fires a delay");
            delayer.fire(secondFirst ? SECOND : FIRST);
            assertEquals(List.of(secondFirst ? FACT_24 : SUM_10), running.log());
            assertFalse(running.callbacksDone().isDone());
            delayer.fire(secondFirst ? FIRST : SECOND);
            assertTrue(running.callbacksDone().isDone());
            assertEquals(secondFirst ? List.of(FACT_24, SUM_10) : List.of(SUM_10, FACT_24), running.log());
        }
    }

    /**
     * A result of up to 60 digits is printed whole, a longer one cut to its first 20 digits and its
     * length (47! has 60 digits, 48! has 62); what the callbacks print is their log.
     */
    @Test
    void longResultsAreCutAfterSixtyDigitsAndPrintedAsLogged() {
        for (int n : new int[] {47, 48}) {
            var delayer = new ManualDelayer();
            List<String> printed = new ArrayList<>();
            var running = FutureCallbacks.start(4, n, FIRST, SECOND, null, delayer, printed::add);
            delayer.fire(SECOND);
            delayer.fire(FIRST);
            String digits = FutureCallbacks.factorial(n).toString();
            String shown = n == 47 ? digits : digits.substring(0, 20) + "... (62 digits)";
            assertEquals(n == 47 ? 60 : 62, digits.length());
            assertEquals(List.of("second coroutine (factorial) result = " + shown, SUM_10), running.log());
            assertEquals(running.log(), printed);
        }
    }

    @Test
    void aTimeoutFailsTheLateFutureAndItsCallbackStillRunsOnce() {
        var delayer = new ManualDelayer();
        Duration timeout = Duration.ofMillis(3500);
        var running = FutureCallbacks.start(4, 4, FIRST, SECOND, timeout, delayer, s -> { });
        delayer.fire(SECOND);    // the factorial makes it in time
        delayer.fire(timeout);   // the timeout fires before the sum
        delayer.fire(FIRST);     // the late result loses the race: complete() returns false
        assertTrue(running.callbacksDone().isDone());
        assertEquals(List.of(FACT_24, "first coroutine (sum of N integers) failed: TimeoutException after 3500 ms"),
                running.log());
        assertTrue(running.first().isCompletedExceptionally());
    }

    @Test
    void realDelayedExecutorRunsTheBookProgram() {
        var out = FutureCallbacks.run(4, 4, Duration.ZERO, Duration.ZERO, null, FutureCallbacks.Delayer.system(), s -> { });
        assertEquals(java.util.Set.of(SUM_10, FACT_24), java.util.Set.copyOf(out.log()));
    }

    @Test
    void missingOrNegativeNumbersAreUsageErrors() {
        for (String[] bad : List.of(new String[] {}, new String[] {"4"}, new String[] {"4", "-1"},
                new String[] {"x", "4"}, new String[] {"4", "4", "--timeout", "-2"})) {
            var err = new ByteArrayOutputStream();
            PrintStream old = System.err;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status;
            try {
                status = RecipeMain.runAndReport(bad, FutureCallbacks::cli);
            } finally {
                System.setErr(old);
            }
            assertEquals(RecipeMain.EXIT_USAGE, status, String.join(" ", bad));
            assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().lines().count(), "one line");
        }
    }
}
