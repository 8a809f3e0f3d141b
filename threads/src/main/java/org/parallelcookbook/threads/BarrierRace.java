package org.parallelcookbook.threads;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.Sleeper;

/**
 * <b>Thread synchronization with a barrier</b> (2nd edition of the book).
 *
 * <p>Three runners, Huey, Dewey and Louie, each take 2-4 s to reach the start line, print
 * "&lt;name&gt; reached the barrier at: &lt;time&gt;" and wait on {@code threading.Barrier(3)};
 * when the third arrives all three go ("START RACE!!!!"), and main prints "Race over!".
 *
 * <p><b>Java:</b> {@link CyclicBarrier} is Python's {@code Barrier}: {@code await()} blocks until
 * all parties have arrived, and its optional <i>barrier action</i> runs once per generation, in
 * the last thread to arrive, before anyone is released: the natural place for "START RACE!!!!".
 * (The book's main prints "START RACE!!!!" before it starts the runners, so its barrier is a
 * finish line; here the barrier is the start line and its action gives the signal, because the
 * action is the part of {@code CyclicBarrier} the recipe teaches.)
 * It is cyclic: the same barrier serves the next race (this recipe runs two). A {@link Phaser} does
 * the same with a changing number of parties ({@link #phaserRace}).
 *
 * <p><b>Breaking:</b> if one party gives up ({@code await(timeout)} expires, or it is interrupted),
 * the barrier is <i>broken</i>: that party gets {@link TimeoutException} and every other waiter,
 * present or future, {@link BrokenBarrierException}, so nobody waits for ever for a runner that
 * will not come. {@link #brokenByTimeout} shows it with a runner missing.
 *
 * <p>Run: {@code ./cookbook run x.thread-barrier [--races 2] [--seed N] [--unit-ms 1000]} (each
 * runner takes 2-4 units to reach the line).
 */
@Recipe(id = "x.thread-barrier", chapter = 2, title = "Thread synchronization with a barrier (2nd ed.)", extra = true,
        tourArgs = {"--unit-ms", "5"})
public final class BarrierRace {

    private BarrierRace() {
    }

    public static final List<String> RUNNERS = List.of("Huey", "Dewey", "Louie");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    /** The event log ("reached Huey 0", "START 0", "passed Huey 0", ...) and how often the action ran. */
    public record Result(List<String> events, int actionRuns) {
    }

    /** {@code races} races with one {@link CyclicBarrier}; each runner takes 2-4 units to arrive. */
    public static Result race(int races, long seed, Duration unit, Sleeper sleeper, Consumer<String> out)
            throws InterruptedException {
        List<String> events = new ArrayList<>();
        Consumer<String> log = logInto(events);
        int[] generation = {0}; // written only by the barrier action, read after the barrier: happens-before
        var barrier = new CyclicBarrier(RUNNERS.size(), () -> {
            log.accept("START " + generation[0]);
            out.accept("START RACE!!!!");
            generation[0]++;
        });
        runners(races, seed, unit, sleeper, out, log, "barrier", startLine(barrier));
        out.accept("Race over!");
        synchronized (events) {
            return new Result(List.copyOf(events), generation[0]);
        }
    }

    /** The same race with a {@link Phaser}: each runner registered, {@code arriveAndAwaitAdvance()} as the start line. */
    public static Result phaserRace(int races, long seed, Duration unit, Sleeper sleeper, Consumer<String> out)
            throws InterruptedException {
        List<String> events = new ArrayList<>();
        Consumer<String> log = logInto(events);
        var phaser = new Phaser(RUNNERS.size()) {
            @Override
            protected boolean onAdvance(int phase, int registeredParties) {
                log.accept("START " + phase);
                out.accept("START RACE!!!! (phase " + phase + ")");
                return false; // keep the phaser alive for the next race
            }
        };
        runners(races, seed, unit, sleeper, out, log, "phaser", startLine(phaser));
        synchronized (events) {
            return new Result(List.copyOf(events), phaser.getPhase());
        }
    }

    /** Where a runner waits for the others: the barrier's {@code await} or the phaser's {@code arriveAndAwaitAdvance}. */
    private interface StartLine {
        void await() throws InterruptedException, BrokenBarrierException;

        /**
         * A runner that stops early (interrupted) leaves the line, so the others are not kept waiting
         * for ever: a barrier is broken, a phaser loses one party.
         */
        void leave();
    }

