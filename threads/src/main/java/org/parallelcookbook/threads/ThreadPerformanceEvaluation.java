package org.parallelcookbook.threads;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.Clock;
import org.parallelcookbook.core.measure.ScalableWorkload;
import org.parallelcookbook.core.measure.Sink;
import org.parallelcookbook.core.report.TextTable;

/**
 * <b>Evaluating the performance of multithread applications</b> (book chapter 2).
 *
 * <p>The book times four functions with {@code timeit}: for N = 1, 2, 4, 8, "non-threaded" calls
 * the function N times in a row and "threaded" starts N threads that call it once each; the best
 * of 100 repeats is reported. The four functions: an empty one; a 10,000-step Fibonacci loop; 1,000
 * reads of 1 KB from a file; 10 fetches of 1 KB of a web page. On CPython (a Core 2 Duo) threads
 * only add overhead to the empty function, are <i>never</i> faster on Fibonacci (the GIL lets one
 * thread run Python code at a time), about twice as fast on the file, and much faster on the web
 * page (the GIL is released while a thread waits for I/O).
 *
 * <p><b>Java vs Python:</b> there is no GIL, so the CPU-bound Fibonacci loop scales with the cores
 * like everything else. The I/O-bound work scales far beyond the cores when it mostly
 * <i>waits</i> (the web fetch: 8 threads are close to 8 times faster on 2 cores), but a "file read"
 * that the page cache answers is really CPU work in the kernel and scales only with the cores. The
 * web page is a {@link HttpServer} on 127.0.0.1 with an artificial delay (20 ms by default), so the
 * recipe measures threads, not the internet.
 *
 * <p>Two ways to measure, and the difference matters:
 * <ul>
 *   <li>{@code main} is the book's harness ({@link #compare}): N calls in a row vs N threads doing one
 *   call each, best of R repeats. The work grows with N (weak scaling).</li>
 *   <li>{@code ./cookbook bench ch2.performance} runs {@link Workloads}, a scaling study: a
 *   <i>fixed</i> amount of each workload split over 1, 2, 4, 8 threads (strong scaling), with
 *   warm-up, medians, speedup and efficiency, and a chart.</li>
 * </ul>
 * Every result goes to {@link Sink}, so the JIT cannot find the Fibonacci numbers unused and delete
 * the loop; the Fibonacci values wrap modulo 2^64 (Python's are big integers) so the work is pure
 * arithmetic without allocation. For microbenchmarks JMH remains the reference.
 *
 * <p><b>Size of the Fibonacci call.</b> The JIT-compiled loop does the book's 10,000 steps in a
 * few microseconds, less than it takes to start a thread, so with that size the harness measures
 * thread start-up, not computing. {@code main} therefore uses 10,000,000 steps per call (a few
 * milliseconds, the order of what CPython needs for the book's 10,000 big-integer steps);
 * {@code --fib-steps 10000} shows the book's size and the start-up cost it exposes.
 *
 * <p>Run: {@code ./cookbook run ch2.performance [--repeats 5] [--delay-ms 20] [--fetches 10] [--fib-steps N]};
 * the study: {@code ./cookbook bench ch2.performance --chart ch2-performance.png}.
 */
@Recipe(id = "ch2.performance", chapter = 2, title = "Evaluating the performance of multithread applications",
        tourArgs = {"--repeats", "2", "--delay-ms", "2", "--fetches", "2", "--fib-steps", "100000"},
        bench = ThreadPerformanceEvaluation.Workloads.class)
public final class ThreadPerformanceEvaluation {

    private ThreadPerformanceEvaluation() {
    }

    /** The book's four workloads, in its order. */
    public static final List<String> WORKLOADS = List.of("empty", "fibonacci", "file", "http");

    /** One call of the book's {@code function_to_run}; returns a value for the {@link Sink}. */
    @FunctionalInterface
    public interface Task {
        long call() throws Exception;
    }

    /** The book's Fibonacci loop: {@code a, b = b, a + b}, {@code steps} times (modulo 2^64). */
    public static long fibonacci(int steps) {
        long a = 0;
        long b = 1;
        for (int i = 0; i < steps; i++) {
            long next = a + b;
            a = b;
            b = next;
        }
        return a;
    }

    /**
     * What the workloads need: a file to read and a loopback web server that answers after a delay.
     * Close it to stop the server and delete the file.
     */
    public static final class Fixture implements AutoCloseable {
        static final int PAGE_BYTES = 1024;
        static final int CHUNK = 1024;

        private final Path dir;
        private final Path file;
        private final int fileBytes;
        private final HttpServer server;
        private final ExecutorService serverThreads;
        private final HttpClient client;
        private final URI uri;

        private Fixture(Path dir, Path file, int fileBytes, HttpServer server, ExecutorService serverThreads,
                        HttpClient client, URI uri) {
            this.dir = dir;
            this.file = file;
            this.fileBytes = fileBytes;
            this.server = server;
            this.serverThreads = serverThreads;
            this.client = client;
            this.uri = uri;
        }

