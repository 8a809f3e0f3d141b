package org.parallelcookbook.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * <b>Using the with statement</b> (book chapter 2).
 *
 * <p>For each of Lock, RLock, Condition and Semaphore the book starts two threads: one enters the
 * primitive with {@code with}, the other with {@code acquire()} and {@code try/finally release()}.
 * Both forms release the primitive however the block ends; {@code with} just cannot forget.
 *
 * <p><b>Java vs Python:</b> Java's built-in {@code with} for locking is the {@code synchronized}
 * block (the monitor is released when the block ends, even by an exception). The
 * {@code java.util.concurrent} locks and {@link Semaphore} are not {@link AutoCloseable}; the
 * standard idiom is {@code lock(); try { ... } finally { unlock(); }} (the "direct" form here), and
 * the cookbook's {@link Locks#hold} / {@link Locks#acquire} adapters give them try-with-resources
 * (the "with" form). Java has one reentrant lock, {@link ReentrantLock}, standing for both Lock and
 * RLock; a {@link Condition} is entered through the lock it belongs to.
 *
 * <p>Run: {@code ./cookbook run ch2.with}.
 */
@Recipe(id = "ch2.with", chapter = 2, title = "Using the with statement")
public final class LockScopes {

    private LockScopes() {
    }

    /** The four primitives of the book, as Java objects. */
    public record Primitives(ReentrantLock lock, ReentrantLock rlock, ReentrantLock conditionLock, Condition condition,
                             Semaphore semaphore, Object monitor) {
        public static Primitives create() {
            var conditionLock = new ReentrantLock();
            return new Primitives(new ReentrantLock(), new ReentrantLock(), conditionLock, conditionLock.newCondition(),
                    new Semaphore(1), new Object());
        }

        /** True when no primitive is held and the semaphore has its permit back. */
        public boolean allFree() {
            return !lock.isLocked() && !rlock.isLocked() && !conditionLock.isLocked() && semaphore.availablePermits() == 1;
        }
    }

    /** A body that may throw, to show that every scope releases on an exception too. */
    @FunctionalInterface
    public interface Body {
        void run(String what) throws Exception;
    }

    /** Enters {@code name} the try-with-resources way. */
    @SuppressWarnings("try") // the handle is only there to be closed
    public static void withScope(Primitives p, String name, Body body) throws Exception {
        switch (name) {
            case "Lock" -> {
                try (var held = Locks.hold(p.lock())) {
                    body.run("Lock acquired via try-with-resources");
                }
            }
            case "RLock" -> {
                try (var held = Locks.hold(p.rlock())) {
                    body.run("RLock acquired via try-with-resources");
                }
            }
            case "Condition" -> {
                try (var held = Locks.hold(p.conditionLock())) {
                    body.run("Condition acquired via try-with-resources");
                }
            }
            case "Semaphore" -> {
                try (var held = Locks.acquire(p.semaphore())) {
                    body.run("Semaphore acquired via try-with-resources");
                }
            }
            case "synchronized" -> {
                synchronized (p.monitor()) {
                    body.run("monitor acquired via synchronized (Java's own with)");
                }
            }
            default -> throw new IllegalArgumentException("unknown primitive " + name);
        }
    }

    /** Enters {@code name} with explicit acquire and try/finally release. */
    public static void directScope(Primitives p, String name, Body body) throws Exception {
        switch (name) {
            case "Lock", "RLock", "Condition" -> {
                ReentrantLock lock = switch (name) {
                    case "Lock" -> p.lock();
                    case "RLock" -> p.rlock();
                    default -> p.conditionLock();
                };
                lock.lock();
                try {
                    body.run(name + " acquired directly");
                } finally {
                    lock.unlock();
                }
            }
            case "Semaphore" -> {
                p.semaphore().acquire();
                try {
                    body.run("Semaphore acquired directly");
                } finally {
                    p.semaphore().release();
                }
            }
            default -> throw new IllegalArgumentException("no direct form for " + name);
        }
    }

    /** The book's names, in its order. */
    public static final List<String> PRIMITIVES = List.of("Lock", "RLock", "Condition", "Semaphore");

    /**
     * For each primitive, one thread uses the try-with-resources form and one the direct form.
     * Returns the log lines "(thread name) what".
     */
    public static List<String> run(Primitives p, Consumer<String> out) throws InterruptedException {
        List<String> log = new ArrayList<>();
        Body logBody = what -> {
            String line = "(" + Thread.currentThread().getName() + ") " + what;
            synchronized (log) {
                log.add(line);
                out.accept(line);
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (String name : PRIMITIVES) {
            threads.add(new Thread(() -> runQuietly(() -> withScope(p, name, logBody)), "with-" + name));
            threads.add(new Thread(() -> runQuietly(() -> directScope(p, name, logBody)), "direct-" + name));
        }
        threads.add(new Thread(() -> runQuietly(() -> withScope(p, "synchronized", logBody)), "with-synchronized"));
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void runQuietly(Action action) {
        try {
            action.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(LockScopes.class);
        RecipeMain.run(args, options, opt -> {
            var p = Primitives.create();
            run(p, System.out::println);
            System.out.println("every primitive free again: " + p.allFree());
        });
    }
}
