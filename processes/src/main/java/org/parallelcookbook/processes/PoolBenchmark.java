package org.parallelcookbook.processes;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.parallelcookbook.core.measure.ScalableWorkload;
import org.parallelcookbook.processes.pool.RemoteTask;
import org.parallelcookbook.processes.pool.WorkerPool;

/**
 * {@code ./cookbook bench ch3.pool}: a {@link WorkerPool} of 1, 2, 4 worker JVMs on two workloads.
 * <ul>
 *   <li>{@code cpu-16x100ms}: 16 CPU-bound tasks of about 100 ms each (an integer hash loop whose
 *       length is calibrated once in the parent): the speedup the pool gives;</li>
 *   <li>{@code empty-x1000}: 1000 tasks that do nothing: the time divided by 1000 is the pool's
 *       per-task overhead (serialize, pipe, deserialize, run, and back).</li>
 * </ul>
 * Pools are started on first use and kept for all trials (the warm-up runs absorb the JVM starts and
 * let the workers' JIT compile the task), and closed by {@link #close()}.
 */
public final class PoolBenchmark implements ScalableWorkload {

    static final int TASKS = 16;
    static final int EMPTY_TASKS = 1000;
    private final Map<Integer, WorkerPool> pools = new TreeMap<>();
    private long iterations;

    /** A CPU-bound task: {@code iterations} rounds of an integer mix. */
    public record Spin(long iterations, int seed) implements RemoteTask<Long> {
        @Override
        public Long call() {
            return spin(iterations, seed);
        }
    }

    /** Asks a worker JVM how many processors it may use. */
    public record Processors() implements RemoteTask<Integer> {
        @Override
        public Integer call() {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** A task that does nothing. */
    public record Empty() implements RemoteTask<Integer> {
        @Override
        public Integer call() {
            return 0;
        }
    }

    static long spin(long iterations, int seed) {
        long h = seed;
        for (long i = 0; i < iterations; i++) {
            h = (h ^ (h >>> 31)) * 0x9E3779B97F4A7C15L + i;
        }
        return h;
    }

    @Override
    public String name() {
        return "worker-JVM pool: 16 CPU tasks of ~100 ms; 1000 empty tasks";
    }

    private final String[] workerOptions;
    private int workerCores;

    public PoolBenchmark() {
        this(new String[0]);
    }

    /** With extra options for every worker JVM (a test limits their processors this way). */
    PoolBenchmark(String... workerOptions) {
        this.workerOptions = workerOptions.clone();
    }

    @Override
    public String model() {
        return "worker JVMs of a WorkerPool, one task at a time each; cores as the worker JVMs see them";
    }

    /**
     * The processors the worker JVMs may use, asked of one of them once a pool has run (they, not
     * the measuring JVM, do the work: started with other options, or under another CPU set, they
     * could see fewer); before any run, this JVM's count.
     */
    @Override
    public int cores() {
        return workerCores > 0 ? workerCores : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public boolean inProcess() {
        return false;
    }

    @Override
    public List<String> variants() {
        return List.of("cpu-16x100ms", "empty-x1000");
    }

    @Override
    public List<Integer> defaultWorkers() {
        return List.of(1, 2, 4);
    }

    @Override
    public void setUp() {
        iterations = calibrate(100);
    }

    /** Iterations of {@link #spin} that take about {@code millis} ms in this (warmed-up) JVM. */
    static long calibrate(long millis) {
        long n = 1_000_000;
        for (int round = 0; round < 8; round++) {
            long start = System.nanoTime();
            org.parallelcookbook.core.measure.Sink.consume(spin(n, round));
            long took = System.nanoTime() - start;
            if (took > 20_000_000L) {
                n = Math.max(1, (long) (n * (millis * 1e6 / took)));
                if (round >= 3) {
                    break;
                }
            } else {
                n *= 4;
            }
        }
        return n;
    }

    @Override
    public Object run(String variant, int workers) {
        WorkerPool pool = pools.computeIfAbsent(workers, w -> WorkerPool.builder().workers(w).jvmOptions(workerOptions).start());
        if (workerCores == 0) {
            workerCores = pool.map(List.of(new Processors())).get(0);
        }
        if (variant.startsWith("cpu")) {
            return pool.map(IntStream.range(0, TASKS).mapToObj(i -> new Spin(iterations, i)).toList());
        }
        return pool.map(IntStream.range(0, EMPTY_TASKS).mapToObj(i -> new Empty()).toList());
    }

    @Override
    public void close() {
        pools.values().forEach(WorkerPool::close);
        pools.clear();
    }
}
