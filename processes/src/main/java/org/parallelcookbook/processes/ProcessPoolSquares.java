package org.parallelcookbook.processes;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.processes.pool.RemoteTask;
import org.parallelcookbook.processes.pool.WorkerPool;

/**
 * <b>How to use a process pool</b> (book chapter 3).
 *
 * <p>The book runs {@code multiprocessing.Pool(processes=4).map(square, range(100))} and prints the
 * squares 0 .. 9801 in input order; it also lists {@code apply}, {@code apply_async} and
 * {@code map_async} with a callback.
 *
 * <p><b>Java vs Python:</b> {@link WorkerPool} keeps 4 worker JVMs alive and feeds them
 * {@link RemoteTask}s (here {@link Square}) over their standard input as serialized objects; results
 * come back over standard output and {@code map} reassembles them by index, so the order is the
 * input order whatever worker finished first. {@code submit} is {@code apply_async} (a
 * {@link CompletableFuture}; {@code thenAccept} is the callback). Each task here also reports the
 * worker pid that ran it. In Java you rarely need this for speed: an {@code ExecutorService} of
 * threads already uses every core (no GIL). A process pool buys isolation instead: a task that
 * crashes or leaks kills a worker, not your program, and the pool replaces the worker and retries.
 * The price is a JVM start per worker (once) and serialization per task; {@code ./cookbook bench
 * ch3.pool} measures both.
 *
 * <p>Run: {@code ./cookbook run ch3.pool [--workers 4] [--count 100]}; {@code ./cookbook bench ch3.pool}.
 */
@Recipe(id = "ch3.pool", chapter = 3, title = "How to use a process pool", tourArgs = {"--workers", "2"},
        bench = PoolBenchmark.class)
public final class ProcessPoolSquares {

    private ProcessPoolSquares() {
    }

    /** x², computed in a worker JVM, with the pid that computed it. */
    public record Square(int x) implements RemoteTask<Squared> {
        @Override
        public Squared call() {
            return new Squared(x * x, ProcessHandle.current().pid());
        }
    }

    /** A result and the worker that produced it. */
    public record Squared(int value, long pid) implements Serializable {
    }

    /** The squares in input order, tasks per worker pid, and the pool's worker pids. */
    public record Result(List<Integer> squares, Map<Long, Integer> tasksPerWorker, int callbacks) {
    }

    /** {@code Pool(workers).map(square, range(count))}, plus one {@code apply_async} with a callback. */
    public static Result squares(int workers, int count) throws Exception {
        try (var pool = WorkerPool.start(workers)) {
            List<Squared> out = pool.map(IntStream.range(0, count).mapToObj(Square::new).toList());
            List<Integer> callbacks = new ArrayList<>();
            CompletableFuture<Void> async = pool.submit(new Square(count)).thenAccept(s -> {
                synchronized (callbacks) {
                    callbacks.add(s.value());
                }
            });
            async.get();
            Map<Long, Integer> perWorker = new LinkedHashMap<>();
            out.forEach(s -> perWorker.merge(s.pid(), 1, Integer::sum));
            return new Result(out.stream().map(Squared::value).toList(), perWorker, callbacks.size());
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(ProcessPoolSquares.class)
                .intOption("--workers", 4, 1, Integer.MAX_VALUE, "worker JVMs of the pool")
                .intOption("--count", 100, 0, Integer.MAX_VALUE, "numbers squared");
        RecipeMain.run(args, options, opt -> {
            int workers = opt.intValue("--workers");
            int count = opt.intValue("--count");
            Result r = squares(workers, count);
            System.out.println("Pool    : " + r.squares());
            System.out.println("tasks per worker pid: " + r.tasksPerWorker());
            System.out.println("apply_async callback ran " + r.callbacks() + " time(s)");
        });
    }
}
