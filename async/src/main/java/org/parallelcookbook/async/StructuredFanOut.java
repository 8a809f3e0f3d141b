package org.parallelcookbook.async;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.Sleeper;

/**
 * <b>Structured concurrency</b> (extra, with chapter 4).
 *
 * <p>Fan out two subtasks, join them as one unit: both results when both succeed; when one fails,
 * the sibling is cancelled (interrupted) at once, the block waits for it to stop, and the failure
 * is rethrown. Either way no subtask outlives the block, so a reader of the code can treat the
 * block like a single call. asyncio 3.11 gives this shape with {@code asyncio.TaskGroup}
 * ({@code async with TaskGroup() as tg: tg.create_task(...)}); the book's {@code asyncio.wait}
 * does not cancel anything.
 *
 * <p>The JDK's own form is {@code StructuredTaskScope}, still a preview API whose shape changed
 * between JDK 21 and JDK 25 (and preview classes run only on the JDK that compiled them). This
 * recipe therefore builds the pattern from stable parts: a virtual-thread
 * {@link ExecutorService} in try-with-resources (its {@code close()} waits for every subtask), an
 * {@link ExecutorCompletionService} to learn which subtask finishes first, and
 * {@code cancel(true)} on the sibling when one fails. On JDK 25 the Maven profile {@code jdk25-preview}
 * also compiles and tests {@code StructuredFanOutPreview}, the same method on
 * {@code StructuredTaskScope.open()}.
 *
 * <p>Run: {@code ./cookbook run x.structured-concurrency [--fail]} (with {@code --fail} the order
 * lookup fails and the slow user lookup is cancelled).
 */
@Recipe(id = "x.structured-concurrency", chapter = 4, title = "Structured concurrency", extra = true)
public final class StructuredFanOut {

    private StructuredFanOut() {
    }

    /** Both results. */
    public record Both<A, B>(A first, B second) {
    }

    /**
     * Runs {@code first} and {@code second} concurrently on virtual threads and returns both
     * results. If either fails, the other is interrupted, this method waits until it has stopped,
     * and the failure is rethrown as it was thrown. If the calling thread is interrupted, both are
     * cancelled and {@link InterruptedException} is thrown. In every case both subtasks have
     * finished when the method returns.
     */
    public static <A, B> Both<A, B> fanOut(Callable<A> first, Callable<B> second) throws Exception {
        Future<A> fa;
        Future<B> fb;
        Throwable failure = null;
        try (ExecutorService scope = Executors.newVirtualThreadPerTaskExecutor()) {
            var completion = new ExecutorCompletionService<Object>(scope);
            @SuppressWarnings("unchecked")
            Future<A> a = (Future<A>) completion.submit(first::call);
            @SuppressWarnings("unchecked")
            Future<B> b = (Future<B>) completion.submit(second::call);
            fa = a;
            fb = b;
            try {
                for (int i = 0; i < 2 && failure == null; i++) {
                    Future<Object> done = completion.take();
                    try {
                        done.get();
                    } catch (ExecutionException e) {
                        failure = e.getCause();
                    }
                }
            } catch (InterruptedException e) {
                failure = e;
            }
            if (failure != null) {
                fa.cancel(true); // no effect on the one that already finished
                fb.cancel(true);
            }
        } // close(): waits until both subtasks have really stopped
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new ExecutionException(failure);
        }
        return new Both<>(fa.resultNow(), fb.resultNow());
    }

    /** The demo of {@code main}: a user lookup and an order lookup, each waiting {@code latency}. */
    public static Both<String, Integer> lookUp(boolean orderFails, Sleeper sleeper, Duration latency) throws Exception {
        return fanOut(() -> {
            sleeper.sleep(latency.multipliedBy(3)); // the slow one
            return "user 42";
        }, () -> {
            sleeper.sleep(latency);
            if (orderFails) {
                throw new IllegalStateException("order service unavailable");
            }
            return 7;
        });
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(StructuredFanOut.class)
                .flag("--fail", "make one subtask fail, to see its sibling cancelled");
        RecipeMain.run(args, options, opt -> {
            boolean fail = opt.flag("--fail");
            long start = System.nanoTime();
            try {
                Both<String, Integer> both = lookUp(fail, Sleeper.real(), Duration.ofMillis(100));
                System.out.println("both subtasks succeeded: " + both.first() + ", " + both.second() + " orders");
            } catch (IllegalStateException e) {
                System.out.println("one subtask failed (" + e.getMessage() + "); the slow sibling was cancelled");
            }
            System.out.println("the block ended after " + RecipeMain.seconds((System.nanoTime() - start) / 1e9)
                    + " with no subtask left running");
        });
    }
}
