package org.parallelcookbook.async;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.core.measure.Measurer;
import org.parallelcookbook.core.measure.ScalableWorkload;
import org.parallelcookbook.core.measure.Sink;
import org.parallelcookbook.processes.pool.RemoteTask;
import org.parallelcookbook.processes.pool.WorkerPool;
import org.parallelcookbook.core.report.TextTable;

/**
 * <b>Using the concurrent.futures Python modules</b> (book chapter 4).
 *
 * <p>The book's workload: for each x in 1..10, count to 10,000,000 and return 10,000,000 * x. It
 * runs the ten calls one after another, then with {@code ThreadPoolExecutor(max_workers=5)}, then
 * with {@code ProcessPoolExecutor(max_workers=5)}, and prints the times: 17.2 s sequential, 17.1 s
 * with threads (the GIL lets only one thread run Python code at a time), 9.9 s with processes.
 *
 * <p><b>In Java the lesson turns round.</b> There is no GIL: a {@code newFixedThreadPool(5)}
 * already runs the counting on every core, so the thread pool gives the speedup the book only got
 * from processes, without starting a JVM per worker or copying arguments and results. The
 * counterparts of the book's calls:
 * <ul>
 * <li>{@code executor.submit(f, x)} is {@link ExecutorService#submit(Callable)}, returning a
 * {@link Future}; {@code executor.map(f, xs)} (results in input order) is
 * {@link ExecutorService#invokeAll}; {@code concurrent.futures.as_completed} (results in the order
 * they finish) is {@link ExecutorCompletionService}; the {@code with} block that calls
 * {@code shutdown(wait=True)} is try-with-resources ({@code ExecutorService} is
 * {@code AutoCloseable} since JDK 19).</li>
 * </ul>
 *
 * <p><b>Keeping the JIT honest.</b> A loop that only counts to ten million has a closed form, and
 * C2 deletes it: the "benchmark" would measure nothing. {@link CountingTask} therefore mixes every
 * step into a 64-bit checksum ({@code c = c * 6364136223846793005 + i}, a chain of dependent
 * multiplies that cannot be skipped or vectorised) and returns that checksum with the result.
 *
 * <p>The process-pool variant runs the same {@link CountingTask} (a {@code Serializable} record with
 * a {@code call()}, so a {@link RemoteTask}) on the worker JVMs of chapter 3's {@link WorkerPool}:
 * Python's {@code ProcessPoolExecutor}. In Java it is never the faster choice for CPU work, since the
 * thread pool already uses every core; the table shows what the JVM start-up and the pipes cost.
 *
 * <p>Run: {@code ./cookbook run ch4.executors [--limit 10000000] [--workers 5]}; the scaling study:
 * {@code ./cookbook bench ch4.executors}.
 */
@Recipe(id = "ch4.executors", chapter = 4, title = "Using the concurrent.futures Python modules",
        tourArgs = {"--limit", "1000000"}, bench = ExecutorPooling.CountingWorkload.class)
public final class ExecutorPooling {

    /** The book's count: ten million. */
    public static final long BOOK_LIMIT = 10_000_000L;

    private ExecutorPooling() {
    }

    /** One result: {@code value = limit * x} and the checksum that proves the counting happened. */
    public record Count(int x, long value, long checksum) implements Serializable {
    }

    /**
     * The book's {@code count(number)}: count to {@code limit}, then return {@code limit * x}.
     * {@code Serializable} so that the same task can be shipped to a worker JVM.
     */
    public record CountingTask(int x, long limit) implements Callable<Count>, RemoteTask<Count> {
        public CountingTask {
            if (limit < 0) {
                throw new IllegalArgumentException("limit must not be negative");
            }
        }

        @Override
        public Count call() {
            long checksum = x;
            long i = 0;
            while (i < limit) {
                i++;
                checksum = checksum * 6364136223846793005L + i; // a data dependency the JIT must honour
            }
            return new Count(x, i * x, checksum);
        }
    }

    /** The book's ten tasks, x = 1..10. */
    public static List<CountingTask> bookTasks(long limit) {
        return tasks(10, limit);
    }

    /** Tasks for x = 1..n. */
    public static List<CountingTask> tasks(int n, long limit) {
        return IntStream.rangeClosed(1, n).mapToObj(x -> new CountingTask(x, limit)).toList();
    }

    /** One after another, on the calling thread. */
    public static List<Count> sequential(List<CountingTask> tasks) {
        List<Count> results = new ArrayList<>(tasks.size());
        for (CountingTask t : tasks) {
            results.add(t.call());
        }
        return results;
    }

    /** A fixed thread pool and {@code invokeAll}: results in input order, like {@code executor.map}. */
    public static List<Count> threadPool(List<CountingTask> tasks, int workers)
            throws InterruptedException, ExecutionException {
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Count> results = new ArrayList<>(tasks.size());
            for (Future<Count> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            return results;
        }
    }

