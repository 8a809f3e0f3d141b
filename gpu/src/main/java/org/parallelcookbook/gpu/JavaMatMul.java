package org.parallelcookbook.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The plain-Java baselines of the chapter's matrix multiply, each one step further towards what a
 * CPU wants, so that the benchmark table shows what the CPU itself does from Java next to what
 * OpenCL does on it. All take row-major n×n float matrices and return a new C = A·B; all run on
 * their own worker threads (started for the call, joined before it returns; never the common
 * fork/join pool), which take tasks of rows of C from a shared counter.
 *
 * <ol>
 *   <li>{@link #cacheBlocked}: rows of C in chunks of {@value #ROWS}, k in blocks of
 *       {@value #K_BLOCK} so that the rows of B in use stay in L2 while the whole chunk uses them;
 *       the inner loop is the i-k-j loop ({@code c[i][j] += a[i][k] * b[k][j]} over j). It is no
 *       faster than parallel streams: the loop reads and writes a row of C for every single
 *       multiply-add, and that, not the cache, is its limit.</li>
 *   <li>{@link #registerBlocked}: the same cache blocks (k in blocks of {@value #KC}, j in blocks of
 *       {@value #JT}), and four rows of B per pass of the inner loop:
 *       {@code c[j] += a0*b0[j] + a1*b1[j] + a2*b2[j] + a3*b3[j]}, so each load and store of C
 *       carries four multiply-adds instead of one. B is first copied into one array per row, and C
 *       is computed in one array per row: HotSpot's C2 vectorises the loop (superword) only
 *       when every access is {@code array[j]} of a distinct array; four reads of one array at four
 *       offsets, or four rows of C in one array, stay scalar (measured while writing it: about 8
 *       times slower). Eight rows of B per pass stay scalar too.</li>
 *   <li>{@link #vector}: the Vector API ({@code jdk.incubator.vector}, see {@code VectorMatMul}),
 *       a block of C held in vector registers across the whole k loop, as the OpenCL
 *       <em>vectors</em> rung does. It needs the incubator module resolved at start-up
 *       ({@code --add-modules jdk.incubator.vector}, kept in {@code config/jvm-vector.options},
 *       which {@code ./cookbook bench} and the gpu module's tests add); without it
 *       {@link #vectorUnavailable()} says why and {@link #vector} throws.</li>
 * </ol>
 */
public final class JavaMatMul {

    /** Rows of C per task of {@link #cacheBlocked}. */
    public static final int ROWS = 16;
    /** Rows of B per cache block of {@link #cacheBlocked}. */
    public static final int K_BLOCK = 128;
    /** Rows of C per task of {@link #registerBlocked}. */
    public static final int TASK_ROWS = 16;
    /** k per cache block of {@link #registerBlocked}: the block of B is {@value #KC} × {@value #JT} floats (512 KiB, L2). */
    public static final int KC = 256;
    /** j per cache block of {@link #registerBlocked}: a row of C's block is {@value #JT} floats (2 KiB, L1). */
    public static final int JT = 512;
    /** Rows of B per pass of the inner loop of {@link #registerBlocked}. */
    public static final int K_UNROLL = 4;

    /** The incubator module of the Vector API. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** What the row of {@link #cacheBlocked} changes, for the benchmark table. */
    public static final String CACHE_BLOCKED_CHANGE = "cache blocking only: chunks of " + ROWS + " rows of C per task, k in"
            + " blocks of " + K_BLOCK + " so the rows of B in use stay in L2; still one load and store of C per multiply-add";
    /** What the row of {@link #registerBlocked} changes, for the benchmark table. */
    public static final String REGISTER_BLOCKED_CHANGE = "B copied into one array per row; the C2-vectorised inner loop adds "
            + K_UNROLL + " rows of B at once (4 multiply-adds per load and store of C), on " + KC + " x " + JT
            + " blocks of B that stay in L2";

    private JavaMatMul() {
    }

    /** The worker count the variants use by default: the JVM's available processors. */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** {@link #cacheBlocked(float[], float[], int, int)} on {@link #defaultWorkers()} threads. */
    public static float[] cacheBlocked(float[] a, float[] b, int n) {
        return cacheBlocked(a, b, n, defaultWorkers());
    }

    /** C = A·B with cache blocking only, on {@code workers} threads. */
    public static float[] cacheBlocked(float[] a, float[] b, int n, int workers) {
        check(a, b, n);
        float[] c = new float[n * n];
        inParallel((n + ROWS - 1) / ROWS, workers, t -> cacheChunk(a, b, c, n, t * ROWS, Math.min(n, (t + 1) * ROWS)));
        return c;
    }

    private static void cacheChunk(float[] a, float[] b, float[] c, int n, int from, int to) {
        for (int k0 = 0; k0 < n; k0 += K_BLOCK) {
            int k1 = Math.min(n, k0 + K_BLOCK);
            for (int i = from; i < to; i++) {
                int row = i * n;
                for (int k = k0; k < k1; k++) {
                    float aik = a[row + k];
                    int bk = k * n;
                    for (int j = 0; j < n; j++) {
                        c[row + j] += aik * b[bk + j];
                    }
                }
            }
        }
    }

    /** {@link #registerBlocked(float[], float[], int, int)} on {@link #defaultWorkers()} threads. */
    public static float[] registerBlocked(float[] a, float[] b, int n) {
        return registerBlocked(a, b, n, defaultWorkers());
    }

    /** C = A·B cache-blocked with {@value #K_UNROLL} rows of B per pass of the vectorised inner loop, on {@code workers} threads. */
    public static float[] registerBlocked(float[] a, float[] b, int n, int workers) {
        check(a, b, n);
        float[][] rowsOfB = new float[n][];
        for (int k = 0; k < n; k++) {
            rowsOfB[k] = new float[n];
            System.arraycopy(b, k * n, rowsOfB[k], 0, n);
        }
        float[] c = new float[n * n];
        inParallel((n + TASK_ROWS - 1) / TASK_ROWS, workers, t -> {
            int from = t * TASK_ROWS;
            int to = Math.min(n, from + TASK_ROWS);
            float[][] rowsOfC = new float[to - from][n];
            registerTask(a, rowsOfB, rowsOfC, n, from, to);
            for (int i = from; i < to; i++) {
                System.arraycopy(rowsOfC[i - from], 0, c, i * n, n);
            }
        });
        return c;
    }

    private static void registerTask(float[] a, float[][] rowsOfB, float[][] rowsOfC, int n, int from, int to) {
        for (int k0 = 0; k0 < n; k0 += KC) {
            int k1 = Math.min(n, k0 + KC);
            for (int j0 = 0; j0 < n; j0 += JT) {
                int j1 = Math.min(n, j0 + JT);
                for (int i = from; i < to; i++) {
                    int ai = i * n;
                    float[] c = rowsOfC[i - from];
                    int k = k0;
                    for (; k + K_UNROLL <= k1; k += K_UNROLL) {
                        float a0 = a[ai + k];
                        float a1 = a[ai + k + 1];
                        float a2 = a[ai + k + 2];
                        float a3 = a[ai + k + 3];
                        float[] b0 = rowsOfB[k];
                        float[] b1 = rowsOfB[k + 1];
                        float[] b2 = rowsOfB[k + 2];
                        float[] b3 = rowsOfB[k + 3];
                        for (int j = j0; j < j1; j++) {
                            c[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
                        }
                    }
                    for (; k < k1; k++) {
                        float a0 = a[ai + k];
                        float[] b0 = rowsOfB[k];
                        for (int j = j0; j < j1; j++) {
                            c[j] += a0 * b0[j];
                        }
                    }
                }
            }
        }
    }

    /**
     * Why the Vector API variant cannot run in this JVM, or null when it can: the module
     * {@value #VECTOR_MODULE} must be in the boot layer (resolved with {@code --add-modules}); the
     * answer says whether the runtime lacks the module or the JVM was started without it.
     */
    public static String vectorUnavailable() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            return null;
        }
        if (java.lang.module.ModuleFinder.ofSystem().find(VECTOR_MODULE).isEmpty()) {
            return "not measured: this Java runtime has no module " + VECTOR_MODULE;
        }
        return "not measured: this JVM was started without --add-modules " + VECTOR_MODULE
                + " (config/jvm-vector.options; ./cookbook bench adds it)";
    }

    /** What the Vector API row changes, for the benchmark table (or why it is missing). */
    public static String vectorChange() {
        String why = vectorUnavailable();
        return why != null ? why : VectorMatMul.describe();
    }

    /** {@link #vector(float[], float[], int, int)} on {@link #defaultWorkers()} threads. */
    public static float[] vector(float[] a, float[] b, int n) {
        return vector(a, b, n, defaultWorkers());
    }

    /**
     * C = A·B with the Vector API: a block of C in vector registers across k, one fma per vector.
     *
     * @throws UnsupportedOperationException when {@link #vectorUnavailable()} is not null
     */
    public static float[] vector(float[] a, float[] b, int n, int workers) {
        String why = vectorUnavailable();
        if (why != null) {
            throw new UnsupportedOperationException(why);
        }
        check(a, b, n);
        // VectorMatMul is the only class that names jdk.incubator.vector; it is loaded here, after the check
        return VectorMatMul.multiply(a, b, n, workers);
    }

    private static void check(float[] a, float[] b, int n) {
        if (n < 1 || a.length != n * n || b.length != n * n) {
            throw new IllegalArgumentException("A and B must be n x n with n >= 1, got n = " + n);
        }
    }

    /**
     * Runs {@code task} for 0 .. tasks-1 on {@code workers} threads: the caller and workers - 1
     * threads started here, each taking the next task from a shared counter until none is left;
     * returns when all have ended. The first exception a task throws is rethrown here, after every
     * thread has stopped.
     */
    static void inParallel(int tasks, int workers, IntConsumer task) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable body = () -> {
            try {
                for (int t = next.getAndIncrement(); t < tasks && failure.get() == null; t = next.getAndIncrement()) {
                    task.accept(t);
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        };
        int threads = Math.min(workers, tasks) - 1;
        List<Thread> started = new ArrayList<>();
        try {
            for (int w = 0; w < threads; w++) {
                Thread th = new Thread(body, "matmul-worker-" + (w + 1));
                th.setDaemon(true);
                th.start();
                started.add(th);
            }
            body.run();
        } finally {
            boolean interrupted = false;
            for (Thread th : started) {
                while (true) {
                    try {
                        th.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
    }
}
