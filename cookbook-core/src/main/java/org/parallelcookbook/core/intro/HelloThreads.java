package org.parallelcookbook.core.intro;

import java.time.Duration;
import java.util.function.Consumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.Sleeper;

/**
 * <b>Start working with threads in Python</b> (book chapter 1): the book's
 * {@code helloPythonWithThreads.py}.
 *
 * <p>The main program prints "Process Started", starts a {@link CookBook} thread and prints "Process
 * Ended" at once. The thread prints "Thread Starting", then its message ten times with a pause of two
 * seconds after each, then "Thread Ended". The output shows the point of the recipe: "Process Ended"
 * appears first, and the program keeps running for twenty more seconds, because the main code ending
 * does not end the program while a non-daemon thread is alive.
 *
 * <p><b>Java vs Python:</b> the same shape: subclass {@link Thread}, override {@code run()}, call
 * {@code start()} (never {@code run()} directly, which would run the body in the caller's thread).
 * The JVM, like the Python interpreter, exits only when the last non-daemon thread ends. Mark the
 * thread with {@code setDaemon(true)} before starting it ({@code --daemon}) and the JVM stops as soon
 * as {@code main} returns, cutting the thread off mid-sentence. Unlike CPython, a Java thread runs
 * truly in parallel with the main thread; here that makes no difference because it mostly sleeps.
 * In modern Java one would rather pass a {@link Runnable} to {@code Thread.ofPlatform().start(...)}
 * or an executor than subclass {@code Thread}.
 *
 * <p>Run: {@code ./cookbook run ch1.start-threads [--messages N] [--pause-ms MS] [--daemon]}
 * (the book: 10 messages, 2000 ms).
 */
@Recipe(id = "ch1.start-threads", chapter = 1, title = "Start working with threads in Python",
        tourArgs = {"--pause-ms", "20"})
public final class HelloThreads {

    public static final String PROCESS_STARTED = "Process Started";
    public static final String PROCESS_ENDED = "Process Ended";
    public static final String THREAD_STARTING = "Thread Starting";
    public static final String THREAD_ENDED = "Thread Ended";
    public static final String MESSAGE = "Hello Parallel Python CookBook!!";

    private HelloThreads() {
    }

    /** The book's {@code CookBook(Thread)} class. */
    public static final class CookBook extends Thread {
        private final String message;
        private final int times;
        private final Duration pause;
        private final Sleeper sleeper;
        private final Consumer<String> out;

        public CookBook(String message, int times, Duration pause, Sleeper sleeper, Consumer<String> out) {
            super("CookBook");
            this.message = message;
            this.times = times;
            this.pause = pause;
            this.sleeper = sleeper;
            this.out = out;
        }

        private void printMessage() {
            out.accept(message);
        }

        @Override
        public void run() {
            out.accept(THREAD_STARTING);
            try {
                for (int x = 0; x < times; x++) {
                    printMessage();
                    sleeper.sleep(pause);
                }
            } catch (InterruptedException e) {
                out.accept("Thread interrupted");
                return;
            }
            out.accept(THREAD_ENDED);
        }
    }

    /**
     * What the main program left behind when its own code had finished.
     *
     * @param thread             the still-running (or finished) CookBook thread
     * @param aliveWhenMainEnded whether the thread was alive right after "Process Ended"
     */
    public record Launched(CookBook thread, boolean aliveWhenMainEnded) {
    }

    /** The book's main program: start the thread and end without waiting for it. */
    public static Launched launch(int times, Duration pause, Sleeper sleeper, boolean daemon, Consumer<String> out) {
        out.accept(PROCESS_STARTED);
        var helloJava = new CookBook(MESSAGE, times, pause, sleeper, out);
        helloJava.setDaemon(daemon);
        helloJava.start();
        out.accept(PROCESS_ENDED);
        return new Launched(helloJava, helloJava.isAlive());
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(HelloThreads.class)
                .intOption("--messages", 10, 0, Integer.MAX_VALUE, "messages each thread prints")
                .intOption("--pause-ms", 2_000, 0, Integer.MAX_VALUE, "pause between two messages, in ms")
                .flag("--daemon", "make the threads daemons (the JVM exits without waiting for them)");
        RecipeMain.run(args, options, opt -> {
            int times = opt.intValue("--messages");
            int pauseMs = opt.intValue("--pause-ms");
            boolean daemon = opt.flag("--daemon");
            launch(times, Duration.ofMillis(pauseMs), Sleeper.real(), daemon, System.out::println);
            // main returns here; the JVM waits for the CookBook thread unless it is a daemon
        });
    }
}