    /**
     * A fixed thread pool and an {@link ExecutorCompletionService}: each result is handed to
     * {@code onResult} as soon as its task finishes, like {@code as_completed}; the returned list is
     * in completion order.
     */
    public static List<Count> asCompleted(List<CountingTask> tasks, int workers, Consumer<Count> onResult)
            throws InterruptedException, ExecutionException {
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            var completion = new ExecutorCompletionService<Count>(pool);
            for (CountingTask t : tasks) {
                completion.submit(t);
            }
            List<Count> results = new ArrayList<>(tasks.size());
            for (int i = 0; i < tasks.size(); i++) {
                Count c = completion.take().get();
                onResult.accept(c);
                results.add(c);
            }
            return results;
        }
    }

    /** One timed variant, for the printed table. */
    public record Timing(String variant, double seconds, List<Long> values) {
    }

    /** Runs the variants once each (after one warm-up of each) and times them. */
    /**
     * The process pool: {@code workers} long-lived worker JVMs of chapter 3 ({@link WorkerPool}); the
     * tasks travel to them serialized over their pipes and the results come back in input order.
     */
    public static List<Count> processPool(List<CountingTask> tasks, int workers) throws Exception {
        try (WorkerPool pool = WorkerPool.start(workers)) {
            return pool.map(tasks);
        }
    }

    public static List<Timing> compare(long limit, int workers) throws Exception {
        List<CountingTask> tasks = bookTasks(limit);
        List<Timing> rows = new ArrayList<>();
        rows.add(time("sequential", () -> sequential(tasks)));
        rows.add(time("thread pool, invokeAll (" + workers + " workers)", () -> threadPool(tasks, workers)));
        rows.add(time("thread pool, completion order (" + workers + " workers)", () -> asCompleted(tasks, workers, c -> { })));
        rows.add(time("process pool (" + workers + " worker JVMs, start-up included)", () -> processPool(tasks, workers)));
        return rows;
    }

    private static Timing time(String name, Callable<List<Count>> run) throws Exception {
        Sink.consume(run.call()); // warm-up: let the JIT compile the loop first
        var timed = Measurer.once(System::nanoTime, run);
        timed.value().forEach(c -> Sink.consume(c.checksum()));
        return new Timing(name, timed.seconds(), timed.value().stream().map(Count::value).toList());
    }

    /**
     * The scaling study of {@code ./cookbook bench ch4.executors}: twenty counting tasks (x = 1..20,
     * so 1, 2 and 4 workers get equal shares) on a fixed thread pool.
     */
    public static final class CountingWorkload implements ScalableWorkload {
        private final List<CountingTask> tasks;

        public CountingWorkload() {
            this(20, BOOK_LIMIT);
        }

        public CountingWorkload(int tasks, long limit) {
            this.tasks = tasks(tasks, limit);
        }

        @Override
        public String name() {
            return String.format(Locale.ROOT, "count to %,d for x = 1..%d", tasks.getFirst().limit(), tasks.size());
        }

        @Override
        public List<String> variants() {
            return List.of("invokeAll", "completion-order");
        }

        @Override
        public Object run(String variant, int workers) throws Exception {
            List<Count> results = switch (variant) {
                case "invokeAll" -> threadPool(tasks, workers);
                case "completion-order" -> asCompleted(tasks, workers, c -> { });
                default -> throw new IllegalArgumentException("unknown variant " + variant);
            };
            long sum = 0;
            for (Count c : results) {
                sum += c.checksum();
            }
            return sum;
        }

        @Override
        public void close() {
            // every run closes its own pool
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(ExecutorPooling.class)
                .longOption("--limit", BOOK_LIMIT, 1, Long.MAX_VALUE, "how far each task counts")
                .intOption("--workers", 5, 1, Integer.MAX_VALUE, "pool size (threads or worker JVMs)");
        RecipeMain.run(args, options, opt -> {
            long limit = opt.longValue("--limit");
            int workers = opt.intValue("--workers");
            if (workers > 1024) {
                throw new UsageException("--workers must be at most 1024, got " + workers);
            }
            System.out.printf(Locale.ROOT, "count to %,d for x = 1..10 on %d cores%n", limit,
                    Runtime.getRuntime().availableProcessors());
            List<Timing> rows = compare(limit, workers);
            double t1 = rows.getFirst().seconds();
            var table = new TextTable("variant", "time", "speedup");
            for (Timing r : rows) {
                table.row(r.variant(), RecipeMain.seconds(r.seconds()), String.format(Locale.ROOT, "%.2f", t1 / r.seconds()));
            }
            System.out.print(table.render());
            System.out.println("results (sequential order): " + rows.getFirst().values());
            System.out.println("every variant returned the same set: "
                    + rows.stream().allMatch(r -> new java.util.HashSet<>(r.values()).equals(new java.util.HashSet<>(rows.getFirst().values()))));
        });
    }
}
