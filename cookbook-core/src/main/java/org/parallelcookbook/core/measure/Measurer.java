package org.parallelcookbook.core.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Times a piece of work the way the cookbook always does: warm-up runs (so the JIT has compiled
 * the hot code), then repeated measured trials, summarised by their median. Every result is passed
 * to {@link Sink} so the work cannot be optimised away.
 *
 * <p>Warm-up is a fixed number of runs and, optionally, a minimum time: runs continue until both
 * are reached, so a fast workload is not measured after three runs of the interpreter.
 *
 * <p><b>Batching.</b> A trial much shorter than the clock's useful resolution (and than the loop
 * and timer overhead around it) measures the timer, not the work. With a minimum trial time, the
 * measurer calibrates on the warm-up runs (or, without warm-up, on the first trial, which it then
 * repeats): when one run is shorter than the minimum, each trial runs the work
 * {@code operations = ceil(minimum / run time)} times back to back and reports the time of one
 * operation, {@code trial time / operations} (JMH's "operations per invocation").
 */
public final class Measurer {

    /** At most this many operations in one trial. */
    static final int MAX_OPERATIONS = 1_000_000;
    /** At most this many rounds, whatever the minimum time of the rounds (a clock that never moves). */
    static final int MAX_ROUNDS = 10_000;
    /** At most this many warm-up runs, whatever the minimum warm-up time (a clock that never moves). */
    static final int MAX_WARMUP_RUNS = 1_000_000;

    private final Clock clock;
    private final int warmup;
    private final int trials;
    private final long minWarmupNanos;
    private final long minTrialNanos;

    /**
     * @param minWarmup minimum warm-up time, besides the {@code warmup} runs ({@link Duration#ZERO}: none)
     * @param minTrial  minimum time of one trial; shorter runs are batched ({@link Duration#ZERO}: never)
     */
    public Measurer(Clock clock, int warmup, int trials, Duration minWarmup, Duration minTrial) {
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up runs must be >= 0");
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1");
        }
        if (minWarmup.isNegative() || minTrial.isNegative()) {
            throw new IllegalArgumentException("minimum times must be >= 0");
        }
        this.clock = Objects.requireNonNull(clock);
        this.warmup = warmup;
        this.trials = trials;
        this.minWarmupNanos = minWarmup.toNanos();
        this.minTrialNanos = minTrial.toNanos();
    }

    public Measurer(Clock clock, int warmup, int trials) {
        this(clock, warmup, trials, Duration.ZERO, Duration.ZERO);
    }

    public Measurer(int warmup, int trials) {
        this(Clock.system(), warmup, trials);
    }

    /** Runs the work {@code warmup + trials} times (or more, see the class comment) and summarises the trials. */
    public Summary measure(Callable<?> work) throws Exception {
        return Summary.of(sample(work).seconds());
    }

    /**
     * Warms up, calibrates the batch, and returns every trial's time per operation.
     */
    public Sample sample(Callable<?> work) throws Exception {
        WarmLoop w = warmLoop(work, warmup);
        long fastest = w.fastest();
        int warmupRuns = w.runs();
        double[] seconds = new double[trials];
        int from = 0;
        int operations = 1;
        if (minTrialNanos > 0) {
            if (warmupRuns == 0) {
                // the first trial calibrates; it is kept when one run is long enough
                long start = clock.nanoTime();
                Sink.consume(work.call());
                long took = clock.nanoTime() - start;
                operations = operations(took, minTrialNanos);
                if (operations == 1) {
                    seconds[0] = took / 1e9;
                    from = 1;
                }
            } else {
                operations = operations(fastest, minTrialNanos);
            }
        }
        for (int i = from; i < trials; i++) {
            long start = clock.nanoTime();
            for (int op = 0; op < operations; op++) {
                Sink.consume(work.call());
            }
            long end = clock.nanoTime();
            seconds[i] = (end - start) / 1e9 / operations;
        }
        return new Sample(seconds, operations, warmupRuns);
    }

    /** What the warm-up of one piece of work found: its batch size and how many runs it took. */
    private record Warm(int operations, int warmupRuns) {
    }

    /** The warm-up loop of {@link #sample} without its trials; calibrates the batch size on the warm-up runs. */
    private Warm warmUp(Callable<?> work) throws Exception {
        // without warm-up, a batched study still needs one run to calibrate on: it counts as warm-up
        WarmLoop w = warmLoop(work, minTrialNanos > 0 ? Math.max(1, warmup) : warmup);
        return new Warm(minTrialNanos > 0 ? operations(w.fastest(), minTrialNanos) : 1, w.runs());
    }

    /** What the warm-up loop did: its fastest run (Long.MAX_VALUE when none ran) and how many runs. */
    private record WarmLoop(long fastest, int runs) {
    }

    /** Runs the work until both {@code minRuns} runs and the minimum warm-up time are reached. */
    private WarmLoop warmLoop(Callable<?> work, int minRuns) throws Exception {
        long fastest = Long.MAX_VALUE;
        int runs = 0;
        long warmupStart = clock.nanoTime();
        while (runs < minRuns || (clock.nanoTime() - warmupStart < minWarmupNanos && runs < MAX_WARMUP_RUNS)) {
            long start = clock.nanoTime();
            Sink.consume(work.call());
            fastest = Math.min(fastest, clock.nanoTime() - start);
            runs++;
        }
        return new WarmLoop(fastest, runs);
    }

    /**
     * Measures several pieces of work <em>interleaved</em>, the way a scaling study needs: first each
     * one is warmed up (and its batch calibrated) in the given order, then come {@code trials}
     * rounds, and in each round every piece runs one trial: in the given order in odd rounds, in the
     * reverse order in even rounds, so that over a pair of rounds every piece has the same mean
     * position. Trial {@code r} of every piece was then measured within one round of the others, a
     * few seconds at most: a machine whose speed drifts (a busy neighbour, a CPU that is stolen for a
     * while) slows the trials of one round together, and a ratio of two pieces' times (a speedup)
     * compares like with like. Measuring each piece's trials in one block instead would put a
     * drift between the blocks straight into the ratio.
     *
     * <p>A piece measured without warm-up runs but with a minimum trial time gets one calibration
     * run, counted as warm-up.
     *
     * @param works    the pieces of work, in the order of the odd rounds
     * @param labels   a name for each piece, for progress
     * @param progress told the step done so far ({@code works.size()} warm-ups, then {@code trials} rounds)
     * @return one sample per piece, in the order of {@code works}; trial {@code r} of each is from round {@code r}
     */
    public List<Sample> sampleRounds(List<? extends Callable<?>> works, List<String> labels, RoundProgress progress)
            throws Exception {
        return sampleRounds(works, labels, progress, Duration.ZERO);
    }

    /**
     * {@link #sampleRounds(List, List, RoundProgress)} with a minimum time: rounds go on past
     * {@code trials} until the rounds have taken at least {@code minRoundsTime} (at most
     * {@value #MAX_ROUNDS} rounds), so that a fast workload gets many pairs and a slow one its
     * {@code trials}. Progress steps past {@code trials} stay at the last step.
     */
    public List<Sample> sampleRounds(List<? extends Callable<?>> works, List<String> labels, RoundProgress progress,
                                     Duration minRoundsTime) throws Exception {
        if (minRoundsTime.isNegative()) {
            throw new IllegalArgumentException("minimum rounds time must be >= 0");
        }
        long minRoundsNanos = minRoundsTime.toNanos();
        int n = works.size();
        if (labels.size() != n) {
            throw new IllegalArgumentException("one label per piece of work");
        }
        Warm[] warm = new Warm[n];
        for (int i = 0; i < n; i++) {
            progress.step(i, "warm-up " + labels.get(i));
            warm[i] = warmUp(works.get(i));
        }
        List<double[]> byRound = new ArrayList<>();
        long roundsStart = clock.nanoTime();
        for (int r = 0; r < MAX_ROUNDS && (r < trials || clock.nanoTime() - roundsStart < minRoundsNanos); r++) {
            progress.step(n + Math.min(r, trials - 1), r < trials ? "round " + (r + 1) + "/" + trials
                    : String.format(java.util.Locale.ROOT, "round %d, until %.1f s of rounds", r + 1, minRoundsNanos / 1e9));
            double[] round = new double[n];
            byRound.add(round);
            for (int k = 0; k < n; k++) {
                int i = r % 2 == 0 ? k : n - 1 - k;
                Callable<?> work = works.get(i);
                int operations = warm[i].operations();
                long start = clock.nanoTime();
                for (int op = 0; op < operations; op++) {
                    Sink.consume(work.call());
                }
                long end = clock.nanoTime();
                round[i] = (end - start) / 1e9 / operations;
            }
        }
        List<Sample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] seconds = new double[byRound.size()];
            for (int r = 0; r < seconds.length; r++) {
                seconds[r] = byRound.get(r)[i];
            }
            out.add(new Sample(seconds, warm[i].operations(), warm[i].warmupRuns()));
        }
        return out;
    }

    /**
     * Measures several pieces of work one after the other, each with {@link #sample}: all trials of
     * the first, then all of the second. For work that cannot be interleaved
     * ({@link ScalableWorkload#interleave()}); progress steps are the pieces.
     */
    public List<Sample> sampleBlocks(List<? extends Callable<?>> works, List<String> labels, RoundProgress progress)
            throws Exception {
        if (labels.size() != works.size()) {
            throw new IllegalArgumentException("one label per piece of work");
        }
        List<Sample> out = new ArrayList<>(works.size());
        for (int i = 0; i < works.size(); i++) {
            progress.step(i, labels.get(i));
            out.add(sample(works.get(i)));
        }
        return out;
    }

    /** Progress of {@link #sampleRounds}: {@code done} steps of {@code works.size() + trials}. */
    @FunctionalInterface
    public interface RoundProgress {
        RoundProgress NONE = (done, what) -> {
        };

        void step(int done, String what);
    }

    /**
     * Operations per trial so that a trial lasts at least {@code minNanos}: 1 when one run already
     * does, else {@code ceil(minNanos / runNanos)} (a run that took no measurable time counts as 1 ns),
     * at most {@value #MAX_OPERATIONS}.
     */
    public static int operations(long runNanos, long minNanos) {
        if (runNanos >= minNanos) {
            return 1;
        }
        long run = Math.max(1, runNanos);
        long ops = (minNanos + run - 1) / run;
        return (int) Math.min(MAX_OPERATIONS, ops);
    }

    /** Times one run, without warm-up: for work that cannot be repeated. */
    public static <T> Timed<T> once(Clock clock, Callable<T> work) throws Exception {
        long start = clock.nanoTime();
        T value = work.call();
        return new Timed<>(value, (clock.nanoTime() - start) / 1e9);
    }

    /** A value and the seconds it took. */
    public record Timed<T>(T value, double seconds) {
    }

    /**
     * What {@link #sample(Callable)} measured.
     *
     * @param seconds    time of one operation in each trial
     * @param operations operations per trial (1: not batched)
     * @param warmupRuns warm-up runs done (at least the fixed count; more to fill the minimum time)
     */
    public record Sample(double[] seconds, int operations, int warmupRuns) {
        public Sample {
            seconds = seconds.clone();
        }

        @Override
        public double[] seconds() {
            return seconds.clone();
        }
    }

    public int warmup() {
        return warmup;
    }

    public int trials() {
        return trials;
    }

    public Duration minWarmup() {
        return Duration.ofNanos(minWarmupNanos);
    }

    public Duration minTrial() {
        return Duration.ofNanos(minTrialNanos);
    }
}
