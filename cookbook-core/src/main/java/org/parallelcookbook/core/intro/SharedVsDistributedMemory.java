package org.parallelcookbook.core.intro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.report.TextTable;

/**
 * <b>Memory organization</b> (book chapter 1): the same sum computed by shared-memory workers and by
 * distributed-memory workers, to make the difference between the two organisations concrete.
 *
 * <ul>
 *   <li><b>Shared memory</b> (UMA/SMP, NUMA): every worker reads its slice of <em>the one</em>
 *       array and adds into one shared {@link LongAdder}. No copying; correctness rests on the
 *       memory model, and speed on the caches.</li>
 *   <li><b>Distributed memory</b> (clusters, MPP): each worker is sent a <em>copy</em> of its slice
 *       as a message on its own {@link BlockingQueue}, computes on memory nobody else can see, and
 *       sends back only its partial sum. Because messages are copies, changing the source array
 *       after sending cannot change the answer; {@link #distributed} takes a hook that does exactly
 *       that between sending and computing, and the test proves the result is untouched.</li>
 * </ul>
 *
 * <p><b>Coherence in Java:</b> the hardware keeps caches coherent (MESI and friends), but compilers
 * and CPUs still reorder and cache values in registers. The Java Memory Model says when a write by
 * one thread must be visible to another: only along a <em>happens-before</em> edge (a lock released
 * then acquired, a volatile write then read, {@code Thread.start}/{@code join}, putting into and
 * taking from a {@code BlockingQueue}). That is Java's answer to the book's cache-coherence section;
 * Python programmers seldom meet it because the GIL serialises bytecode.
 *
 * <p><b>False sharing:</b> coherence works per cache line (usually 64 bytes). Two threads writing
 * <em>different</em> variables that happen to sit on one line make the line bounce between cores.
 * {@link #falseSharing} times counters in adjacent {@code long} slots against counters 128 bytes
 * apart; the timings are printed, not tested (they depend on the machine and its load).
 *
 * <p>Run: {@code ./cookbook run ch1.memory-organization [--size N] [--workers P] [--increments N]}.
 */
@Recipe(id = "ch1.memory-organization", chapter = 1, title = "Memory organization",
        tourArgs = {"--size", "200000", "--increments", "2000000"})
public final class SharedVsDistributedMemory {

    private SharedVsDistributedMemory() {
    }

    /** The two totals and how long each took (times printed, never tested). */
    public record Sums(int size, int workers, long shared, long distributed, long expected, long sharedNanos,
                       long distributedNanos) {
    }

    /** False-sharing timings: same work, counters adjacent vs padded onto separate cache lines. */
    public record FalseSharing(int threads, long increments, long adjacentNanos, long paddedNanos) {
    }

