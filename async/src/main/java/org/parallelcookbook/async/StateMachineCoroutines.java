package org.parallelcookbook.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.core.measure.Sleeper;

/**
 * <b>Handling coroutines with Asyncio</b> (book chapter 4).
 *
 * <p>The book simulates a finite-state automaton with one {@code @asyncio.coroutine} per state.
 * Each state draws a bit with {@code randint(0, 1)}, waits a second, prints "...Evaluating..." and
 * {@code yield from}s the next state, whose return string it prepends its own line to; the start
 * state prints the whole transcript at the end ("Start State calling State 2 with transition
 * value = 0", ...). The table:
 * <pre>
 * Start -0-> State 2   Start -1-> State 1
 * State 1 -0-> State 3   State 1 -1-> State 2
 * State 2 -0-> State 1   State 2 -1-> State 3
 * State 3 -0-> State 1   State 3 -1-> End
 * </pre>
 *
 * <p><b>Book flaw:</b> the states wait with {@code time.sleep(1)}, which blocks the event loop: no
 * other coroutine could run meanwhile. The asyncio fix is {@code await asyncio.sleep(1)}.
 *
 * <p>Java has no coroutines. Two faithful forms:
 * <ul>
 * <li>{@link #chained}: each state is a {@link CompletableFuture} stage; {@code thenCompose} plays
 * {@code yield from} (run the next state, then continue with its result) and the transcript is
 * built on the way back exactly as in the book. The stages run on an executor; on virtual threads
 * (what {@code main} uses) the blocking one-second wait is harmless, because a blocked virtual
 * thread frees its carrier: the book's flaw stops being one.</li>
 * <li>{@link #onEventLoop}: the states as callbacks on the single-threaded {@link SimpleEventLoop},
 * each waiting with a timer ({@code callLater}), the non-blocking wait the book should have used.</li>
 * </ul>
 * The bits come from an injectable {@link IntSupplier} (a seeded random by default), so the path is
 * reproducible and tests can force one.
 *
 * <p>Run: {@code ./cookbook run ch4.coroutines [--seed N] [--evaluate-ms 1000]} (the tour uses 10 ms).
 */
@Recipe(id = "ch4.coroutines", chapter = 4, title = "Handling coroutines with Asyncio",
        tourArgs = {"--evaluate-ms", "10"})
public final class StateMachineCoroutines {

    /** Beyond this many transitions the run is abandoned (a bit source that never reaches End). */
    public static final int MAX_TRANSITIONS = 10_000;

    private StateMachineCoroutines() {
    }

    /** The automaton's states and transition table. */
    public enum State {
        START("Start State"), S1("State 1"), S2("State 2"), S3("State 3"), END("End State");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Where the bit leads from this state (End has no way out). */
        public State next(int bit) {
            if (bit != 0 && bit != 1) {
                throw new IllegalArgumentException("transition value must be 0 or 1, got " + bit);
            }
            return switch (this) {
                case START -> bit == 0 ? S2 : S1;
                case S1 -> bit == 0 ? S3 : S2;
                case S2 -> bit == 0 ? S1 : S3;
                case S3 -> bit == 0 ? S1 : END;
                case END -> throw new IllegalStateException("End State has no transitions");
            };
        }
    }

    /** One edge taken: {@code from} drew {@code bit} and went to {@code to}. */
    public record Transition(State from, int bit, State to) {
        /** The book's transcript line, "Start State calling State 2 with transition value = 0". */
        public String line() {
            return from.label() + " calling " + to.label() + " with transition value = " + bit;
        }
    }

    /** A run: the path, and the transcript the start state prints at the end. */
    public record Run(List<Transition> path, List<String> transcript) {
        public Run {
            path = List.copyOf(path);
            transcript = List.copyOf(transcript);
        }
    }

    /** Bits from a seeded random source: the book's {@code randint(0, 1)}, reproducible. */
    public static IntSupplier randomBits(long seed) {
        var random = new SplittableRandom(seed);
        return () -> random.nextInt(2);
    }

