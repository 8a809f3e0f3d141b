package org.parallelcookbook.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.async.StateMachineCoroutines.Run;
import org.parallelcookbook.async.StateMachineCoroutines.State;
import org.parallelcookbook.async.StateMachineCoroutines.Transition;
import org.parallelcookbook.core.measure.Sleeper;

@Timeout(60)
class StateMachineCoroutinesTest {

    private static final List<String> TRANSCRIPT_011 = List.of(
            "Start State calling State 2 with transition value = 0",
            "State 2 calling State 3 with transition value = 1",
            "State 3 calling End State with transition value = 1");

    private static IntSupplier bits(int... values) {
        Iterator<Integer> it = java.util.Arrays.stream(values).iterator();
        return it::next;
    }

    @Test
    void bits011TakeStartS2S3EndWithTheBookTranscript() {
        List<String> printed = new ArrayList<>();
        Run run;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            run = StateMachineCoroutines.chained(bits(0, 1, 1), executor, Sleeper.none(), Duration.ofSeconds(1),
                    printed::add);
        }
        assertEquals(List.of(new Transition(State.START, 0, State.S2), new Transition(State.S2, 1, State.S3),
                new Transition(State.S3, 1, State.END)), run.path());
        assertEquals(TRANSCRIPT_011, run.transcript());
        assertEquals(List.of("Start State called", "...Evaluating...", "...Evaluating...", "...Stop Computation..."),
                printed);
    }

    @Test
    void eventLoopTakesTheSamePathWithOneTimerPerState() throws Exception {
        try (var loop = SimpleEventLoop.virtualTime()) {
            List<String> printed = new ArrayList<>();
            Run run = StateMachineCoroutines.onEventLoop(bits(0, 1, 1), loop, Duration.ofSeconds(1), printed::add);
            assertEquals(TRANSCRIPT_011, run.transcript());
            assertEquals(List.of("Start State called", "...Evaluating...", "...Evaluating...", "...Stop Computation..."),
                    printed, "the same lines as the chained form");
            assertEquals(3_000_000_000L, loop.nanoTime(), "three states, each waited one virtual second");
        }
    }

    @Test
    void hundredSeedsFollowTheTableAndReachEndOnBothForms() throws Exception {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor(); var loop = SimpleEventLoop.virtualTime()) {
            for (long seed = 0; seed < 100; seed++) {
                Run chain = StateMachineCoroutines.chained(StateMachineCoroutines.randomBits(seed), executor,
                        Sleeper.none(), Duration.ZERO, s -> { });
                Run onLoop = StateMachineCoroutines.onEventLoop(StateMachineCoroutines.randomBits(seed), loop,
                        Duration.ofMillis(1), s -> { });
                assertEquals(chain.path(), onLoop.path(), "seed " + seed);
                assertEquals(chain.transcript(), onLoop.transcript(), "seed " + seed);
                State at = State.START;
                for (Transition t : chain.path()) {
                    assertEquals(at, t.from(), "seed " + seed + ": the path is connected");
                    assertEquals(t.from().next(t.bit()), t.to(), "seed " + seed + ": the edge is in the table");
                    at = t.to();
                }
                assertEquals(State.END, at, "seed " + seed + " reaches End");
            }
        }
    }

    @Test
    void aBitSourceThatNeverReachesEndIsStoppedNotLoopedForever() {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            // all zeros: Start -> S2 -> S1 -> S3 -> S1 -> S3 ... never End
            var e = assertThrows(IllegalStateException.class, () -> StateMachineCoroutines.chained(() -> 0, executor,
                    Sleeper.none(), Duration.ZERO, s -> { }));
            assertEquals("no End State after 10000 transitions", e.getMessage());
        }
    }
    /** The table itself, from the book (the 100-seed test checks each step against it, so it must be right). */
    @Test
    void theTransitionTableIsTheBooks() {
        assertEquals(State.S2, State.START.next(0));
        assertEquals(State.S1, State.START.next(1));
        assertEquals(State.S3, State.S1.next(0));
        assertEquals(State.S2, State.S1.next(1));
        assertEquals(State.S1, State.S2.next(0));
        assertEquals(State.S3, State.S2.next(1));
        assertEquals(State.S1, State.S3.next(0));
        assertEquals(State.END, State.S3.next(1));
        assertEquals("End State has no transitions", assertThrows(IllegalStateException.class, () -> State.END.next(0)).getMessage());
        assertEquals("transition value must be 0 or 1, got 2", assertThrows(IllegalArgumentException.class, () -> State.S1.next(2)).getMessage());
    }

    /**
     * Both forms give up on a bit source that never reaches End, at the same place: the chained form
     * draws the 10,001st bit before it fails (it checks after taking an edge), the event loop stops
     * after the 10,000th edge.
     */
    @Test
    void bothFormsStopAtTheTransitionLimit() throws Exception {
        var drawn = new java.util.concurrent.atomic.AtomicInteger();
        IntSupplier zeros = () -> {
            drawn.incrementAndGet();
            return 0;
        };
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            assertThrows(IllegalStateException.class,
                    () -> StateMachineCoroutines.chained(zeros, executor, Sleeper.none(), Duration.ZERO, s -> { }));
        }
        assertEquals(10_001, drawn.get(), "chained");
        drawn.set(0);
        try (var loop = SimpleEventLoop.virtualTime()) {
            var e = assertThrows(IllegalStateException.class,
                    () -> StateMachineCoroutines.onEventLoop(zeros, loop, Duration.ZERO, s -> { }));
            assertEquals("no End State after 10000 transitions", e.getMessage());
        }
        assertEquals(10_000, drawn.get(), "event loop");
    }
}
