package org.parallelcookbook.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.Sleeper;

/**
 * <b>Virtual threads</b> (modern Java; the I/O half of {@code ch2.performance} revisited).
 *
 * <p>{@code ch2.performance} shows that threads speed up work that mostly waits, far past the
 * number of cores. How far? A platform thread is an operating-system thread with a real stack:
 * thousands are possible, a million are not, so blocking work is usually put on a fixed pool, and
 * a pool of 8 runs at most 8 blocking calls at a time. A <i>virtual</i> thread (JDK 21) is a Java
 * object scheduled by the JVM onto a few carrier threads; when it blocks (sleep, socket read,
 * lock) it is unmounted and its carrier runs another. So one thread per task is affordable again:
 * 10,000 tasks that each block 10 ms finish in about 10 ms plus overhead on
 * {@link Executors#newVirtualThreadPerTaskExecutor()}, where a pool of 8 needs
 * 10,000 &times; 10 ms / 8 = 12.5 s.
 *
 * <p><b>Pinning:</b> on JDK 21-23 a virtual thread that blocks <i>inside a {@code synchronized}
 * block</i> cannot unmount and holds its carrier ("pinned"), so such code runs no better than on
 * a pool of as many threads as cores. JDK 24 removed that limit (JEP 491). {@link #pinningDemo}
 * measures the case on the JDK it runs on. Virtual threads help waiting, not computing: CPU-bound
 * work still scales only with the cores.
 *
 * <p><b>Java vs Python:</b> the nearest Python relative is asyncio (chapter 4), which needs
 * {@code async}/{@code await} everywhere; a virtual thread runs ordinary blocking code. Chapter 4's
 * {@code x.async-scale} puts the same 10,000 tasks beside an event loop; its thread variants run on
 * {@link #run} here, so the two recipes share one tested runner. The tests replace the sleep with a
 * rendezvous (a latch of 10,000, a barrier of 8) that can only open if that many tasks really wait
 * at once.
 *
 * <p>Run: {@code ./cookbook run x.virtual-threads [--tasks 10000] [--block-ms 10] [--pool 8]}.
 */
@Recipe(id = "x.virtual-threads", chapter = 2, title = "Virtual threads", extra = true,
        tourArgs = {"--tasks", "1000", "--block-ms", "5"})
public final class VirtualThreadsIo {

    private VirtualThreadsIo() {
    }

    /**
     * One run: the sum of the task indices (must be n(n-1)/2), whether each task 0..tasks-1 completed
     * exactly once, whether every task ran on a virtual thread, the most tasks blocking at the same
     * time, and the wall time.
     */
    public record Run(String executor, int tasks, long sum, boolean exactlyOnce, boolean allVirtual, int maxConcurrent,
                      double seconds) {
        public long expectedSum() {
            return (long) tasks * (tasks - 1) / 2;
        }
    }

    /**
     * The same blocking tasks on an executor, which this closes; {@code inSynchronized} blocks inside
     * a monitor (pinning before JDK 24). This is the one runner of the blocking-task studies: chapter
     * 4's {@code x.async-scale} runs its virtual-thread and pool variants through it too.
     */
    public static Run run(String label, ExecutorService executor, int tasks, Duration block, Sleeper sleeper,
                          boolean inSynchronized) throws Exception {
        var concurrent = new AtomicInteger();
        var max = new AtomicInteger();
        var allVirtual = new AtomicBoolean(true);
        var done = new AtomicIntegerArray(tasks);
        long start = System.nanoTime();
        List<Future<Integer>> futures = new ArrayList<>(tasks);
        try (executor) {
            for (int i = 0; i < tasks; i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    if (!Thread.currentThread().isVirtual()) {
                        allVirtual.set(false);
                    }
                    max.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    try {
                        if (inSynchronized) {
                            Object monitor = new Object();
                            synchronized (monitor) {
                                sleeper.sleep(block);
                            }
                        } else {
                            sleeper.sleep(block);
                        }
                    } finally {
                        concurrent.decrementAndGet();
                    }
                    done.incrementAndGet(index);
                    return index;
                }));
            }
            long sum = 0;
            for (Future<Integer> f : futures) {
                sum += f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            boolean once = true;
            for (int i = 0; i < tasks; i++) {
                once &= done.get(i) == 1;
            }
            return new Run(label, tasks, sum, once, allVirtual.get(), max.get(), seconds);
        }
    }

    /** {@code tasks} blocking tasks, one virtual thread each. */
    public static Run virtual(int tasks, Duration block, Sleeper sleeper) throws Exception {
        return run("virtual thread per task", Executors.newVirtualThreadPerTaskExecutor(), tasks, block, sleeper, false);
    }

    /** The same tasks on a fixed pool of {@code threads} platform threads. */
    public static Run fixedPool(int threads, int tasks, Duration block, Sleeper sleeper) throws Exception {
        return run("fixed pool of " + threads, Executors.newFixedThreadPool(threads), tasks, block, sleeper, false);
    }

    /** Virtual threads that block inside {@code synchronized}: pinned on JDK 21-23, not since JDK 24. */
    public static Run pinningDemo(int tasks, Duration block) throws Exception {
        return run("virtual, blocking in synchronized", Executors.newVirtualThreadPerTaskExecutor(), tasks, block,
                Sleeper.real(), true);
    }

    private static void print(Run r) {
        System.out.printf(Locale.ROOT, "%-36s %6d tasks  %9s  at most %5d blocked at once  sum ok: %s  all virtual: %s%n",
                r.executor(), r.tasks(), RecipeMain.seconds(r.seconds()), r.maxConcurrent(),
                r.sum() == r.expectedSum(), r.allVirtual());
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(VirtualThreadsIo.class)
                .intOption("--tasks", 10_000, 1, Integer.MAX_VALUE, "tasks that each block once")
                .intOption("--pool", 8, 1, Integer.MAX_VALUE, "threads of the fixed platform pool")
                .longOption("--block-ms", 10, 0, Long.MAX_VALUE, "how long each task blocks, in ms");
        RecipeMain.run(args, options, opt -> {
            int tasks = opt.intValue("--tasks");
            Duration block = Duration.ofMillis(opt.longValue("--block-ms"));
            int pool = opt.intValue("--pool");
            System.out.printf(Locale.ROOT, "%d cores, JDK %s; each task blocks %d ms%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), block.toMillis());
            for (int i = 0; i < 3; i++) {
                virtual(tasks, block, Sleeper.real()); // warm-up: class loading, JIT, carrier threads
            }
            List<Run> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                runs.add(virtual(tasks, block, Sleeper.real()));
            }
            runs.sort(java.util.Comparator.comparingDouble(Run::seconds));
            print(runs.get(2));
            System.out.printf(Locale.ROOT, "  (the median of 5 runs after 3 warm-up runs; fastest %s, slowest %s)%n",
                    RecipeMain.seconds(runs.get(0).seconds()), RecipeMain.seconds(runs.get(4).seconds()));
            print(fixedPool(pool, tasks, block, Sleeper.real()));
            int pinned = Math.min(tasks, 200);
            print(pinningDemo(pinned, block));
            System.out.println(Runtime.version().feature() >= 24
                    ? "JDK 24+: blocking inside synchronized no longer pins the carrier (JEP 491)"
                    : "JDK < 24: blocking inside synchronized pins the carrier; expect about "
                      + RecipeMain.seconds((double) pinned * block.toMillis() / 1000 / Runtime.getRuntime().availableProcessors()));
        });
    }
}