    /**
     * The automaton as a chain of CompletableFuture stages on {@code executor}; each state waits
     * {@code evaluate} with {@code sleeper} (a blocking wait, harmless on virtual threads).
     */
    public static Run chained(IntSupplier bits, Executor executor, Sleeper sleeper, Duration evaluate,
                              Consumer<String> out) {
        out.accept("Start State called");
        List<Transition> path = java.util.Collections.synchronizedList(new ArrayList<>());
        String transcript;
        try {
            transcript = visit(State.START, bits, executor, sleeper, evaluate, out, path).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return new Run(path, transcript.lines().toList());
    }

    /** One state: draw, wait, then "yield from" the next state and prepend this state's line. */
    private static CompletableFuture<String> visit(State state, IntSupplier bits, Executor executor, Sleeper sleeper,
                                                   Duration evaluate, Consumer<String> out, List<Transition> path) {
        return CompletableFuture.supplyAsync(() -> {
            int bit = bits.getAsInt();
            State to = state.next(bit);
            try {
                sleeper.sleep(evaluate); // the book's time.sleep(1)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
            if (state != State.START) {
                out.accept("...Evaluating...");
            }
            var t = new Transition(state, bit, to);
            path.add(t);
            if (path.size() > MAX_TRANSITIONS) {
                throw new IllegalStateException("no End State after " + MAX_TRANSITIONS + " transitions");
            }
            return t;
        }, executor).thenCompose(t -> {
            if (t.to() == State.END) {
                out.accept("...Stop Computation...");
                return CompletableFuture.completedFuture(t.line() + "\n");
            }
            return visit(t.to(), bits, executor, sleeper, evaluate, out, path).thenApply(rest -> t.line() + "\n" + rest);
        });
    }

    /**
     * The automaton on the single-threaded event loop: each state is a callback that waits with a
     * timer ({@code callLater}), never blocking the loop. Runs the loop until End.
     */
    public static Run onEventLoop(IntSupplier bits, SimpleEventLoop loop, Duration evaluate, Consumer<String> out)
            throws InterruptedException {
        List<Transition> path = new ArrayList<>();
        var done = new CompletableFuture<Void>();
        out.accept("Start State called");
        loop.callSoon(new Runnable() {
            State state = State.START;

            @Override
            public void run() {
                int bit = bits.getAsInt();
                State to = state.next(bit);
                Runnable self = this;
                loop.callLater(evaluate, () -> { // await asyncio.sleep(1)
                    try {
                        if (state != State.START) {
                            out.accept("...Evaluating...");
                        }
                        path.add(new Transition(state, bit, to));
                        if (to == State.END) {
                            out.accept("...Stop Computation...");
                            done.complete(null);
                        } else if (path.size() >= MAX_TRANSITIONS) {
                            throw new IllegalStateException("no End State after " + MAX_TRANSITIONS + " transitions");
                        } else {
                            state = to;
                            loop.callSoon(self);
                        }
                    } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                    }
                });
            }
        });
        try {
            loop.runUntilComplete(done);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return new Run(path, path.stream().map(Transition::line).toList());
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(StateMachineCoroutines.class)
                .longOption("--seed", 1, Long.MIN_VALUE, Long.MAX_VALUE, "seed of the random input bits")
                .intOption("--evaluate-ms", 1000, 0, Integer.MAX_VALUE, "time each state spends evaluating, in ms");
        RecipeMain.run(args, options, opt -> {
            long seed = opt.longValue("--seed");
            int evaluateMs = opt.intValue("--evaluate-ms");
            if (evaluateMs > 60_000) {
                throw new UsageException("--evaluate-ms must be at most 60000, got " + evaluateMs);
            }
            Duration evaluate = Duration.ofMillis(evaluateMs);
            System.out.println("Finite State Machine simulation, CompletableFuture chain on virtual threads");
            Run chain;
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                chain = chained(randomBits(seed), executor, Sleeper.real(), evaluate, System.out::println);
            }
            System.out.println("Resume of the Transition :");
            chain.transcript().forEach(System.out::println);
            System.out.println();
            System.out.println("The same seed on SimpleEventLoop (timers instead of blocking sleeps)");
            Run loopRun;
            try (var loop = SimpleEventLoop.realTime()) {
                loopRun = onEventLoop(randomBits(seed), loop, evaluate, s -> { });
            }
            System.out.println("same transcript: " + loopRun.transcript().equals(chain.transcript()));
        });
    }
}
