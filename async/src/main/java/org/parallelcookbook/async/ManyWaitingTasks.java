package org.parallelcookbook.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.parallelcookbook.async.SimpleEventLoop.Step;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.core.measure.Bootstrap;
import org.parallelcookbook.core.measure.CustomBenchmark;
import org.parallelcookbook.core.measure.Interval;
import org.parallelcookbook.core.measure.Progress;
import org.parallelcookbook.core.measure.Sleeper;
import org.parallelcookbook.core.measure.Summary;
import org.parallelcookbook.core.report.TextTable;
import org.parallelcookbook.threads.VirtualThreadsIo;

/**
 * <b>Ten thousand waiting tasks</b> (extra, with chapter 4): the reason asyncio and virtual threads
 * exist.
 *
 * <p>10,000 tasks each wait 10 ms (for a reply, a timer, a disk) and then return their number. The
 * work is nothing, the waiting is everything, so the right answer is "about 10 ms in total". Three
 * ways to run them:
 * <ul>
 * <li><b>virtual threads</b> ({@code Executors.newVirtualThreadPerTaskExecutor()}): one thread per
 * task, written as plain blocking code; a sleeping virtual thread holds no OS thread, so all 10,000
 * wait at once;</li>
 * <li><b>the event loop with timers</b> ({@link SimpleEventLoop}): one thread, 10,000 cooperative
 * tasks, each parked on a timer, the way asyncio runs {@code await asyncio.sleep(0.01)};</li>
 * <li><b>a fixed pool of 8 platform threads</b>: each waiting task holds one of the 8 threads, so
 * the tasks go through 8 at a time: 10,000 / 8 x 10 ms = 12.5 s.</li>
 * </ul>
 * A single-threaded asyncio loop needs about 0.2 s for this (its per-task overhead in the
 * interpreter); virtual threads and the Java loop finish in a few hundredths of a second, the
 * lower bound being the 0.01 s wait itself.
 *
 * <p>The virtual-thread and pool variants run on chapter 2's runner ({@code x.virtual-threads},
 * {@link VirtualThreadsIo#run}): one runner, tested in both places; this recipe adds the event loop
 * beside it. The waits are parameters: virtual threads and the pool wait through a {@link Sleeper}, the
 * loop through its clock, so the test runs the loop on virtual time and replaces the sleeps with
 * latches and barriers that prove how many tasks really waited at once.
 *
 * <p>Run: {@code ./cookbook run x.async-scale [--tasks 10000] [--wait-ms 10] [--pool 8] [--warmup 5]}; the table
 * of medians: {@code ./cookbook bench x.async-scale}.
 */
@Recipe(id = "x.async-scale", chapter = 4, title = "Ten thousand waiting tasks", extra = true,
        tourArgs = {"--tasks", "1000", "--wait-ms", "5"}, bench = ManyWaitingTasks.Benchmark.class)
public final class ManyWaitingTasks {

    private ManyWaitingTasks() {
    }

    /**
     * One run. {@code exactlyOnce} is true when every task 0..tasks-1 completed once and only once;
     * {@code maxInFlight} is the most tasks that had started and not finished at the same moment;
     * {@code seconds} is the elapsed time on the run's clock (virtual for a virtual loop).
     */
    public record Result(String variant, int tasks, boolean exactlyOnce, long sum, int maxInFlight, double seconds) {
    }

    /** Counts completions per task and tasks in flight. */
    private static final class Tally {
        final AtomicIntegerArray done;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        Tally(int tasks) {
            done = new AtomicIntegerArray(tasks);
        }

        void start() {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        }

        int finish(int task) {
            inFlight.decrementAndGet();
            done.incrementAndGet(task);
            return task;
        }

        Result result(String variant, long sum, double seconds) {
            boolean once = true;
            for (int i = 0; i < done.length(); i++) {
                once &= done.get(i) == 1;
            }
            return new Result(variant, done.length(), once, sum, maxInFlight.get(), seconds);
        }
    }

