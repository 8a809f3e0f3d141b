package org.parallelcookbook.threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.Sleeper;

/**
 * <b>Lock scope and process identity</b> (the 2nd edition's {@code MyThreadClass}).
 *
 * <p>Nine threads each print their process id (all the same: threads live inside one process),
 * sleep a random time, and print "over". The 2nd edition shows two versions of the lock: held
 * across the whole body, including the sleep, the threads run one at a time and the program takes
 * about the <i>sum</i> of the sleeps; held only around the first print, they sleep together and it
 * takes about the <i>longest</i> sleep. The lesson: hold a lock only around the shared state it
 * protects, never around waiting.
 *
 * <p>Both versions are here ({@link Scope#WIDE} and {@link Scope#NARROW}) and count how many
 * threads are inside the sleep at once. The test does not rely on timing: with the narrow lock it
 * makes all nine threads meet inside the sleep (a barrier as the "sleep"), which the wide lock
 * would make impossible; with the wide lock each "sleep" lasts until every thread that has not
 * slept yet is queued on the lock, so a lock that did not cover the sleep would let a second
 * sleeper in.
 *
 * <p><b>Java vs Python:</b> {@link ProcessHandle#current()}{@code .pid()} is {@code os.getpid()}.
 *
 * <p>Run: {@code ./cookbook run x.lock-scope [--unit-ms 100]} (each thread sleeps 1-10 units).
 */
@Recipe(id = "x.lock-scope", chapter = 2, title = "Lock scope and process identity (2nd ed.)", extra = true,
        tourArgs = {"--unit-ms", "5"})
public final class LockScopeWidth {

    private LockScopeWidth() {
    }

    /** What the lock is held around. */
    public enum Scope {
        /** WRONG: the whole body, sleep included: the threads run one by one. */
        WIDE,
        /** RIGHT: the first print only: the threads sleep together. */
        NARROW
    }

    /** The pid each thread saw and the most threads that were sleeping at the same time. */
    public record Result(Scope scope, List<Long> pids, int maxConcurrentSleepers, double seconds) {
    }

    public static Result run(Scope scope, int threads, long seed, Duration unit, Sleeper sleeper, Consumer<String> out)
            throws InterruptedException {
        return run(scope, threads, seed, unit, sleeper, out, new ReentrantLock());
    }

    /** As above, on a lock the caller supplies (a test watches who is queued on it). */
    static Result run(Scope scope, int threads, long seed, Duration unit, Sleeper sleeper, Consumer<String> out,
                      ReentrantLock lock) throws InterruptedException {
        var inside = new AtomicInteger();
        var max = new AtomicInteger();
        List<Long> pids = new ArrayList<>();
        var random = new SplittableRandom(seed);
        List<Thread> list = new ArrayList<>();
        for (int i = 1; i <= threads; i++) {
            Duration sleep = unit.multipliedBy(1 + random.nextInt(10));
            list.add(new Thread(() -> {
                String name = Thread.currentThread().getName();
                long pid = ProcessHandle.current().pid();
                synchronized (pids) {
                    pids.add(pid);
                }
                lock.lock();
                boolean held = true;
                try {
                    out.accept("running thread " + name + " in process " + pid);
                    if (scope == Scope.NARROW) {
                        lock.unlock();
                        held = false;
                    }
                    max.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    try {
                        sleeper.sleep(sleep);
                    } finally {
                        inside.decrementAndGet();
                    }
                    out.accept("thread " + name + " over after " + sleep.toMillis() + " ms");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (held) {
                        lock.unlock();
                    }
                }
            }, "Thread#" + i));
        }
        long start = System.nanoTime();
        list.forEach(Thread::start);
        for (Thread t : list) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        synchronized (pids) {
            return new Result(scope, List.copyOf(pids), max.get(), seconds);
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(LockScopeWidth.class)
                .longOption("--unit-ms", 100, 0, Long.MAX_VALUE, "sleep of each thread's body, in ms")
                .longOption("--seed", 42, Long.MIN_VALUE, Long.MAX_VALUE, "seed of the random sleeps");
        RecipeMain.run(args, options, opt -> {
            Duration unit = Duration.ofMillis(opt.longValue("--unit-ms"));
            long seed = opt.longValue("--seed");
            for (Scope scope : Scope.values()) {
                System.out.println("-- lock held " + (scope == Scope.WIDE ? "around the whole body (wide)" : "around the first print only (narrow)") + " --");
                Result r = run(scope, 9, seed, unit, Sleeper.real(), System.out::println);
                System.out.printf(java.util.Locale.ROOT, "%s: %s, at most %d thread(s) asleep at once, same pid for all: %s%n",
                        scope, RecipeMain.seconds(r.seconds()), r.maxConcurrentSleepers(), r.pids().stream().distinct().count() == 1);
            }
        });
    }
}
