package org.parallelcookbook.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.report.TextTable;

/**
 * <b>Using the Python threading module</b> (book chapter 2).
 *
 * <p>The book lists the objects of Python's {@code threading} module: Thread, Lock, RLock,
 * Semaphore, Condition and Event. This recipe maps each to its JDK counterpart and runs a small
 * two-thread handshake with it (main and one helper thread), checking afterwards that the
 * primitive was left released. Each handshake forces its ordering (the helper is known to be
 * blocked before main lets it go), so what the table reports is what always happens.
 *
 * <table>
 *   <caption>Python threading and its Java counterparts</caption>
 *   <tr><th>Python</th><th>Java</th></tr>
 *   <tr><td>Thread</td><td>{@link Thread} ({@code Thread.ofPlatform()}, {@code Thread.ofVirtual()})</td></tr>
 *   <tr><td>Lock</td><td>{@link ReentrantLock} or {@code synchronized} (Java locks are owned and reentrant)</td></tr>
 *   <tr><td>RLock</td><td>{@link ReentrantLock}</td></tr>
 *   <tr><td>Semaphore</td><td>{@link Semaphore}</td></tr>
 *   <tr><td>Condition</td><td>{@link java.util.concurrent.locks.Condition} from {@code lock.newCondition()}</td></tr>
 *   <tr><td>Event</td><td>none in the JDK: the cookbook's {@link Event}; {@code CountDownLatch(1)} when one-shot</td></tr>
 * </table>
 *
 * <p><b>Java vs Python:</b> the big difference is not in the names but underneath: Java threads are
 * operating-system threads that run Java code truly in parallel (no GIL), and the Java memory model
 * says exactly when one thread must see another's writes: through these primitives.
 *
 * <p>Run: {@code ./cookbook run ch2.threading-module}.
 */
@Recipe(id = "ch2.threading-module", chapter = 2, title = "Using the Python threading module")
public final class ConcurrencyToolkitTour {

    private ConcurrencyToolkitTour() {
    }

    /** One handshake: the Python name, the Java type, what happened, and whether the primitive was released. */
    public record Handshake(String python, String java, String what, boolean released) {
    }

    public static List<Handshake> run() throws InterruptedException, TimeoutException {
        List<Handshake> rows = new ArrayList<>();
        rows.add(thread());
        rows.add(lock());
        rows.add(rlock());
        rows.add(semaphore());
        rows.add(condition());
        rows.add(event());
        return rows;
    }

    static Handshake thread() throws InterruptedException, TimeoutException {
        var ran = new AtomicBoolean();
        Thread t = Thread.ofPlatform().name("helper").start(() -> ran.set(true));
        Waits.join(t, Waits.HANG);
        return new Handshake("Thread", "java.lang.Thread", "helper ran: " + ran.get() + ", joined",
                t.getState() == Thread.State.TERMINATED);
    }

    static Handshake lock() throws InterruptedException, TimeoutException {
        var lock = new ReentrantLock();
        var got = new AtomicBoolean();
        lock.lock();
        Thread t;
        try {
            t = Thread.ofPlatform().name("helper").start(() -> {
                lock.lock();
                try {
                    got.set(true);
                } finally {
                    lock.unlock();
                }
            });
            Waits.until(() -> lock.hasQueuedThread(t), "the helper blocks on the lock");
        } finally {
            lock.unlock();
        }
        Waits.join(t, Waits.HANG);
        return new Handshake("Lock", "ReentrantLock", "helper blocked while main held it, then got it: " + got.get(),
                !lock.isLocked());
    }

    static Handshake rlock() throws InterruptedException, TimeoutException {
        var lock = new ReentrantLock();
        var holds = new AtomicInteger();
        Thread t = Thread.ofPlatform().name("helper").start(() -> {
            lock.lock();
            try {
                lock.lock(); // again: reentrant
                try {
                    holds.set(lock.getHoldCount());
                } finally {
                    lock.unlock();
                }
            } finally {
                lock.unlock();
            }
        });
        Waits.join(t, Waits.HANG);
        return new Handshake("RLock", "ReentrantLock", "helper took it twice, hold count " + holds.get(), !lock.isLocked());
    }

    static Handshake semaphore() throws InterruptedException, TimeoutException {
        var semaphore = new Semaphore(1);
        var got = new AtomicBoolean();
        semaphore.acquire();
        Thread t;
        try {
            t = Thread.ofPlatform().name("helper").start(() -> {
                try {
                    semaphore.acquire();
                    got.set(true);
                    semaphore.release();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Waits.until(semaphore::hasQueuedThreads, "the helper waits for a permit");
        } finally {
            semaphore.release();
        }
        Waits.join(t, Waits.HANG);
        return new Handshake("Semaphore", "Semaphore", "helper waited for the permit, then got it: " + got.get(),
                semaphore.availablePermits() == 1);
    }

    static Handshake condition() throws InterruptedException, TimeoutException {
        var lock = new ReentrantLock();
        var ready = lock.newCondition();
        var flag = new boolean[1];
        Thread t = Thread.ofPlatform().name("helper").start(() -> {
            lock.lock();
            try {
                while (!flag[0]) {
                    ready.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        Waits.until(() -> {
            lock.lock();
            try {
                return lock.hasWaiters(ready);
            } finally {
                lock.unlock();
            }
        }, "the helper awaits the condition");
        lock.lock();
        try {
            flag[0] = true;
            ready.signal();
        } finally {
            lock.unlock();
        }
        Waits.join(t, Waits.HANG);
        return new Handshake("Condition", "lock.newCondition()", "helper awaited, main set the state and signalled",
                !lock.isLocked());
    }

    static Handshake event() throws InterruptedException, TimeoutException {
        var event = new Event();
        Thread t = Thread.ofPlatform().name("helper").start(() -> {
            try {
                event.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Waits.until(() -> event.waiters() == 1, "the helper waits for the event");
        event.set();
        Waits.join(t, Waits.HANG);
        return new Handshake("Event", "cookbook Event (lock + condition)", "helper waited until main set it",
                event.waiters() == 0);
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(ConcurrencyToolkitTour.class);
        RecipeMain.run(args, options, opt -> {
            var table = new TextTable("Python threading", "Java", "two-thread handshake", "released");
            for (Handshake h : run()) {
                table.row(h.python(), h.java(), h.what(), h.released() ? "yes" : "NO");
            }
            System.out.print(table.render());
        });
    }
}