    /** The barrier's start line; leaving breaks it, as an interrupted {@code await} does. */
    private static StartLine startLine(CyclicBarrier barrier) {
        return new StartLine() {
            @Override
            public void await() throws InterruptedException, BrokenBarrierException {
                barrier.await();
            }

            @Override
            public void leave() {
                // called with the interrupt status set: await() breaks the barrier and throws at once
                try {
                    barrier.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // keep the status
                } catch (BrokenBarrierException e) {
                    // already broken: nobody waits for this runner
                }
            }
        };
    }

    /** The phaser's start line; leaving deregisters, so the next phases need one party fewer. */
    private static StartLine startLine(Phaser phaser) {
        return new StartLine() {
            @Override
            public void await() {
                phaser.arriveAndAwaitAdvance();
            }

            @Override
            public void leave() {
                phaser.arriveAndDeregister();
            }
        };
    }

    /**
     * The three runners, each in its own thread: {@code races} times, run 2-4 units, log the arrival,
     * wait at the start line, log the pass. Returns when every runner has finished (or was broken off).
     */
    private static void runners(int races, long seed, Duration unit, Sleeper sleeper, Consumer<String> out,
                                Consumer<String> log, String lineName, StartLine line) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < RUNNERS.size(); i++) {
            String name = RUNNERS.get(i);
            var random = new SplittableRandom(seed * 31 + i);
            threads.add(new Thread(() -> {
                try {
                    for (int r = 0; r < races; r++) {
                        sleeper.sleep(unit.multipliedBy(2 + random.nextInt(3)));
                        log.accept("reached " + name + " " + r);
                        out.accept(name + " reached the " + lineName + " at: " + LocalTime.now().format(TIME));
                        line.await();
                        log.accept("passed " + name + " " + r);
                    }
                } catch (BrokenBarrierException e) {
                    log.accept("broken " + name);
                } catch (InterruptedException e) {
                    // nobody in the recipe interrupts a runner but runners() below, when its own
                    // caller is interrupted: stop, keep the status, and do not leave the others waiting
                    Thread.currentThread().interrupt();
                    log.accept("interrupted " + name);
                    line.leave();
                }
            }, name));
        }
        threads.forEach(Thread::start);
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt); // the caller gives up: stop the race
            throw e;
        }
    }

    /** A thread-safe appender to an event log. */
    private static Consumer<String> logInto(List<String> events) {
        return e -> {
            synchronized (events) {
                events.add(e);
            }
        };
    }

    /**
     * Only Huey and Dewey come to a barrier of three. Huey waits at most {@code patience} and gives
     * up; Dewey waits without a limit and is released by the broken barrier. Returns each runner's
     * outcome (the exception's simple name).
     */
    public static Map<String, String> brokenByTimeout(Duration patience) throws InterruptedException {
        var barrier = new CyclicBarrier(3);
        Map<String, String> outcomes = new TreeMap<>();
        Thread huey = new Thread(() -> record(outcomes, "Huey", () -> barrier.await(patience.toNanos(), TimeUnit.NANOSECONDS)), "Huey");
        Thread dewey = new Thread(() -> record(outcomes, "Dewey", barrier::await), "Dewey");
        huey.start();
        dewey.start();
        huey.join();
        dewey.join();
        outcomes.put("barrier broken", String.valueOf(barrier.isBroken()));
        return outcomes;
    }

    private interface Await {
        int await() throws Exception;
    }

    private static void record(Map<String, String> outcomes, String name, Await await) {
        String outcome;
        try {
            await.await();
            outcome = "passed";
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // recorded, and kept
            }
            outcome = e.getClass().getSimpleName();
        }
        synchronized (outcomes) {
            outcomes.put(name, outcome);
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(BarrierRace.class)
                .intOption("--races", 2, 1, Integer.MAX_VALUE, "races run")
                .longOption("--unit-ms", 1000, 0, Long.MAX_VALUE, "time unit of the runners' random sleeps, in ms")
                .longOption("--seed", System.nanoTime(), Long.MIN_VALUE, Long.MAX_VALUE, "seed of the runners' random sleeps").defaultText("random");
        RecipeMain.run(args, options, opt -> {
            int races = opt.intValue("--races");
            long seed = opt.longValue("--seed");
            Duration unit = Duration.ofMillis(opt.longValue("--unit-ms"));
            Result r = race(races, seed, unit, Sleeper.real(), System.out::println);
            System.out.println("the barrier action ran " + r.actionRuns() + " times for " + races + " races");
            System.out.println();
            System.out.println("-- the same with a Phaser --");
            phaserRace(1, seed, unit, Sleeper.real(), System.out::println);
            System.out.println();
            System.out.println("-- Louie never comes; Huey waits 100 ms, Dewey without limit --");
            brokenByTimeout(Duration.ofMillis(100)).forEach((k, v) -> System.out.println(k + ": " + v));
        });
    }
}
