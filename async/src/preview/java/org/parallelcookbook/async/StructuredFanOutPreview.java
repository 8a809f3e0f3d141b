package org.parallelcookbook.async;

import java.util.concurrent.Callable;
import java.util.concurrent.StructuredTaskScope;

/**
 * The twin of {@link StructuredFanOut#fanOut} on the JDK's own structured concurrency API,
 * {@code StructuredTaskScope} as it stands in JDK 25 (JEP 505, fifth preview).
 *
 * <p>This file lives in {@code src/preview/java} and is compiled only by the Maven profile
 * {@code jdk25-preview} (active on JDK 25) with {@code --enable-preview --release 25}: preview
 * classes run only on the JDK release that compiled them, and the API's shape changed between JDK
 * 21 ({@code new StructuredTaskScope.ShutdownOnFailure()}) and JDK 25
 * ({@code StructuredTaskScope.open()} with joiners), so the main build does not depend on it.
 *
 * <p>The default joiner of {@code open()} is "all must succeed": the first failing subtask
 * cancels the scope (interrupting the others), {@code join()} throws a {@code FailedException}
 * whose cause is that failure, and {@code close()} waits until every forked thread has finished.
 * That is exactly what {@code StructuredFanOut} builds by hand.
 */
public final class StructuredFanOutPreview {

    private StructuredFanOutPreview() {
    }

    /** Both results, or the first failure rethrown as it was thrown; no subtask outlives the call. */
    public static <A, B> StructuredFanOut.Both<A, B> fanOut(Callable<A> first, Callable<B> second) throws Exception {
        try (var scope = StructuredTaskScope.open()) {
            StructuredTaskScope.Subtask<A> a = scope.fork(first);
            StructuredTaskScope.Subtask<B> b = scope.fork(second);
            try {
                scope.join();
            } catch (StructuredTaskScope.FailedException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
            return new StructuredFanOut.Both<>(a.get(), b.get());
        }
    }
}
