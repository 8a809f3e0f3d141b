package org.parallelcookbook.core.intro;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.report.TextTable;

/**
 * <b>Parallel programming models</b> (book chapter 1): one question, "how many primes are there
 * below 100,000?", answered in each of the book's four models. All four must say 9592.
 *
 * <ul>
 *   <li><b>Shared memory</b>: the workers share one counter and guard it with a
 *       {@link ReentrantLock}, the lock of the book's "locks and semaphores". Without the lock the
 *       {@code count++} of two threads could interleave and lose updates.</li>
 *   <li><b>Threads</b> (the multithread model): one thread per chunk of the range; each keeps its
 *       own count in a field, and the main thread {@link Thread#join() joins} them. The join is what
 *       makes each thread's field visible to the main thread (happens-before).</li>
 *   <li><b>Message passing</b> (distributed memory): workers share nothing; they receive ranges in
 *       their own inbox queue and send their counts back on a reply queue, like MPI ranks do with
 *       send and receive. The same program on real MPI ranks is in chapter 3 (MPJ Express).</li>
 *   <li><b>Data parallel</b>: {@code IntStream.range(2, limit).parallel().filter(isPrime).count()};
 *       the stream library splits the range over the common {@link java.util.concurrent.ForkJoinPool}.</li>
 * </ul>
 *
 * <p><b>Java vs Python:</b> all four models are threads in one JVM here, and they all run on
 * separate cores because the JVM has no global interpreter lock. In CPython the first three would
 * need {@code multiprocessing} to gain anything on this CPU-bound job.
 *
 * <p>Run: {@code ./cookbook run ch1.programming-models [--limit N] [--workers P]}.
 */
@Recipe(id = "ch1.programming-models", chapter = 1, title = "Parallel programming models")
public final class ProgrammingModelsTour {

    private ProgrammingModelsTour() {
    }

    /** The four answers, with their wall times (printed, never tested). */
    public record Counts(int limit, int workers, long sharedLock, long threads, long messagePassing, long dataParallel,
                         List<Long> nanos) {
    }

    /** Trial division by odd numbers up to the square root. */
    public static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (int d = 3; (long) d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /** The reference: a plain loop. */
    public static long sequential(int limit) {
        long count = 0;
        for (int n = 2; n < limit; n++) {
            if (isPrime(n)) {
                count++;
            }
        }
        return count;
    }

    /** Shared-memory model: workers take numbers i = w, w + p, ... and bump one lock-guarded counter. */
    public static long sharedLock(int limit, int workers) throws InterruptedException {
        final class SharedCounter {
            private final ReentrantLock lock = new ReentrantLock();
            private long count;

            void increment() {
                lock.lock();
                try {
                    count++;
                } finally {
                    lock.unlock();
                }
            }

            long get() {
                lock.lock();
                try {
                    return count;
                } finally {
                    lock.unlock();
                }
            }
        }
        var counter = new SharedCounter();
        List<Thread> crew = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int first = w;
            crew.add(Thread.ofPlatform().name("shared-" + w).start(() -> {
                for (int n = first; n < limit; n += workers) {
                    if (isPrime(n)) {
                        counter.increment();
                    }
                }
            }));
        }
        for (Thread t : crew) {
            t.join();
        }
        return counter.get();
    }

    /** Multithread model: one thread per contiguous chunk, each with its private count, joined by main. */
    public static long threads(int limit, int workers) throws InterruptedException {
        final class Chunk extends Thread {
            private final int from;
            private final int to;
            private long count; // written by this thread, read by main after join()

            Chunk(int from, int to) {
                super("chunk-" + from);
                this.from = from;
                this.to = to;
            }

            @Override
            public void run() {
                for (int n = from; n < to; n++) {
                    if (isPrime(n)) {
                        count++;
                    }
                }
            }
        }
        List<Chunk> chunks = new ArrayList<>();
        for (BlockPartitioner.Block b : BlockPartitioner.split(limit, workers)) {
            var c = new Chunk(b.start(), b.end());
            chunks.add(c);
            c.start();
        }
        long total = 0;
        for (Chunk c : chunks) {
            c.join();
            total += c.count;
        }
        return total;
    }

