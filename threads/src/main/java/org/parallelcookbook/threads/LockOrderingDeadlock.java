package org.parallelcookbook.threads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The two-lock deadlock that {@code ch2.lock}'s text describes, made real, found, and fixed. Part
 * of {@link LockCounter} (recipe {@code ch2.lock}), which runs it at the end of its {@code main}.
 *
 * <p>Thread A holds R1 and wants R2; thread B holds R2 and wants R1; neither can go on. A deadlock
 * is a matter of timing in the book; {@link #forceDeadlock} makes it certain with a latch (each
 * thread takes its first lock, then waits until the other has taken its own), then finds it the way
 * a JVM monitoring tool does, with {@link ThreadMXBean#findDeadlockedThreads()}, which also sees
 * {@link ReentrantLock}s; the names of the threads and of each lock's owner come from the same
 * bean ({@link ThreadInfo}), as {@code jstack} would print them. The deadlocked threads wait in {@code lockInterruptibly()}, so the
 * demonstration can end them by interrupting them; a thread stuck in {@code lock()} or a
 * {@code synchronized} block cannot be freed at all.
 *
 * <p>Two fixes, both run to completion: {@link #globalOrder} (every thread takes the locks in one
 * agreed order, so the cycle cannot form) and {@link #tryLockWithBackoff} (take the second lock
 * with {@code tryLock(timeout)}; on failure release the first, back off a random moment, retry).
 */
public final class LockOrderingDeadlock {

    private LockOrderingDeadlock() {
    }

    /**
     * The deadlock as {@link ThreadMXBean} reported it, in thread-id order: the ids, the names, and
     * for each thread the name of the thread that owns the lock it waits for (the cycle).
     */
    public record Report(List<Long> threadIds, List<String> threadNames, List<String> waitsForOwner) {
    }

    /** Completed transfers per thread and the total number of attempts (a failed tryLock costs one). */
    public record TryLockReport(List<Integer> completed, int attempts) {
    }

    /**
     * Builds the deadlock on purpose, waits (at most {@code timeout}) until the JVM reports it, then
     * interrupts both threads and joins them.
     */
    public static Report forceDeadlock(Duration timeout) throws InterruptedException, TimeoutException {
        var r1 = new ReentrantLock();
        var r2 = new ReentrantLock();
        var bothHoldOne = new CountDownLatch(2);
        Thread a = new Thread(() -> lockBoth(r1, r2, bothHoldOne), "A-holds-R1-wants-R2");
        Thread b = new Thread(() -> lockBoth(r2, r1, bothHoldOne), "B-holds-R2-wants-R1");
        a.start();
        b.start();
        try {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long[][] found = new long[1][];
            List<List<ThreadInfo>> seen = new ArrayList<>(List.of(List.of()));
            Waits.until(() -> {
                long[] ids = mx.findDeadlockedThreads();
                if (ids == null || !contains(ids, a.threadId()) || !contains(ids, b.threadId())) {
                    return false;
                }
                long[] sorted = Arrays.stream(ids).sorted().toArray();
                // each ThreadInfo is a separate look at one thread: a parked thread that wakes
                // spuriously and parks again shows no lock owner for that instant; look again
                List<ThreadInfo> infos = Arrays.asList(mx.getThreadInfo(sorted));
                if (infos.stream().anyMatch(i -> i == null || i.getLockOwnerName() == null)) {
                    return false;
                }
                found[0] = sorted;
                seen.set(0, infos);
                return true;
            }, timeout, "ThreadMXBean reports the deadlock");
            long[] ids = found[0];
            List<ThreadInfo> infos = seen.get(0);
            return new Report(Arrays.stream(ids).boxed().toList(),
                    infos.stream().map(ThreadInfo::getThreadName).toList(),
                    infos.stream().map(ThreadInfo::getLockOwnerName).toList());
        } finally {
            a.interrupt();
            b.interrupt();
            Waits.join(a, timeout);
            Waits.join(b, timeout);
        }
    }

    private static void lockBoth(ReentrantLock first, ReentrantLock second, CountDownLatch bothHoldOne) {
        first.lock();
        try {
            bothHoldOne.countDown();
            bothHoldOne.await();
            second.lockInterruptibly(); // blocks for ever: the other thread holds it and wants ours
            second.unlock();
        } catch (InterruptedException e) {
            // the demonstration breaks the deadlock by interrupting; release and end
        } finally {
            first.unlock();
        }
    }

    private static boolean contains(long[] ids, long id) {
        return Arrays.stream(ids).anyMatch(x -> x == id);
    }

    /** A lock with a rank: the global order in which locks are taken. */
    private record Ranked(int rank, ReentrantLock lock) {
    }

    /**
     * FIX 1: thread A wants (R1, R2) and thread B wants (R2, R1), but both take them lowest rank
     * first. Returns the transfers each thread completed.
     */
    public static List<Integer> globalOrder(int transfers) throws InterruptedException {
        var r1 = new Ranked(1, new ReentrantLock());
        var r2 = new Ranked(2, new ReentrantLock());
        var doneA = new AtomicInteger();
        var doneB = new AtomicInteger();
        Thread a = new Thread(() -> orderedTransfers(r1, r2, transfers, doneA), "A");
        Thread b = new Thread(() -> orderedTransfers(r2, r1, transfers, doneB), "B");
        a.start();
        b.start();
        a.join();
        b.join();
        return List.of(doneA.get(), doneB.get());
    }

    private static void orderedTransfers(Ranked want1, Ranked want2, int transfers, AtomicInteger done) {
        Ranked first = want1.rank() < want2.rank() ? want1 : want2;
        Ranked second = first == want1 ? want2 : want1;
        for (int i = 0; i < transfers; i++) {
            first.lock().lock();
            try {
                second.lock().lock();
                try {
                    done.incrementAndGet();
                } finally {
                    second.lock().unlock();
                }
            } finally {
                first.lock().unlock();
            }
        }
    }

    /**
     * FIX 2: the opposite orders stay, but the second lock is only tried for a while. The first
     * attempt is forced into the deadlock shape (both hold their first lock), so at least one
     * thread must give up and retry.
     */
    public static TryLockReport tryLockWithBackoff(int transfers) throws InterruptedException {
        var r1 = new ReentrantLock();
        var r2 = new ReentrantLock();
        var bothHoldOne = new CountDownLatch(2);
        var attempts = new AtomicInteger();
        var doneA = new AtomicInteger();
        var doneB = new AtomicInteger();
        Thread a = new Thread(() -> backoffTransfers(r1, r2, transfers, bothHoldOne, attempts, doneA), "A");
        Thread b = new Thread(() -> backoffTransfers(r2, r1, transfers, bothHoldOne, attempts, doneB), "B");
        a.start();
        b.start();
        a.join();
        b.join();
        return new TryLockReport(List.of(doneA.get(), doneB.get()), attempts.get());
    }

    private static void backoffTransfers(ReentrantLock first, ReentrantLock second, int transfers,
                                         CountDownLatch bothHoldOne, AtomicInteger attempts, AtomicInteger done) {
        boolean forced = false;
        try {
            while (done.get() < transfers) {
                attempts.incrementAndGet();
                first.lock();
                try {
                    if (!forced) {
                        forced = true;
                        bothHoldOne.countDown();
                        bothHoldOne.await();
                    }
                    if (second.tryLock(10, TimeUnit.MILLISECONDS)) {
                        try {
                            done.incrementAndGet();
                            continue;
                        } finally {
                            second.unlock();
                        }
                    }
                } finally {
                    first.unlock();
                }
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000)); // random back-off
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
