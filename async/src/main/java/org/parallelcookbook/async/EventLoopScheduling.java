package org.parallelcookbook.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.core.measure.Clock;

/**
 * <b>Event loop management with Asyncio</b> (book chapter 4).
 *
 * <p>The book's program: {@code loop.call_soon(function_1)}; every function prints
 * "function_N called" and, while {@code loop.time() + 1 < end} (end = start + 9 s), schedules the
 * next one with {@code loop.call_later(1, ...)}, cycling 1, 2, 3, 1, ...; otherwise it calls
 * {@code loop.stop()}. {@code run_forever()} turns the loop on the main thread. Output: nine lines,
 * 1 2 3 three times, one second apart. (A {@code function_4} line in the listing is commented out.)
 *
 * <p>Java has no event loop in the standard library, so this recipe runs the program twice:
 * <ol>
 * <li>on {@link SimpleEventLoop}, a small asyncio-style loop written in this module: the program
 * owns the loop and turns it on its own thread with {@code run()}; {@code stop()} ends
 * {@code run()}; the loop's clock is injectable, so the test runs the nine seconds in
 * microseconds on a virtual clock and checks the calls at exactly 0, 1, ..., 8 s;</li>
 * <li>on the JDK's {@code Executors.newSingleThreadScheduledExecutor()}: also one thread and timed
 * callbacks, but the executor owns its thread (the calling thread can only wait on a latch), there
 * is no {@code run_forever}/{@code stop}, time is {@code System.nanoTime()} and cannot be made
 * virtual, and an exception in a task is kept in its {@code ScheduledFuture} rather than
 * printed.</li>
 * </ol>
 * Both use exact nanosecond arithmetic for the book's test {@code loop.time() + 1 < end}; with
 * floating-point seconds and short periods, 0.07 + 0.01 &lt; 0.09 can come out either way.
 *
 * <p>Run: {@code ./cookbook run ch4.event-loop [--period-ms 1000]} (the tour uses 10 ms).
 */
@Recipe(id = "ch4.event-loop", chapter = 4, title = "Event loop management with Asyncio",
        tourArgs = {"--period-ms", "10"})
public final class EventLoopScheduling {

    /** The book's end time: start + 9 periods. */
    static final int PERIODS = 9;

    private EventLoopScheduling() {
    }

    /** One callback: which function ran, when (ns after the start) and on which thread. */
    public record Call(int function, long atNanos, Thread thread) {
    }

    /** The whole run: the calls in order and the thread that turned the loop. */
    public record Schedule(List<Call> calls, Thread loopThread) {
        public Schedule {
            calls = List.copyOf(calls);
        }

        public List<Integer> functions() {
            return calls.stream().map(Call::function).toList();
        }
    }

    /**
     * The book's program on {@link SimpleEventLoop}: the loop runs on the calling thread until the
     * last function calls {@code stop()}.
     */
    public static Schedule onSimpleLoop(SimpleEventLoop loop, Duration period, Consumer<String> out)
            throws InterruptedException {
        long step = period.toNanos();
        long start = loop.nanoTime();
        long end = start + PERIODS * step;
        List<Call> calls = new ArrayList<>();
        Runnable[] functions = new Runnable[3];
        for (int i = 0; i < 3; i++) {
            int n = i + 1;
            functions[i] = () -> {
                long now = loop.nanoTime();
                out.accept("function_" + n + " called");
                calls.add(new Call(n, now - start, Thread.currentThread()));
                if (now + step < end) {
                    loop.callLater(period, functions[n % 3]);
                } else {
                    loop.stop();
                }
            };
        }
        loop.callSoon(functions[0]);
        loop.run();
        return new Schedule(calls, Thread.currentThread());
    }

    /**
     * The same program on the JDK's single-thread scheduled executor. {@code clock} is what the
     * program reads for "loop.time()" (read once at the start and once per call); the executor's
     * own delays always use real time.
     */
    public static Schedule onScheduledExecutor(Duration period, Clock clock, Consumer<String> out)
            throws InterruptedException {
        long step = period.toNanos();
        long start = clock.nanoTime();
        long end = start + PERIODS * step;
        List<Call> calls = new ArrayList<>(); // touched only by the executor's one thread
        var finished = new CountDownLatch(1);
        Thread[] loopThread = new Thread[1];
        Throwable[] failure = new Throwable[1];
        try (var scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("scheduler").daemon(true).factory())) {
            Runnable[] functions = new Runnable[3];
            for (int i = 0; i < 3; i++) {
                int n = i + 1;
                functions[i] = () -> {
                    try {
                        long now = clock.nanoTime();
                        out.accept("function_" + n + " called");
                        calls.add(new Call(n, now - start, Thread.currentThread()));
                        loopThread[0] = Thread.currentThread();
                        if (now + step < end) {
                            scheduler.schedule(functions[n % 3], step, TimeUnit.NANOSECONDS);
                        } else {
                            finished.countDown(); // there is no loop.stop(): tell the waiting thread
                        }
                    } catch (RuntimeException | Error e) {
                        failure[0] = e; // the executor would keep it silently in the ScheduledFuture
                        finished.countDown();
                    }
                };
            }
            scheduler.execute(functions[0]);
            finished.await();
        } // close(): shutdown and wait for the scheduler thread
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        return new Schedule(calls, loopThread[0]);
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(EventLoopScheduling.class)
                .intOption("--period-ms", 1000, 1, Integer.MAX_VALUE, "period of the scheduled callbacks, in ms");
        RecipeMain.run(args, options, opt -> {
            int periodMs = opt.intValue("--period-ms");
            if (periodMs > 60_000) {
                throw new UsageException("--period-ms must be at most 60000, got " + periodMs);
            }
            Duration period = Duration.ofMillis(periodMs);
            System.out.println("SimpleEventLoop (asyncio style, loop turned by the main thread):");
            Schedule simple;
            try (var loop = SimpleEventLoop.realTime()) {
                simple = onSimpleLoop(loop, period, System.out::println);
            }
            print(simple, "loop thread " + simple.loopThread().getName());
            System.out.println();
            System.out.println("Executors.newSingleThreadScheduledExecutor() (the JDK's own):");
            Schedule jdk = onScheduledExecutor(period, Clock.system(), System.out::println);
            print(jdk, "scheduler thread " + jdk.loopThread().getName() + "; main only waited on a latch");
        });
    }

    private static void print(Schedule s, String where) {
        var times = new StringBuilder();
        for (Call c : s.calls()) {
            times.append(String.format(Locale.ROOT, " %.3f", c.atNanos() / 1e9));
        }
        System.out.println("calls " + s.functions() + " at (s):" + times + "; " + where);
    }
}