    private record Work(int from, int to) {
        static final Work STOP = new Work(0, 0);
    }

    /**
     * Message-passing model: each worker owns an inbox; the coordinator sends it ranges of
     * {@code grain} numbers, then STOP, and the worker answers with one partial count. Nothing but
     * the messages is shared.
     */
    public static long messagePassing(int limit, int workers) throws InterruptedException {
        int grain = 1_000;
        BlockingQueue<Long> replies = new LinkedBlockingQueue<>();
        List<BlockingQueue<Work>> inboxes = new ArrayList<>();
        List<Thread> crew = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            BlockingQueue<Work> inbox = new LinkedBlockingQueue<>();
            inboxes.add(inbox);
            crew.add(Thread.ofPlatform().name("rank-" + (w + 1)).start(() -> {
                long mine = 0;
                try {
                    for (Work m = inbox.take(); m != Work.STOP; m = inbox.take()) {
                        for (int n = m.from(); n < m.to(); n++) {
                            if (isPrime(n)) {
                                mine++;
                            }
                        }
                    }
                    replies.put(mine);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            int next = 0;
            for (int from = 0; from < limit; from += grain) {
                inboxes.get(next).put(new Work(from, Math.min(limit, from + grain)));
                next = (next + 1) % workers; // cyclic distribution of the messages
            }
            for (BlockingQueue<Work> inbox : inboxes) {
                inbox.put(Work.STOP);
            }
            long total = 0;
            for (int w = 0; w < workers; w++) {
                total += replies.take();
            }
            return total;
        } finally {
            for (Thread t : crew) {
                t.interrupt(); // only matters when we leave early; finished workers ignore it
                t.join();
            }
        }
    }

    /** Data-parallel model: a parallel stream over the range. */
    public static long dataParallel(int limit) {
        return IntStream.range(0, limit).parallel().filter(ProgrammingModelsTour::isPrime).count();
    }

    /** All four models on the same question. */
    public static Counts countPrimes(int limit, int workers) throws InterruptedException {
        if (limit < 0 || workers < 1) {
            throw new IllegalArgumentException("need limit >= 0 and workers >= 1");
        }
        List<Long> nanos = new ArrayList<>();
        long t = System.nanoTime();
        long shared = sharedLock(limit, workers);
        nanos.add(System.nanoTime() - t);
        t = System.nanoTime();
        long threads = threads(limit, workers);
        nanos.add(System.nanoTime() - t);
        t = System.nanoTime();
        long messages = messagePassing(limit, workers);
        nanos.add(System.nanoTime() - t);
        t = System.nanoTime();
        long data = dataParallel(limit);
        nanos.add(System.nanoTime() - t);
        return new Counts(limit, workers, shared, threads, messages, data, List.copyOf(nanos));
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(ProgrammingModelsTour.class)
                .intOption("--limit", 100_000, 0, Integer.MAX_VALUE, "upper limit of the prime count every model computes")
                .intOption("--workers", 4, 1, Integer.MAX_VALUE, "workers of each model");
        RecipeMain.run(args, options, opt -> {
            int limit = opt.intValue("--limit");
            int workers = opt.intValue("--workers");
            Counts c = countPrimes(limit, workers);
            System.out.printf(Locale.ROOT, "Primes below %,d with %d workers (the answer for 100,000 is 9592)%n",
                    c.limit(), c.workers());
            var table = new TextTable("model", "how", "primes", "time");
            table.row("shared memory", "one counter behind a ReentrantLock", c.sharedLock(), RecipeMain.seconds(c.nanos().get(0) / 1e9));
            table.row("threads", "a thread per chunk, joined by main", c.threads(), RecipeMain.seconds(c.nanos().get(1) / 1e9));
            table.row("message passing", "inbox queues, partial counts sent back", c.messagePassing(), RecipeMain.seconds(c.nanos().get(2) / 1e9));
            table.row("data parallel", "IntStream.range(...).parallel()", c.dataParallel(), RecipeMain.seconds(c.nanos().get(3) / 1e9));
            System.out.print(table.render());
        });
    }
}
