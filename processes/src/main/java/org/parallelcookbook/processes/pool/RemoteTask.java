package org.parallelcookbook.processes.pool;

import java.io.Serializable;

/**
 * A piece of work that a {@link WorkerPool} runs in another JVM. The task object itself travels:
 * it is serialized in the parent, sent down the worker's standard input, deserialized there
 * (through an {@link java.io.ObjectInputFilter}) and called; its result travels back the same way.
 * So the task's class and its result's class must be on the class path of both JVMs (the pool
 * starts workers with the parent's class path) and admitted by the pool's filter.
 *
 * <p>A serializable lambda works too ({@code pool.submit(() -> 6 * 7)}), as long as what it
 * captures is serializable and admitted.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface RemoteTask<T extends Serializable> extends Serializable {

    /** Runs in the worker JVM. An exception thrown here reaches the caller as a {@link RemoteTaskException}. */
    T call() throws Exception;
}