    /** Every task on its own virtual thread, waiting with {@code sleeper}. */
    public static Result virtualThreads(int tasks, Duration wait, Sleeper sleeper) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            return onExecutor("virtual threads", executor, tasks, wait, sleeper);
        }
    }

    /** The tasks on a fixed pool of {@code threads} platform threads, waiting with {@code sleeper}. */
    public static Result fixedPool(int tasks, int threads, Duration wait, Sleeper sleeper) throws Exception {
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            return onExecutor("fixed pool of " + threads + " platform threads", executor, tasks, wait, sleeper);
        }
    }

    /** The blocking-task runner of {@code x.virtual-threads} ({@link VirtualThreadsIo#run}), reported as a {@link Result}. */
    private static Result onExecutor(String variant, ExecutorService executor, int tasks, Duration wait, Sleeper sleeper)
            throws Exception {
        VirtualThreadsIo.Run r = VirtualThreadsIo.run(variant, executor, tasks, wait, sleeper, false);
        return new Result(variant, r.tasks(), r.exactlyOnce(), r.sum(), r.maxConcurrent(), r.seconds());
    }

    /**
     * The tasks as cooperative tasks on {@code loop}: each starts, parks on a timer for {@code wait}
     * ({@code await asyncio.sleep}), then finishes. Runs the loop until all are done.
     */
    public static Result eventLoop(int tasks, Duration wait, SimpleEventLoop loop) throws InterruptedException {
        var tally = new Tally(tasks);
        long start = loop.nanoTime();
        List<CompletableFuture<Integer>> futures = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int task = i;
            futures.add(loop.createTask(new SimpleEventLoop.Coroutine<>() {
                boolean started;

                @Override
                public Step<Integer> resume() {
                    if (!started) {
                        started = true;
                        tally.start();
                        return Step.sleep(wait);
                    }
                    return Step.done(tally.finish(task));
                }
            }));
        }
        loop.runUntilComplete(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)));
        long sum = 0;
        for (CompletableFuture<Integer> f : futures) {
            sum += f.join();
        }
        return tally.result("event loop with timers (1 thread)", sum, (loop.nanoTime() - start) / 1e9);
    }

    /** All three variants once, on real time. */
    public static List<Result> all(int tasks, Duration wait, int pool) throws Exception {
        List<Result> results = new ArrayList<>();
        results.add(virtualThreads(tasks, wait, Sleeper.real()));
        try (var loop = SimpleEventLoop.realTime()) {
            results.add(eventLoop(tasks, wait, loop));
        }
        results.add(fixedPool(tasks, pool, wait, Sleeper.real()));
        return results;
    }

    /**
     * {@code ./cookbook bench x.async-scale}: 10,000 tasks of 10 ms; median of the trials for
     * virtual threads and the loop (after at least {@value #MIN_WARMUP} warm-up runs), one run of
     * the 12.5-second fixed pool.
     */
    public static final class Benchmark implements CustomBenchmark {
        static final int TASKS = 10_000;
        static final Duration WAIT = Duration.ofMillis(10);
        static final int POOL = 8;
        /** Warm-up runs at least: the JIT needs a few times 10,000 task starts before the fast paths are compiled. */
        static final int MIN_WARMUP = 5;

        @Override
        public Report run(Options options, Progress progress) throws Exception {
            int total = 3;
            List<List<Object>> rows = new ArrayList<>();
            Map<String, Object> figures = new LinkedHashMap<>();
            int warmup = Math.max(options.warmup(), MIN_WARMUP);
            progress.update(0, total, "virtual threads");
            rows.add(row(measure(warmup, options.trials(), () -> virtualThreads(TASKS, WAIT, Sleeper.real())), figures));
            progress.update(1, total, "event loop");
            rows.add(row(measure(warmup, options.trials(), () -> {
                try (var loop = SimpleEventLoop.realTime()) {
                    return eventLoop(TASKS, WAIT, loop);
                }
            }), figures));
            progress.update(2, total, "fixed pool of " + POOL + " (about 12.5 s)");
            rows.add(row(measure(0, 1, () -> fixedPool(TASKS, POOL, WAIT, Sleeper.real())), figures));
            figures.put("lower_bound_s", WAIT.toNanos() / 1e9);
            return new Report(String.format(Locale.ROOT,
                    "%,d tasks that each wait %d ms (lower bound %.3f s); %d warm-up runs, fixed pool measured once",
                    TASKS, WAIT.toMillis(), WAIT.toNanos() / 1e9, warmup),
                    List.of("variant", "median s", "95 % CI", "min s", "max s", "trials", "max in flight"), rows, figures, "median s");
        }

        private record Measured(Result last, Summary summary, Interval ci) {
        }

        @FunctionalInterface
        private interface Run {
            Result call() throws Exception;
        }

        private static Measured measure(int warmup, int trials, Run run) throws Exception {
            for (int i = 0; i < warmup; i++) {
                check(run.call());
            }
            double[] seconds = new double[trials];
            Result last = null;
            for (int i = 0; i < trials; i++) {
                last = check(run.call());
                seconds[i] = last.seconds();
            }
            return new Measured(last, Summary.of(seconds), Bootstrap.seeded(trials).medianOf(seconds));
        }

        private static Result check(Result r) {
            if (!r.exactlyOnce()) {
                throw new IllegalStateException(r.variant() + ": some task did not complete exactly once");
            }
            return r;
        }

        private static List<Object> row(Measured m, Map<String, Object> figures) {
            figures.put(m.last().variant() + " median_s", m.summary().median());
            figures.put(m.last().variant() + " median_s_ci", List.of(m.ci().lo(), m.ci().hi()));
            return List.of(m.last().variant(), m.summary().median(), m.ci().format("%.3f"), m.summary().min(), m.summary().max(),
                    m.summary().trials(), m.last().maxInFlight());
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(ManyWaitingTasks.class)
                .intOption("--tasks", 10_000, 1, Integer.MAX_VALUE, "tasks that each wait once")
                .intOption("--wait-ms", 10, 0, Integer.MAX_VALUE, "how long each task waits, in ms")
                .intOption("--pool", 8, 1, Integer.MAX_VALUE, "threads of the fixed pool compared against")
                .intOption("--warmup", Benchmark.MIN_WARMUP, 0, Integer.MAX_VALUE, "warm-up runs of both fast variants before timing");
        RecipeMain.run(args, options, opt -> {
            int tasks = opt.intValue("--tasks");
            int waitMs = opt.intValue("--wait-ms");
            int pool = opt.intValue("--pool");
            if (tasks > 1_000_000 || waitMs > 10_000 || pool > 1024) {
                throw new UsageException("--tasks at most 1000000, --wait-ms at most 10000, --pool at most 1024");
            }
            int warmup = opt.intValue("--warmup");
            Duration wait = Duration.ofMillis(waitMs);
            for (int i = 0; i < warmup; i++) { // let the JIT compile both fast paths before timing them
                virtualThreads(tasks, wait, Sleeper.real());
                try (var loop = SimpleEventLoop.realTime()) {
                    eventLoop(tasks, wait, loop);
                }
            }
            System.out.printf(Locale.ROOT, "%,d tasks that each wait %d ms (after %d warm-up run%s)%n", tasks, waitMs,
                    warmup, warmup == 1 ? "" : "s");
            var table = new TextTable("variant", "total time", "max in flight", "all done once");
            for (Result r : all(tasks, wait, pool)) {
                table.row(r.variant(), RecipeMain.seconds(r.seconds()), r.maxInFlight(), r.exactlyOnce());
            }
            System.out.print(table.render());
        });
    }
}