    /** The data: 0, 1, ..., n - 1, whose sum is n(n - 1)/2. */
    public static int[] data(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    /** Shared memory: threads add the elements of their block of {@code data} into one {@link LongAdder}. */
    public static long shared(int[] data, int workers) throws InterruptedException {
        var total = new LongAdder();
        List<Thread> crew = new ArrayList<>();
        for (BlockPartitioner.Block b : BlockPartitioner.split(data.length, workers)) {
            crew.add(Thread.ofPlatform().name("shared-" + b.worker()).start(() -> {
                for (int i = b.start(); i < b.end(); i++) {
                    total.add(data[i]);
                }
            }));
        }
        for (Thread t : crew) {
            t.join();
        }
        return total.sum();
    }

    /**
     * Distributed memory: every worker gets a private copy of its block as a message and replies with
     * a partial sum. {@code afterSend} runs once all messages are in the inboxes and before any worker
     * reads its message (the workers wait at a start signal), so it may change {@code data} to show
     * that messages are copies.
     */
    public static long distributed(int[] data, int workers, Runnable afterSend) throws InterruptedException {
        var go = new CountDownLatch(1);
        BlockingQueue<Long> replies = new LinkedBlockingQueue<>();
        List<BlockingQueue<int[]>> inboxes = new ArrayList<>();
        List<Thread> crew = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            BlockingQueue<int[]> inbox = new LinkedBlockingQueue<>();
            inboxes.add(inbox);
            crew.add(Thread.ofPlatform().name("node-" + w).start(() -> {
                try {
                    go.await();
                    int[] mine = inbox.take(); // private memory: nobody else holds this array
                    long sum = 0;
                    for (int x : mine) {
                        sum += x;
                    }
                    replies.put(sum);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            for (BlockPartitioner.Block b : BlockPartitioner.split(data.length, workers)) {
                inboxes.get(b.worker()).put(Arrays.copyOfRange(data, b.start(), b.end())); // send = copy
            }
            afterSend.run();
            go.countDown();
            long total = 0;
            for (int w = 0; w < workers; w++) {
                total += replies.take();
            }
            return total;
        } finally {
            go.countDown();
            for (Thread t : crew) {
                t.interrupt(); // only matters when we leave early
                t.join();
            }
        }
    }

    /** Both organisations on 0..n-1. */
    public static Sums sums(int n, int workers) throws InterruptedException {
        int[] data = data(n);
        long t0 = System.nanoTime();
        long shared = shared(data, workers);
        long t1 = System.nanoTime();
        long distributed = distributed(data, workers, () -> { });
        long t2 = System.nanoTime();
        return new Sums(n, workers, shared, distributed, (long) n * (n - 1) / 2, t1 - t0, t2 - t1);
    }

    /**
     * Each of {@code threads} threads increments its own counter {@code increments} times: first with
     * the counters in adjacent array slots (one cache line), then {@code stride} slots apart.
     * Opaque accesses keep the JIT from folding the loop into one write.
     */
    public static FalseSharing falseSharing(int threads, long increments) throws InterruptedException {
        long adjacent = timeCounters(threads, increments, 1);
        long padded = timeCounters(threads, increments, 16); // 16 longs = 128 bytes: separate lines
        return new FalseSharing(threads, increments, adjacent, padded);
    }

    private static long timeCounters(int threads, long increments, int stride) throws InterruptedException {
        var counters = new AtomicLongArray(threads * stride);
        var ready = new CountDownLatch(threads);
        var go = new CountDownLatch(1);
        List<Thread> crew = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int slot = t * stride;
            crew.add(Thread.ofPlatform().start(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (long i = 0; i < increments; i++) {
                    counters.setOpaque(slot, counters.getOpaque(slot) + 1);
                }
            }));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : crew) {
            t.join();
        }
        return System.nanoTime() - start;
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(SharedVsDistributedMemory.class)
                .intOption("--size", 10_000_000, 0, Integer.MAX_VALUE, "elements of the array that is summed")
                .intOption("--workers", 4, 1, Integer.MAX_VALUE, "threads, and worker processes")
                .intOption("--increments", 50_000_000, 1, Integer.MAX_VALUE, "increments of the shared counter");
        RecipeMain.run(args, options, opt -> {
            int n = opt.intValue("--size");
            int workers = opt.intValue("--workers");
            int increments = opt.intValue("--increments");
            Sums s = sums(n, workers);
            System.out.printf(Locale.ROOT, "Sum of 0..%,d with %d workers; n(n-1)/2 = %,d%n", n - 1, workers, s.expected());
            var table = new TextTable("organisation", "how", "sum", "time");
            table.row("shared memory", "threads add their block of one array into a LongAdder",
                    String.format(Locale.ROOT, "%,d", s.shared()), RecipeMain.seconds(s.sharedNanos() / 1e9));
            table.row("distributed memory", "each worker gets a copy of its block, sends back a sum",
                    String.format(Locale.ROOT, "%,d", s.distributed()), RecipeMain.seconds(s.distributedNanos() / 1e9));
            System.out.print(table.render());

            int[] data = data(Math.min(n, 1_000));
            long before = distributed(data, workers, () -> Arrays.fill(data, 0));
            System.out.printf(Locale.ROOT, "%nZeroing the source after sending: the distributed sum is still %,d "
                    + "(messages are copies); the array now sums to %d.%n", before, Arrays.stream(data).asLongStream().sum());

            int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
            FalseSharing fs = falseSharing(threads, increments);
            System.out.printf(Locale.ROOT, "%nFalse sharing, %d threads x %,d increments of their own counter:%n",
                    fs.threads(), fs.increments());
            System.out.printf(Locale.ROOT, "  counters side by side (one cache line): %s%n", RecipeMain.seconds(fs.adjacentNanos() / 1e9));
            System.out.printf(Locale.ROOT, "  counters 128 bytes apart:                %s%n", RecipeMain.seconds(fs.paddedNanos() / 1e9));
        });
    }
}
