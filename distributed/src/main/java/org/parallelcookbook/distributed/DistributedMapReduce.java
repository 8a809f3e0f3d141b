package org.parallelcookbook.distributed;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.IExecutorService;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * <b>Handling map functions with SCOOP</b> (book chapter 5).
 *
 * <p>The book compares Python's built-in {@code map} with SCOOP's {@code futures.map},
 * {@code futures.map_as_completed} and {@code futures.mapReduce}: {@code mapReduce(simulateWorkload,
 * operator.add, [[a] * a for a in range(1000)])}, where each call sleeps 10 ms and returns the sum of
 * its list, against the serial {@code sum(map(...))}. Both give 332833500 (the sum of a squared for
 * a below 1000); 8.5 s distributed against 10.0 s serial on two workers.
 *
 * <p><b>Java:</b> {@link #mapReduce} submits one task per list to the Hazelcast executor (round-robin
 * over the members) and adds the results; {@link #parallelStream} is the one-machine version and
 * {@link #sequential} the reference. {@link #mapAsCompleted} hands the results over in the order the
 * tasks finish, through callbacks, the {@code map_as_completed} of this world. Each task can also burn
 * CPU ({@code cpuRounds}) instead of sleeping: the benchmark uses that, because a sleeping task
 * measures the pool size, not the machines.
 *
 * <p>Run: {@code ./cookbook run ch5.scoop-map [--size 1000] [--sleep-ms 10] [--member HOST:PORT]};
 * speed-up on 1 and 2 worker JVMs: {@code ./cookbook bench ch5.scoop-map}.
 */
@Recipe(id = "ch5.scoop-map", chapter = 5, title = "Handling map functions with SCOOP",
        tourArgs = {"--sleep-ms", "1"}, bench = DistributedMapReduce.OnWorkerJvms.class)
public final class DistributedMapReduce {

    private DistributedMapReduce() {
    }

    /** {@code simulateWorkload(list)}: optional sleep, optional CPU work, then the sum of the list. */
    public record Workload(int[] data, int sleepMillis, int cpuRounds) implements Callable<Long>, Serializable {
        @Override
        public Long call() throws InterruptedException {
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis); // the book's simulated 10 ms of work
            }
            long sum = 0;
            for (int v : data) {
                sum += v;
            }
            long mix = 0;
            for (int r = 0; r < cpuRounds; r++) {
                for (int v : data) {
                    mix = mix * 6364136223846793005L + (v ^ r);
                }
            }
            // the mix is used, so the JIT cannot drop the loop, and it never changes the sum
            return mix == Long.MIN_VALUE + 1 ? sum + 0 * mix : sum;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Workload w && Arrays.equals(data, w.data) && sleepMillis == w.sleepMillis
                    && cpuRounds == w.cpuRounds;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data) * 31 + sleepMillis * 7 + cpuRounds;
        }

        @Override
        public String toString() {
            return "Workload[" + data.length + " items]";
        }
    }

    /** {@code [[a] * a for a in range(size)]} as tasks. */
    public static List<Workload> inputs(int size, int sleepMillis, int cpuRounds) {
        return IntStream.range(0, size).mapToObj(a -> {
            int[] list = new int[a];
            Arrays.fill(list, a);
            return new Workload(list, sleepMillis, cpuRounds);
        }).toList();
    }

    /** The expected answer: the sum of a squared for a below {@code size}. */
    public static long expected(int size) {
        long n = size;
        return (n - 1) * n * (2 * n - 1) / 6;
    }

    /** {@code sum(map(simulateWorkload, lists))}. */
    public static long sequential(List<Workload> work) throws Exception {
        long total = 0;
        for (Workload w : work) {
            total += w.call();
        }
        return total;
    }

    /** The one-machine parallel version. */
    public static long parallelStream(List<Workload> work) {
        return work.parallelStream().mapToLong(w -> {
            try {
                return w.call();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }).sum();
    }

    /** {@code futures.mapReduce(simulateWorkload, operator.add, lists)} on the cluster. */
    public static long mapReduce(Cluster cluster, List<Workload> work) throws Exception {
        IExecutorService executor = cluster.executor();
        List<Member> members = cluster.memberList();
        List<Future<Long>> futures = new ArrayList<>(work.size());
        for (int i = 0; i < work.size(); i++) {
            futures.add(executor.submitToMember(work.get(i), members.get(i % members.size())));
        }
        long total = 0;
        for (Future<Long> f : futures) {
            total += f.get(10, TimeUnit.MINUTES);
        }
        return total;
    }

    /**
     * Several lists mapped and summed on one member: the grain of a distributed map. One task per
     * list makes every list pay a round trip; a batch pays it once for all its lists.
     */
    public record Batch(List<Workload> lists) implements Callable<Long>, Serializable {
        public Batch {
            lists = List.copyOf(lists);
        }

        @Override
        public Long call() throws Exception {
            long sum = 0;
            for (Workload w : lists) {
                sum += w.call();
            }
            return sum;
        }
    }

    /**
     * {@link #mapReduce} with the lists dealt into {@code batches} batches (list i goes to batch
     * i mod batches, so every batch gets small and large lists alike), one task per batch.
     */
    public static long mapReduceBatched(Cluster cluster, List<Workload> work, int batches) throws Exception {
        if (batches < 1) {
            throw new IllegalArgumentException("batches must be >= 1");
        }
        List<List<Workload>> dealt = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            dealt.add(new ArrayList<>());
        }
        for (int i = 0; i < work.size(); i++) {
            dealt.get(i % batches).add(work.get(i));
        }
        IExecutorService executor = cluster.executor();
        List<Member> members = cluster.memberList();
        List<Future<Long>> futures = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            futures.add(executor.submitToMember(new Batch(dealt.get(b)), members.get(b % members.size())));
        }
        long total = 0;
        for (Future<Long> f : futures) {
            total += f.get(10, TimeUnit.MINUTES);
        }
        return total;
    }

    /** A result and the index of the list it came from. */
    public record Completed(int index, long value) {
    }

    /** {@code futures.map_as_completed}: every result once, in the order the tasks finished. */
    public static List<Completed> mapAsCompleted(Cluster cluster, List<Workload> work) throws Exception {
        IExecutorService executor = cluster.executor();
        List<Member> members = cluster.memberList();
        var queue = new LinkedBlockingQueue<Object>();
        for (int i = 0; i < work.size(); i++) {
            int index = i;
            executor.submitToMember(work.get(i), members.get(i % members.size()), new ExecutionCallback<Long>() {
                @Override
                public void onResponse(Long value) {
                    queue.add(new Completed(index, value));
                }

                @Override
                public void onFailure(Throwable t) {
                    queue.add(t);
                }
            });
        }
        List<Completed> out = new ArrayList<>(work.size());
        for (int i = 0; i < work.size(); i++) {
            Object next = queue.poll(10, TimeUnit.MINUTES);
            if (next == null) {
                throw new TimeoutException("no result for 10 minutes");
            }
            if (next instanceof Throwable t) {
                throw new IllegalStateException("task failed: " + t, t);
            }
            out.add((Completed) next);
        }
        return out;
    }

    public static void main(String[] args) {
        var options = Cluster.declare(RecipeOptions.of(DistributedMapReduce.class))
                .intOption("--size", 1000, 1, Integer.MAX_VALUE, "elements mapped")
                .intOption("--sleep-ms", 10, 0, Integer.MAX_VALUE, "simulated work of each map call, in ms");
        RecipeMain.run(args, options, opt -> {
            int size = opt.intValue("--size");
            int sleep = opt.intValue("--sleep-ms");
            var work = inputs(size, sleep, 0);
            try (var cluster = Cluster.fromOptions(opt, 2, false)) {
                System.out.printf("cluster '%s' with %d members; %d lists, %d ms of work each%n", cluster.name(),
                        cluster.memberList().size(), size, sleep);
                long t0 = System.nanoTime();
                long distributed = mapReduce(cluster, work);
                long t1 = System.nanoTime();
                long serial = sequential(work);
                long t2 = System.nanoTime();
                long stream = parallelStream(work);
                long t3 = System.nanoTime();
                var completed = mapAsCompleted(cluster, work);
                long asCompleted = completed.stream().mapToLong(Completed::value).sum();
                System.out.printf(Locale.ROOT, "mapReduce on the cluster   %d  in %s%n", distributed, RecipeMain.seconds((t1 - t0) / 1e9));
                System.out.printf(Locale.ROOT, "sum(map(...)), serial      %d  in %s%n", serial, RecipeMain.seconds((t2 - t1) / 1e9));
                System.out.printf(Locale.ROOT, "parallelStream, this JVM   %d  in %s%n", stream, RecipeMain.seconds((t3 - t2) / 1e9));
                System.out.printf(Locale.ROOT, "map_as_completed           %d  (%d results, first finished: lists %s)%n",
                        asCompleted, completed.size(), completed.stream().limit(5).map(Completed::index).toList());
                System.out.println("expected                   " + expected(size));
            }
        });
    }

    /** The benchmark: 1,000 CPU-bound lists (no sleep) on 1 and 2 worker JVMs, one thread each. */
    public static final class OnWorkerJvms extends WorkerJvmWorkload {
        private final List<Workload> work = inputs(1000, 0, 2000);

        static final int BATCHES = 16;

        @Override
        public String name() {
            return "SCOOP mapReduce on worker JVMs, 1000 CPU-bound lists";
        }

        /** One task per list (the book's grain), and the lists dealt into 16 batches. */
        @Override
        public List<String> variants() {
            return List.of("per-list", "batched-" + BATCHES);
        }

        @Override
        public Object run(String variant, int workers) throws Exception {
            return variant.equals("per-list") ? mapReduce(cluster(workers), work)
                    : mapReduceBatched(cluster(workers), work, BATCHES);
        }
    }
}
