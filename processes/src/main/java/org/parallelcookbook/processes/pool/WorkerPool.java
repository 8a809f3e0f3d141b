package org.parallelcookbook.processes.pool;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.parallelcookbook.core.launch.ChildJvm;
import org.parallelcookbook.core.launch.JvmLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of long-lived worker JVMs: Java's counterpart of Python's {@code multiprocessing.Pool}.
 * Each worker is a separate JVM ({@link PoolWorker}) started once with the parent's class path;
 * tasks ({@link RemoteTask}) travel to it over its standard input and results come back over its
 * standard output, as length-prefixed frames holding Java object streams, deserialized on both ends
 * through an {@link ObjectInputFilter} (default {@link #DEFAULT_FILTER}).
 *
 * <pre>{@code
 * try (var pool = WorkerPool.start(4)) {
 *     List<Integer> squares = pool.map(IntStream.range(0, 100).mapToObj(Square::new).toList());
 *     CompletableFuture<Integer> one = pool.submit(new Square(7));
 * }
 * }</pre>
 *
 * <p>Each worker runs one task at a time; idle workers take the next queued task, so uneven tasks
 * balance themselves. <b>Faults:</b> a task that throws completes its future with a
 * {@link RemoteTaskException} naming the remote type and message; the worker goes on. A worker
 * that dies while running a task (killed, crashed, {@code System.exit}) is replaced by a fresh JVM
 * and the task is retried once; if it kills that worker too, its future fails with a
 * {@link WorkerDiedException} naming the worker, its pid and exit status. No task is ever lost or
 * left hanging: {@link #close()} fails every task not yet run, and stops every worker (end of input,
 * then destroy after a grace period).
 *
 * <p>Thread-safe. Workers are also halted by core's parent watchdog if this JVM dies.
 */
public final class WorkerPool implements AutoCloseable {

    /**
     * The default deserialization filter: the cookbook's own classes, value types and collections of
     * {@code java.lang}, {@code java.util}, {@code java.math} and {@code java.time}, serializable
     * lambdas, arrays of those and of primitives; everything else is rejected.
     */
    public static final String DEFAULT_FILTER = "maxdepth=64;maxrefs=1000000;maxbytes=268435456;"
            + "org.parallelcookbook.**;java.lang.*;java.util.*;java.math.BigInteger;java.math.BigDecimal;"
            + "java.time.*;java.lang.invoke.SerializedLambda;!*";

    /** JVM options every worker gets: VM messages go to stderr, so stdout carries only the protocol. */
    static final List<String> PROTOCOL_OPTIONS = List.of("-XX:+DisplayVMOutputToStderr", "-Xlog:disable",
            "-Xlog:all=warning:stderr");

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    private final String filterPattern;
    private final ObjectInputFilter filter;
    private final List<String> jvmOptions;
    private final Duration startTimeout;
    private final LinkedBlockingDeque<Job<?>> queue = new LinkedBlockingDeque<>();
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    private WorkerPool(Builder b) {
        this.filterPattern = b.filterPattern;
        this.filter = ObjectInputFilter.Config.createFilter(b.filterPattern);
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.startTimeout = b.startTimeout;
        for (int i = 0; i < b.workers; i++) {
            slots.add(new Slot(i + 1));
        }
    }

    /** Starts a pool of {@code workers} worker JVMs with the default options and filter. */
    public static WorkerPool start(int workers) {
        return builder().workers(workers).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for a pool: worker count, extra JVM options, the deserialization filter. */
    public static final class Builder {
        private int workers = Runtime.getRuntime().availableProcessors();
        private final List<String> jvmOptions = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xshare:auto"));
        private String filterPattern = DEFAULT_FILTER;
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        public Builder workers(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("a pool needs at least one worker, got " + value);
            }
            this.workers = value;
            return this;
        }

        /** Adds options for every worker JVM, e.g. {@code -Xmx256m}. */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /**
         * The {@link ObjectInputFilter} pattern used on both ends (tasks in the worker, results in
         * the parent); see {@link ObjectInputFilter.Config#createFilter}. End it with {@code !*}.
         */
        public Builder filter(String pattern) {
            ObjectInputFilter.Config.createFilter(pattern); // fail fast on a malformed pattern
            this.filterPattern = pattern;
            return this;
        }

        /** How long one worker may take to start and say hello (default 60 s). */
        public Builder startTimeout(Duration value) {
            this.startTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** Starts the workers (in parallel) and returns when all are ready. */
        public WorkerPool start() {
            var pool = new WorkerPool(this);
            pool.startAll();
            return pool;
        }
    }

    /** A task waiting in the queue or running, with its future and how often it was tried. */
    private static final class Job<T extends Serializable> {
        final long id;
        final byte[] payload;
        final CompletableFuture<T> future = new CompletableFuture<>();
        int attempts;

        Job(long id, byte[] payload) {
            this.id = id;
            this.payload = payload;
        }

        @SuppressWarnings("unchecked")
        void succeed(Object value) {
            future.complete((T) value);
        }
    }

    /** A running worker JVM and the pipes to it. */
    private record Worker(ChildJvm child, long pid, DataOutputStream out, DataInputStream in) {
    }

    /** One worker position: replaced workers take the same slot; one dispatcher thread per slot. */
    private final class Slot {
        final int index;
        final Thread thread;
        final CountDownLatch ready = new CountDownLatch(1);
        volatile Worker worker;
        volatile Exception startFailure;
        volatile Job<?> current;

        Slot(int index) {
            this.index = index;
            this.thread = new Thread(this::dispatch, "worker-pool-" + index);
            thread.setDaemon(true);
        }

        String label() {
            Worker w = worker;
            return "worker " + index + (w == null ? "" : " (pid " + w.pid + ")");
        }

        void dispatch() {
            try {
                worker = startWorker(index);
            } catch (Exception e) {
                startFailure = e;
            } finally {
                ready.countDown();
            }
            if (startFailure != null) {
                return;
            }
            try {
                while (!closed) {
                    Job<?> job;
                    try {
                        job = queue.poll(100, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        break;
                    }
                    if (job == null || job.future.isDone()) {
                        continue;
                    }
                    if (closed) { // taken while close() was emptying the queue
                        job.future.completeExceptionally(new CancellationException("pool closed before task #" + job.id
                                + " ran"));
                        break;
                    }
                    current = job;
                    try {
                        runOn(job);
                    } catch (RuntimeException | Error e) { // a bug here must not leave the task hanging
                        job.future.completeExceptionally(e);
                        LOG.error("worker {} dispatcher failed on task #{}", index, job.id, e);
                    } finally {
                        current = null;
                    }
                }
            } finally {
                stopWorker();
            }
        }

        /** Ends this slot's worker: end of input first, so it exits by itself; destroyed if it lingers. */
        void stopWorker() {
            Worker w = worker;
            if (w == null) {
                return;
            }
            try {
                w.out.close();
                w.child.process().waitFor(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                // already gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                w.child.close();
            }
        }

        private void runOn(Job<?> job) {
            if (worker == null) { // an earlier replacement failed: try again, or fail this task
                try {
                    worker = startWorker(index);
                } catch (Exception e) {
                    job.future.completeExceptionally(new WorkerDiedException("could not start a replacement for worker "
                            + index + " to run task #" + job.id + ": " + e.getMessage(), -1, -1));
                    return;
                }
            }
            Worker w = worker;
            job.attempts++;
            try {
                Wire.writeFrame(w.out, job.id, job.payload);
                long id = w.in.readLong();
                byte status = w.in.readByte();
                byte[] reply = Wire.readPayload(w.in);
                if (id != job.id || (status != Wire.OK && status != Wire.FAILED)) {
                    throw new IOException("garbage on the pipe: expected a reply to task #" + job.id + ", got id " + id
                            + " status " + status);
                }
                if (status == Wire.OK) {
                    complete(job, w, reply);
                } else {
                    var f = Wire.decodeFailure(reply);
                    job.future.completeExceptionally(new RemoteTaskException(
                            "task #" + job.id + " failed in worker " + index + " (pid " + w.pid + ")",
                            f.type(), f.message(), f.stackTrace(), w.pid));
                }
            } catch (IOException e) {
                workerLost(job, w, e);
            }
        }

        private void complete(Job<?> job, Worker w, byte[] reply) {
            try {
                job.succeed(Wire.deserialize(reply, filter));
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                job.future.completeExceptionally(new RemoteTaskException("the result of task #" + job.id + " from worker "
                        + index + " (pid " + w.pid + ") could not be read back", e.getClass().getName(), e.getMessage(),
                        "", w.pid));
            }
        }

        private void workerLost(Job<?> job, Worker w, IOException cause) {
            int exit = exitStatusOf(w.child);
            String stderr = tail(w.child.stderr());
            String what = "worker " + index + " (pid " + w.pid + ") "
                    + (exit == -1 ? "stopped answering (" + cause.getMessage() + ")" : "died with exit status " + exit
                    + describe(exit)) + " while running task #" + job.id + stderr;
            w.child.close();
            worker = null;
            if (closed) {
                job.future.completeExceptionally(new CancellationException("pool closed while task #" + job.id
                        + " ran in worker " + index));
                return;
            }
            if (job.attempts < 2) {
                LOG.warn("{}; retrying it on a fresh worker", what);
                queue.addFirst(job);
            } else {
                job.future.completeExceptionally(new WorkerDiedException(what + "; it had been retried once, giving up",
                        w.pid, exit));
            }
            try {
                worker = startWorker(index);
            } catch (Exception e) {
                LOG.warn("could not replace worker {}: {}", index, e.getMessage());
            }
        }
    }

    private void startAll() {
        slots.forEach(s -> s.thread.start());
        try {
            for (Slot s : slots) {
                if (!s.ready.await(startTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("worker " + s.index + " did not start within " + startTimeout);
                }
                if (s.startFailure != null) {
                    throw new IllegalStateException("could not start worker " + s.index + ": " + s.startFailure.getMessage(),
                            s.startFailure);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting the pool", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Worker startWorker(int index) throws IOException, InterruptedException {
        ChildJvm child = JvmLauncher.forMain(PoolWorker.class).name("pool-worker-" + index)
                .jvmOptions(PROTOCOL_OPTIONS.toArray(String[]::new))
                .jvmOptions(jvmOptions.toArray(String[]::new))
                .args(filterPattern)
                .stdout(JvmLauncher.Output.PIPE)
                .onStderrLine(line -> LOG.debug("pool-worker-{}: {}", index, line))
                .start();
        try {
            var in = new DataInputStream(new BufferedInputStream(child.process().getInputStream(), 1 << 16));
            var out = new DataOutputStream(new BufferedOutputStream(child.stdin(), 1 << 16));
            var hello = CompletableFuture.supplyAsync(() -> {
                try {
                    int magic = in.readInt();
                    if (magic != Wire.MAGIC) {
                        throw new IOException(String.format("garbage on the pipe: expected the worker's hello 0x%08X, got 0x%08X",
                                Wire.MAGIC, magic));
                    }
                    return in.readLong();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> Thread.ofPlatform().daemon().name("pool-hello-" + index).start(r));
            long pid;
            try {
                pid = hello.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                int exit = exitStatusOf(child);
                throw new IOException("worker " + index + " (pid " + child.pid() + ") failed to start"
                        + (exit == -1 ? "" : ", exit status " + exit + describe(exit)) + ": "
                        + e.getCause().getMessage() + tail(child.stderr()), e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IOException("worker " + index + " (pid " + child.pid() + ") did not say hello within " + startTimeout);
            }
            LOG.debug("worker {} ready, pid {}", index, pid);
            return new Worker(child, pid, out, in);
        } catch (IOException | InterruptedException | RuntimeException e) {
            child.close();
            throw e;
        }
    }

    /** The exit status, once the child has exited and its stderr has been read to the end (for {@link #tail}); -1 if it runs on. */
    private static int exitStatusOf(ChildJvm child) {
        try {
            return child.waitFor(Duration.ofSeconds(2)).exitCode();
        } catch (java.util.concurrent.TimeoutException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String describe(int exit) {
        if (exit > 128 && exit < 160) {
            return " (killed by signal " + (exit - 128) + ")";
        }
        return "";
    }

    private static String tail(String stderr) {
        var lines = stderr.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        return "; its stderr ends: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    /**
     * Queues a task; the future completes with its result, or exceptionally with a
     * {@link RemoteTaskException} (the task threw), a {@link WorkerDiedException} (it killed its
     * worker twice), an {@link IllegalArgumentException} (the task could not be serialized) or a
     * {@link CancellationException} (the pool closed first).
     *
     * @throws RejectedExecutionException when the pool is closed
     */
    public <T extends Serializable> CompletableFuture<T> submit(RemoteTask<T> task) {
        Objects.requireNonNull(task, "task");
        if (closed) {
            throw new RejectedExecutionException("the pool is closed");
        }
        long id = ids.incrementAndGet();
        byte[] payload;
        try {
            payload = Wire.serialize(task);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "task #" + id + " (" + task.getClass().getName() + ") cannot be serialized: " + e, e));
        }
        var job = new Job<T>(id, payload);
        queue.add(job);
        if (closed) { // close() raced with us: make sure the job does not sit in the queue forever
            failQueued();
        }
        return job.future;
    }

    /**
     * Runs every task in the pool and returns their results in input order (Python's
     * {@code Pool.map}). If a task failed, throws its failure (after all tasks finished).
     */
    public <T extends Serializable> List<T> map(List<? extends RemoteTask<T>> tasks) {
        List<CompletableFuture<T>> futures = new ArrayList<>(tasks.size());
        for (RemoteTask<T> t : tasks) {
            futures.add(submit(t));
        }
        List<T> results = new ArrayList<>(tasks.size());
        RuntimeException first = null;
        for (var f : futures) {
            try {
                results.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(false));
                throw new CancellationException("interrupted while waiting for map results");
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
                results.add(null);
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }

    /** The number of worker slots. */
    public int size() {
        return slots.size();
    }

    /** The pids of the worker JVMs running now (a replaced worker has a new pid). */
    public Set<Long> workerPids() {
        Set<Long> pids = new LinkedHashSet<>();
        for (Slot s : slots) {
            Worker w = s.worker;
            if (w != null && w.child.isAlive()) {
                pids.add(w.pid);
            }
        }
        return pids;
    }

    private void failQueued() {
        Job<?> job;
        while ((job = queue.poll()) != null) {
            job.future.completeExceptionally(new CancellationException("pool closed before task #" + job.id + " ran"));
        }
    }

    /**
     * Stops every worker: queued tasks fail with {@link CancellationException}, each worker's input
     * is closed (it finishes the task in hand and exits), and any worker still running after a
     * grace period is destroyed. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        failQueued();
        for (Slot s : slots) {
            Worker w = s.worker;
            if (w != null) {
                try {
                    w.out.close();
                } catch (IOException e) {
                    // the worker is gone already
                }
            }
        }
        long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
        for (Slot s : slots) {
            try {
                s.thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Slot s : slots) {
            Worker w = s.worker;
            if (w != null) {
                try {
                    w.child.process().waitFor(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                            TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                w.child.close();
            }
            Job<?> running = s.current;
            if (running != null) {
                running.future.completeExceptionally(new CancellationException("pool closed while task #" + running.id
                        + " ran in worker " + s.index));
            }
        }
        for (Slot s : slots) {
            s.thread.interrupt();
        }
        for (Slot s : slots) {
            try {
                s.thread.join(CLOSE_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failQueued();
    }
}