        /** Writes a file of {@code fileBytes} and starts the server with {@code delay} per request. */
        public static Fixture start(Duration delay, int fileBytes) throws IOException {
            Path dir = Files.createTempDirectory("cookbook-ch2-");
            Path file = dir.resolve("test.dat");
            byte[] data = new byte[fileBytes];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31 + 7);
            }
            Files.write(file, data);
            byte[] page = new byte[PAGE_BYTES];
            Arrays.fill(page, (byte) 'x');
            // a virtual thread per request: every request can sleep at once, as a real server's would
            ExecutorService serverThreads = Executors.newVirtualThreadPerTaskExecutor();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            server.setExecutor(serverThreads);
            server.createContext("/", exchange -> {
                try (exchange) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.sendResponseHeaders(200, page.length);
                    try (OutputStream body = exchange.getResponseBody()) {
                        body.write(page);
                    }
                }
            });
            server.start();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/page");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            return new Fixture(dir, file, fileBytes, server, serverThreads, client, uri);
        }

        /** 1,000 reads of 1 KB from the file (wrapping at its end), as the book's function does. */
        public long readFile(int reads) throws IOException {
            long sum = 0;
            var buffer = ByteBuffer.allocate(CHUNK);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long position = 0;
                for (int i = 0; i < reads; i++) {
                    buffer.clear();
                    int n = channel.read(buffer, position);
                    if (n <= 0) {
                        throw new IOException("short read at " + position);
                    }
                    sum += buffer.get(0) + n;
                    position = (position + CHUNK) % fileBytes;
                }
            }
            return sum;
        }

        /** {@code fetches} GET requests, each reading the 1 KB page. */
        public long fetch(int fetches) throws IOException, InterruptedException {
            long bytes = 0;
            var request = HttpRequest.newBuilder(uri).GET().build();
            for (int i = 0; i < fetches; i++) {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode() + " from " + uri);
                }
                bytes += Math.min(response.body().length, PAGE_BYTES);
            }
            return bytes;
        }

        public URI uri() {
            return uri;
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.stop(0);
            serverThreads.close();
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** The book's four functions, one call each: {@code fetches} is the web workload's number of requests per call. */
    public static Task task(String workload, Fixture fixture, int fibSteps, int fileReads, int fetches) {
        return switch (workload) {
            case "empty" -> () -> 0L;
            case "fibonacci" -> () -> fibonacci(fibSteps);
            case "file" -> () -> fixture.readFile(fileReads);
            case "http" -> () -> fixture.fetch(fetches);
            default -> throw new IllegalArgumentException("unknown workload " + workload + "; known: " + WORKLOADS);
        };
    }

    // ---------------------------------------------------------------- the book's harness

    /** "non-threaded": {@code n} calls in a row on the calling thread; returns each call's result. */
    public static long[] sequential(Task task, int n) throws Exception {
        long[] results = new long[n];
        for (int i = 0; i < n; i++) {
            results[i] = task.call();
        }
        return results;
    }

    /** "threaded": {@code n} new threads, each calling the task once, then joined; returns each thread's result. */
    public static long[] threaded(Task task, int n) throws Exception {
        long[] results = new long[n];
        var failure = new AtomicReference<Exception>();
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            int slot = i;
            threads[i] = new Thread(() -> {
                try {
                    results[slot] = task.call();
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "worker-" + i);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return results;
    }

    /** {@code timeit}'s "best of {@code repeats}": the fastest of that many timed runs, in seconds. */
    public static double best(Clock clock, int repeats, Callable<?> run) throws Exception {
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < repeats; r++) {
            long start = clock.nanoTime();
            Sink.consume(run.call());
            long end = clock.nanoTime();
            best = Math.min(best, (end - start) / 1e9);
        }
        return best;
    }

    /** One line of the book's table. */
    public record Row(String workload, int n, double nonThreaded, double threaded) {
        /** How much faster the threads were (above 1: faster). */
        public double speedup() {
            return nonThreaded / threaded;
        }
    }

    /** The book's comparison for one workload: for each N, best non-threaded vs best threaded time. */
    public static List<Row> compare(String workload, Task task, List<Integer> ns, int repeats, Clock clock)
            throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int n : ns) {
            double seq = best(clock, repeats, () -> sequential(task, n));
            double thr = best(clock, repeats, () -> threaded(task, n));
            rows.add(new Row(workload, n, seq, thr));
        }
        return rows;
    }

    // ---------------------------------------------------------------- the scaling study

    /**
     * The benchmark of {@code ./cookbook bench ch2.performance}: each variant does a fixed total of
     * calls, split as evenly as possible over {@code workers} new platform threads (created per run,
     * as the book does). Defaults: empty 1,000 calls; fibonacci 20,000 calls of 10,000 steps; file 64
     * calls of 1,000 reads of 1 KB from a 1 MiB file; http 32 fetches of 1 KB with 20 ms server delay.
     */
    public static final class Workloads implements ScalableWorkload {
        private final Duration delay;
        private final int emptyCalls;
        private final int fibCalls;
        private final int fibSteps;
        private final int fileCalls;
        private final int fileReads;
        private final int fetches;
        private Fixture fixture;

        public Workloads() {
            this(Duration.ofMillis(20), 1_000, 20_000, 10_000, 64, 1_000, 32);
        }

        public Workloads(Duration delay, int emptyCalls, int fibCalls, int fibSteps, int fileCalls, int fileReads,
                         int fetches) {
            this.delay = delay;
            this.emptyCalls = emptyCalls;
            this.fibCalls = fibCalls;
            this.fibSteps = fibSteps;
            this.fileCalls = fileCalls;
            this.fileReads = fileReads;
            this.fetches = fetches;
        }

        @Override
        public String name() {
            return String.format(Locale.ROOT, "ch2 workloads (empty x%d, fibonacci(%d) x%d, file 1 KB x %d x%d, "
                    + "http 1 KB x%d at %d ms)", emptyCalls, fibSteps, fibCalls, fileReads, fileCalls, fetches,
                    delay.toMillis());
        }

        @Override
        public List<String> variants() {
            return WORKLOADS;
        }

        @Override
        public List<Integer> defaultWorkers() {
            return List.of(1, 2, 4, 8);
        }

        @Override
        public void setUp() throws IOException {
            if (fixture == null) {
                fixture = Fixture.start(delay, 1 << 20);
            }
            try {
                // warm the JIT, the thread-start path and the HTTP client's connection pool (8 connections)
                // once, so that the first measured point is not the only cold one
                for (String variant : variants()) {
                    for (int p : List.of(1, 8)) {
                        Sink.consume(run(variant, p));
                    }
                }
            } catch (Exception e) {
                close();
                throw new IOException("warm-up of the ch2 workloads failed: " + e, e);
            }
        }

        /** Total calls of a variant (the same for every worker count). */
        public int calls(String variant) {
            return switch (variant) {
                case "empty" -> emptyCalls;
                case "fibonacci" -> fibCalls;
                case "file" -> fileCalls;
                case "http" -> fetches;
                default -> throw new IllegalArgumentException("unknown variant " + variant + "; known: " + WORKLOADS);
            };
        }

        @Override
        public Object run(String variant, int workers) throws Exception {
            return split(task(variant, fixture, fibSteps, fileReads, 1), calls(variant), workers);
        }

        @Override
        public void close() throws IOException {
            if (fixture != null) {
                fixture.close();
                fixture = null;
            }
        }
    }

    /**
     * Runs {@code total} calls of {@code task} on {@code workers} new threads, worker w taking calls
     * [w * total / workers, (w + 1) * total / workers); returns the sum of all results.
     */
    public static long split(Task task, int total, int workers) throws Exception {
        long[] partial = new long[workers];
        var failure = new AtomicReference<Exception>();
        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            int from = (int) ((long) w * total / workers);
            int to = (int) ((long) (w + 1) * total / workers);
            int slot = w;
            threads[w] = new Thread(() -> {
                try {
                    long sum = 0;
                    for (int i = from; i < to; i++) {
                        sum += task.call();
                    }
                    partial[slot] = sum;
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "worker-" + w);
            threads[w].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return Arrays.stream(partial).sum();
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(ThreadPerformanceEvaluation.class)
                .intOption("--repeats", 5, 1, Integer.MAX_VALUE, "timed repeats of each variant")
                .intOption("--fetches", 10, 1, Integer.MAX_VALUE, "simulated URL fetches of the I/O-bound workload")
                .intOption("--fib-steps", 10_000_000, 1, Integer.MAX_VALUE, "Fibonacci steps of the CPU-bound workload")
                .longOption("--delay-ms", 20, 0, Long.MAX_VALUE, "delay of each simulated fetch, in ms");
        RecipeMain.run(args, options, opt -> {
            int repeats = opt.intValue("--repeats");
            Duration delay = Duration.ofMillis(opt.longValue("--delay-ms"));
            int fetches = opt.intValue("--fetches");
            int fibSteps = opt.intValue("--fib-steps");
            List<Integer> ns = List.of(1, 2, 4, 8);
            System.out.printf(Locale.ROOT, "%d cores, JDK %s; best of %d repeats; fibonacci(%,d); web page: %d fetches, %d ms delay%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), repeats, fibSteps, fetches, delay.toMillis());
            var table = new TextTable("workload", "N", "non-threaded", "threaded", "threaded speed-up");
            try (Fixture fixture = Fixture.start(delay, 1 << 20)) {
                for (String w : WORKLOADS) {
                    Task task = task(w, fixture, fibSteps, 1_000, fetches);
                    for (int warm = 0; warm < 3; warm++) { // warm the JIT and the HTTP connections
                        sequential(task, 8);
                        threaded(task, 8);
                    }
                    for (Row r : compare(w, task, ns, repeats, Clock.system())) {
                        table.row(w, r.n(), RecipeMain.seconds(r.nonThreaded()), RecipeMain.seconds(r.threaded()),
                                String.format(Locale.ROOT, "%.2f", r.speedup()));
                    }
                }
            }
            System.out.print(table.render());
            System.out.println("non-threaded = N calls in a row; threaded = N threads, one call each (the book's timeit harness)");
        });
    }
}
