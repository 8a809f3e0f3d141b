package org.parallelcookbook.threads;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.Sleeper;

/**
 * <b>How to use a thread in a subclass</b> (book chapter 2).
 *
 * <p>The book's {@code myThread(threadID, name, counter)} overrides {@code __init__} and
 * {@code run}; Thread-1 (1 s apart) and Thread-2 (2 s apart) each print "Starting", five
 * "name: time" lines and "Exiting". {@link CountingThread} is the same subclass in Java: fields set
 * in the constructor, {@code run()} overridden. (Java code usually passes a {@link Runnable}
 * instead of subclassing, see {@code ch2.define-thread}; the subclass is shown because the book
 * shows it.)
 *
 * <p><b>Book bug:</b> the book's {@code exitFlag}, which would call {@code thread.exit()}, is never
 * set, and {@code thread.exit()} is Python 2. Java has no way to kill a thread safely either
 * ({@code Thread.stop()} is gone), so the flag becomes <i>cooperative cancellation</i>:
 * {@link CountingThread#cancel()} sets a {@code volatile} flag (volatile, so the running thread is
 * guaranteed to see the write) and interrupts the thread to cut its sleep short; the thread checks
 * the flag before every line and stops. An interrupt that does not come from {@code cancel()}
 * stops the thread too ("Exiting Thread-1 (interrupted)"), and the thread keeps its interrupt
 * status instead of swallowing it.
 *
 * <p>The book's main thread prints "Exiting Main Thread" without waiting, so that line usually
 * comes first; here main joins both threads and prints it last.
 *
 * <p>Run: {@code ./cookbook run ch2.thread-subclass [--unit-ms 1000]} (Thread-1 waits 1 unit
 * between lines, Thread-2 two units).
 */
@Recipe(id = "ch2.thread-subclass", chapter = 2, title = "How to use a thread in a subclass",
        tourArgs = {"--unit-ms", "20"})
public final class ThreadSubclass {

    private ThreadSubclass() {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    /** The book's {@code myThread}: prints its name and the time {@code counter} times. */
    public static final class CountingThread extends Thread {
        private final int threadId;
        private final int counter;
        private final Duration delay;
        private final Sleeper sleeper;
        private final Consumer<String> out;
        private volatile boolean exitFlag;
        private volatile int linesPrinted;
        private volatile boolean interruptedByOthers;
        private volatile boolean interruptStatusAtExit;

        public CountingThread(int threadId, String name, int counter, Duration delay, Sleeper sleeper,
                              Consumer<String> out) {
            super(name);
            this.threadId = threadId;
            this.counter = counter;
            this.delay = delay;
            this.sleeper = sleeper;
            this.out = out;
        }

        @Override
        public void run() {
            out.accept("Starting " + getName());
            printTime();
            out.accept("Exiting " + getName() + (exitFlag ? " (cancelled)" : interruptedByOthers ? " (interrupted)" : ""));
            interruptStatusAtExit = isInterrupted();
        }

        private void printTime() {
            for (int left = counter; left > 0; left--) {
                if (exitFlag) {
                    return;
                }
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException e) {
                    if (!exitFlag) {
                        // not our cancel(): someone else wants this thread to stop. Stop, and keep
                        // the interrupt status for whoever looks at it next
                        interruptedByOthers = true;
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                if (exitFlag) {
                    return;
                }
                out.accept(getName() + ": " + LocalTime.now().format(TIME));
                linesPrinted++;
            }
        }

        /** Asks the thread to stop after the line it is printing; wakes it if it sleeps. */
        public void cancel() {
            exitFlag = true;
            interrupt();
        }

        /** The book's {@code threadID} (not the JVM's {@link Thread#threadId()}). */
        public int bookThreadId() {
            return threadId;
        }

        /**
         * Whether the thread still had its interrupt status when it ended: true when an interrupt
         * that did not come from {@link #cancel()} stopped it (that interrupt is kept, not swallowed).
         */
        public boolean interruptStatusAtExit() {
            return interruptStatusAtExit;
        }

        /** How many time lines this thread printed. */
        public int linesPrinted() {
            return linesPrinted;
        }
    }

    /** Starts Thread-1 and Thread-2 as the book does, joins them, and returns them. */
    public static List<CountingThread> run(int counter, Duration unit, Sleeper sleeper, Consumer<String> out)
            throws InterruptedException {
        var t1 = new CountingThread(1, "Thread-1", counter, unit, sleeper, out);
        var t2 = new CountingThread(2, "Thread-2", counter, unit.multipliedBy(2), sleeper, out);
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        out.accept("Exiting Main Thread");
        return List.of(t1, t2);
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(ThreadSubclass.class)
                .longOption("--unit-ms", 1000, 0, Long.MAX_VALUE, "time unit of each thread's sleep, in ms");
        RecipeMain.run(args, options, opt -> {
            Duration unit = Duration.ofMillis(opt.longValue("--unit-ms"));
            run(5, unit, Sleeper.real(), line -> {
                synchronized (System.out) {
                    System.out.println(line);
                }
            });
        });
    }
}
