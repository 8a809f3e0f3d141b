package org.parallelcookbook.gpu;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_WRITE_ONLY;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.parallelcookbook.core.measure.Bootstrap;
import org.parallelcookbook.core.measure.CustomBenchmark;
import org.parallelcookbook.core.measure.Interval;
import org.parallelcookbook.core.measure.Progress;
import org.parallelcookbook.core.measure.Sink;
import org.parallelcookbook.core.measure.Summary;
import org.parallelcookbook.gpu.aparapi.AparapiSupport;
import org.parallelcookbook.gpu.cuda.CudaContext;
import org.parallelcookbook.gpu.cuda.CudaSupport;
import org.parallelcookbook.gpu.aparapi.FloatMatMulKernel;
import org.parallelcookbook.gpu.aparapi.FloatTiledMatMulKernel;
import org.parallelcookbook.gpu.aparapi.RepeatedSumKernel;
import org.parallelcookbook.gpu.kernel.MatMulKernels;
import org.parallelcookbook.gpu.opencl.ClKernel;
import org.parallelcookbook.gpu.opencl.ClProgram;
import org.parallelcookbook.gpu.opencl.OpenClContext;
import org.parallelcookbook.gpu.opencl.OpenClDevices;

/**
 * The benchmark behind {@code ./cookbook bench ch6.opencl-test}: the book's element-wise workload
 * (each element's sum added {@code repeat} times) and an n×n float matrix multiply (the kernel
 * ladder of {@link OpenClMatMulLadder}), on sequential Java, parallel streams, the blocked Java
 * variants of {@link JavaMatMul} (the Vector API one where the JVM has {@code jdk.incubator.vector};
 * otherwise its row says why it is missing), OpenCL (the device {@link OpenClDevices} chooses) and
 * Aparapi. For each variant: warm-up runs (JIT, kernel
 * compilation), then trials; the median kernel time from OpenCL profiling events and the median
 * end-to-end time (buffers, copies in and out, kernel) from the host clock; GFLOP/s from both.
 * Every variant's result is checked against a CPU reference before it is timed.
 *
 * <p>Sizes: matrix n = 1024, 2<sup>20</sup> elements × 128 repeats, or the system properties
 * {@code cookbook.gpu.bench.n}, {@code cookbook.gpu.bench.elements}, {@code cookbook.gpu.bench.repeat}
 * (environment {@code COOKBOOK_GPU_BENCH_N}, ... ; e.g.
 * {@code COOKBOOK_JAVA_OPTS=-Dcookbook.gpu.bench.n=256 ./cookbook bench ch6.opencl-test}).
 */
public final class GpuComparison implements CustomBenchmark {

    /** Sizes of one run. */
    public record Config(int matrixN, int elements, int repeat) {
        public Config {
            if (matrixN < 1 || elements < 1 || repeat < 1) {
                throw new IllegalArgumentException("sizes must be positive: " + matrixN + ", " + elements + ", " + repeat);
            }
        }

        /** From system properties or environment, else the defaults (1024; 2^20 x 128). */
        public static Config fromEnvironment() {
            return new Config(setting("n", 1024), setting("elements", 1 << 20), setting("repeat", 128));
        }

        private static int setting(String key, int defaultValue) {
            String v = System.getProperty("cookbook.gpu.bench." + key);
            if (v == null) {
                v = System.getenv("COOKBOOK_GPU_BENCH_" + key.toUpperCase(Locale.ROOT));
            }
            if (v == null || v.isBlank()) {
                return defaultValue;
            }
            try {
                return Integer.parseInt(v.strip().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cookbook.gpu.bench." + key + " must be a whole number, got '" + v + "'");
            }
        }
    }

    /**
     * One measured variant; {@code kernel} is null where there is no separate kernel time;
     * {@code totalCi} is the 95 % interval of the end-to-end median; {@code bytes} is what one run
     * must move through memory at least (0 where not reported); {@code change} is the sentence on
     * what this row changes against the one before.
     */
    public record Row(String variant, String device, Summary kernel, Summary total, Interval totalCi, double flops,
                      double bytes, String change) {
        /** A row that could not be measured in this JVM: {@code why} takes the place of the change. */
        static Row unmeasured(String variant, String device, String why) {
            return new Row(variant, device, null, null, null, 0, 0, why);
        }

        /** False for a row that {@link #unmeasured} made. */
        public boolean measured() {
            return total != null;
        }

        /** GFLOP/s over the end-to-end median; NaN for an unmeasured row. */
        public double gflops() {
            return measured() ? flops / total.median() / 1e9 : Double.NaN;
        }

        public Double kernelGflops() {
            return kernel == null ? null : flops / kernel.median() / 1e9;
        }

        /** Memory traffic per second over the kernel time (the total time where there is none); null where not reported. */
        public Double gbPerSecond() {
            return bytes <= 0 || !measured() ? null : bytes / (kernel == null ? total : kernel).median() / 1e9;
        }
    }

    /** All rows plus the device. */
    public record Results(Config config, String openClDevice, List<Row> rows, OpenClMatMulLadder.Limits limits,
                          OpenClMatMulLadder.Search search, String cuda) {
        public Row row(String variant) {
            return rows.stream().filter(r -> r.variant().equals(variant)).findFirst().orElseThrow();
        }
    }

    public static final String MM_NAIVE = "matmul OpenCL " + OpenClMatMulLadder.NAIVE;
    public static final String MM_TILED = "matmul OpenCL " + OpenClMatMulLadder.TILED;
    public static final String MM_LOCAL = "matmul OpenCL " + OpenClMatMulLadder.LOCAL;
    public static final String MM_STREAMS = "matmul parallel streams";
    public static final String MM_JAVA_CACHE = "matmul Java cache-blocked";
    public static final String MM_JAVA_REGISTERS = "matmul Java register-blocked";
    public static final String MM_JAVA_VECTOR = "matmul Java Vector API";

    private final Config config;

    public GpuComparison() {
        this(Config.fromEnvironment());
    }

    public GpuComparison(Config config) {
        this.config = config;
    }

    /** A run that may report a device kernel time (seconds), or NaN. */
    @FunctionalInterface
    private interface Variant {
        double run() throws Exception;
    }

    private static Row time(String name, String device, double flops, int warmup, int trials, Variant v) throws Exception {
        return time(name, device, flops, 0, warmup, trials, v, "");
    }

    private static Row time(String name, String device, double flops, int warmup, int trials, Variant v, String change)
            throws Exception {
        return time(name, device, flops, 0, warmup, trials, v, change);
    }

    private static Row time(String name, String device, double flops, double bytes, int warmup, int trials, Variant v,
                            String change) throws Exception {
        for (int i = 0; i < warmup; i++) {
            Sink.consume(v.run());
        }
        double[] total = new double[trials];
        double[] kernel = new double[trials];
        boolean hasKernel = true;
        for (int i = 0; i < trials; i++) {
            long start = System.nanoTime();
            kernel[i] = v.run();
            total[i] = (System.nanoTime() - start) / 1e9;
            hasKernel &= !Double.isNaN(kernel[i]);
        }
        return new Row(name, device, hasKernel ? Summary.of(kernel) : null, Summary.of(total),
                Bootstrap.seeded(trials).medianOf(total), flops, bytes, change);
    }

    /** Runs every variant. */
    public Results measure(int warmup, int trials, Progress progress) throws Exception {
        int n = config.matrixN();
        int elements = config.elements();
        int repeat = config.repeat();
        double mmFlops = 2.0 * n * n * n;
        double ewFlops = (double) elements * repeat;
        double ewBytes = 3.0 * elements * Float.BYTES;
        float[] ea = HostArrays.randomFloats(elements, 1);
        float[] eb = HostArrays.randomFloats(elements, 2);
        float[] ma = HostArrays.randomFloats(n * n, 3);
        float[] mb = HostArrays.randomFloats(n * n, 4);
        float[] eRef = OpenClCpuVsGpu.cpuReference(ea, eb, repeat);
        float[] mRef = MatMulKernels.reference(ma, mb, n);
        String java1 = "JVM, 1 thread";
        String javaP = "JVM, parallel streams, " + ForkJoinPool.commonPool().getParallelism() + " workers + caller";
        List<Row> rows = new ArrayList<>();
        int total = 17;
        String cudaNote;
        int step = 0;

        try (var cl = OpenClContext.open(OpenClDevices.choose());
             ClProgram ewProgram = cl.build(OpenClCpuVsGpu.SOURCE);
             ClKernel ewKernel = ewProgram.kernel("repeatedSum");
             OpenClMatMulLadder ladder = OpenClMatMulLadder.build(cl, n,
                     line -> progress.update(0, 1, line))) {
            String dev = cl.device().describe();
            var target = AparapiSupport.choose(AparapiSupport.Mode.AUTO);

            // element-wise
            progress.update(step++, total, "element-wise, Java sequential");
            check("element-wise Java", OpenClCpuVsGpu.cpuReference(ea, eb, repeat), eRef);
            rows.add(time("element-wise Java sequential", java1, ewFlops, ewBytes, warmup, trials, () -> {
                Sink.consume(OpenClCpuVsGpu.cpuReference(ea, eb, repeat));
                return Double.NaN;
            }, "the book's CPU loop: " + repeat + " dependent additions per element"));
            progress.update(step++, total, "element-wise, parallel streams");
            check("element-wise streams", parallelRepeatedSum(ea, eb, repeat), eRef);
            rows.add(time("element-wise parallel streams", javaP, ewFlops, ewBytes, warmup, trials, () -> {
                Sink.consume(parallelRepeatedSum(ea, eb, repeat));
                return Double.NaN;
            }, "the same loop over the elements, split across the cores"));
            progress.update(step++, total, "element-wise, OpenCL");
            float[] ec = new float[elements];
            float[] ec1 = new float[elements];
            var bandwidth = elementwiseOpenCl(cl, ewKernel, ea, eb, ec1, 1);
            bandwidth.run();
            check("element-wise OpenCL, 1 addition", ec1, OpenClCpuVsGpu.cpuReference(ea, eb, 1));
            rows.add(time("element-wise OpenCL, 1 addition", dev, elements, ewBytes, warmup, trials, bandwidth,
                    "repeat = 1: 2 loads and 1 store per addition, so this row measures the memory bandwidth the "
                            + "device reaches"));
            Variant ewCl = elementwiseOpenCl(cl, ewKernel, ea, eb, ec, repeat);
            ewCl.run();
            check("element-wise OpenCL", ec, eRef);
            rows.add(time("element-wise OpenCL", dev, ewFlops, ewBytes, warmup, trials, ewCl,
                    "one work item per element, the runtime vectorises across work items"));
            progress.update(step++, total, "element-wise, Aparapi");
            float[] ac = new float[elements];
            var ewAparapi = new RepeatedSumKernel(ea, eb, ac, repeat);
            try {
                AparapiSupport.use(ewAparapi, target.device());
                var ewRange = AparapiSupport.range(target.device(), elements);
                ewAparapi.execute(ewRange);
                check("element-wise Aparapi", ac, eRef);
                String where = "Aparapi: " + AparapiSupport.ranOn(ewAparapi).where();
                rows.add(time("element-wise Aparapi", where, ewFlops, ewBytes, warmup, trials, () -> {
                    ewAparapi.execute(ewRange);
                    return Double.NaN;
                }, "the same kernel written as a Java method; Aparapi translates it to OpenCL"));
            } finally {
                ewAparapi.dispose();
            }

            // matrix multiply
            progress.update(step++, total, "matmul " + n + ", Java sequential");
            check("matmul Java", sequentialMatMul(ma, mb, n), mRef);
            rows.add(time("matmul Java sequential", java1, mmFlops, warmup, trials, () -> {
                Sink.consume(sequentialMatMul(ma, mb, n));
                return Double.NaN;
            }, "i-k-j loops: the inner loop streams rows of B and C, which the JIT vectorises"));
            progress.update(step++, total, "matmul " + n + ", parallel streams");
            check("matmul streams", parallelMatMul(ma, mb, n), mRef);
            rows.add(time(MM_STREAMS, javaP, mmFlops, warmup, trials, () -> {
                Sink.consume(parallelMatMul(ma, mb, n));
                return Double.NaN;
            }, "rows of C split across the cores"));
            int workers = JavaMatMul.defaultWorkers();
            String javaT = "JVM, " + workers + " threads of its own";
            progress.update(step++, total, "matmul " + n + ", Java cache-blocked");
            check(MM_JAVA_CACHE, JavaMatMul.cacheBlocked(ma, mb, n, workers), mRef);
            rows.add(time(MM_JAVA_CACHE, javaT, mmFlops, warmup, trials, () -> {
                Sink.consume(JavaMatMul.cacheBlocked(ma, mb, n, workers));
                return Double.NaN;
            }, JavaMatMul.CACHE_BLOCKED_CHANGE));
            progress.update(step++, total, "matmul " + n + ", Java register-blocked");
            check(MM_JAVA_REGISTERS, JavaMatMul.registerBlocked(ma, mb, n, workers), mRef);
            rows.add(time(MM_JAVA_REGISTERS, javaT, mmFlops, warmup, trials, () -> {
                Sink.consume(JavaMatMul.registerBlocked(ma, mb, n, workers));
                return Double.NaN;
            }, JavaMatMul.REGISTER_BLOCKED_CHANGE));
            progress.update(step++, total, "matmul " + n + ", Java Vector API");
            String noVector = JavaMatMul.vectorUnavailable();
            if (noVector != null) {
                rows.add(Row.unmeasured(MM_JAVA_VECTOR, javaT, noVector));
            } else {
                check(MM_JAVA_VECTOR, JavaMatMul.vector(ma, mb, n, workers), mRef);
                rows.add(time(MM_JAVA_VECTOR, javaT, mmFlops, warmup, trials, () -> {
                    Sink.consume(JavaMatMul.vector(ma, mb, n, workers));
                    return Double.NaN;
                }, JavaMatMul.vectorChange()));
            }
            for (var ladderStep : ladder.steps()) {
                String name = "matmul OpenCL " + ladderStep.label();
                progress.update(step++, total, name + " " + n);
                float[] mc = ladder.multiply(ladderStep, ma, mb, n).c();
                check(name, mc, mRef);
                Variant v = () -> {
                    try (var bufA = cl.buffer(CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, ma);
                         var bufB = cl.buffer(CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, mb);
                         var bufC = cl.buffer(CL_MEM_WRITE_ONLY, (long) n * n * Float.BYTES)) {
                        var run = ladder.launch(ladderStep, n, bufA, bufB, bufC);
                        cl.read(bufC, mc);
                        return run.seconds();
                    }
                };
                rows.add(time(name, dev, mmFlops, warmup, trials, v, ladderStep.change()));
            }
            cudaNote = cudaRows(rows, ma, mb, mRef, n, mmFlops, warmup, trials, progress);
            progress.update(step++, total, "matmul " + n + ", Aparapi");
            float[] amc = new float[n * n];
            var mmAparapi = new FloatMatMulKernel(ma, mb, amc, n);
            try {
                AparapiSupport.use(mmAparapi, target.device());
                var range = AparapiSupport.range2d(target.device(), n, n, MatMulKernels.TILE);
                mmAparapi.execute(range);
                check("matmul Aparapi", amc, mRef);
                String where = "Aparapi: " + AparapiSupport.ranOn(mmAparapi).where();
                rows.add(time("matmul Aparapi naive", where, mmFlops, warmup, trials, () -> {
                    mmAparapi.execute(range);
                    return Double.NaN;
                }, "the naive kernel written as a Java method"));
            } finally {
                mmAparapi.dispose();
            }
            progress.update(step++, total, "matmul " + n + ", Aparapi tiled");
            float[] atc = new float[n * n];
            var tiledAparapi = new FloatTiledMatMulKernel(ma, mb, atc, n);
            try {
                AparapiSupport.use(tiledAparapi, target.device());
                var range = AparapiSupport.range2d(target.device(), n, n, FloatTiledMatMulKernel.TILE);
                tiledAparapi.execute(range);
                check("matmul Aparapi tiled", atc, mRef);
                String where = "Aparapi: " + AparapiSupport.ranOn(tiledAparapi).where();
                rows.add(time("matmul Aparapi tiled", where, mmFlops, warmup, trials, () -> {
                    tiledAparapi.execute(range);
                    return Double.NaN;
                }, "the tiled kernel as far as Aparapi says it: @Local 16x16 tiles of A and B, localBarrier(), "
                        + "local and group ids over 16x16 groups"));
            } finally {
                tiledAparapi.dispose();
            }
            return new Results(config, dev, rows, ladder.limits(), ladder.search(), cudaNote);
        }
    }

    @Override
    public Report run(Options options, Progress progress) throws Exception {
        var results = measure(options.warmup(), options.trials(), progress);
        List<List<Object>> table = new ArrayList<>();
        for (Row r : results.rows()) {
            if (!r.measured()) {
                table.add(List.of(r.variant(), r.device(), "-", "-", "-", "-", "-", "-", r.change()));
                continue;
            }
            table.add(List.of(r.variant(), r.device(),
                    r.kernel() == null ? "-" : (Object) (r.kernel().median() * 1e3),
                    r.total().median() * 1e3,
                    String.format(Locale.ROOT, "[%.3g, %.3g]", r.totalCi().lo() * 1e3, r.totalCi().hi() * 1e3),
                    r.kernelGflops() == null ? "-" : (Object) r.kernelGflops(),
                    r.gflops(),
                    r.gbPerSecond() == null ? "-" : (Object) r.gbPerSecond(),
                    r.change()));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("device", results.openClDevice());
        figures.put("matrixN", config.matrixN());
        figures.put("elements", config.elements());
        figures.put("repeat", config.repeat());
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        figures.put("warmup", options.warmup());
        figures.put("trials", options.trials());
        double tiledOverNaive = results.row(MM_NAIVE).kernel().median() / results.row(MM_TILED).kernel().median();
        figures.put("tiledOverNaiveKernel", tiledOverNaive);
        figures.put("deviceLimits", results.limits().describe());
        figures.put("cuda", results.cuda());
        figures.put("localTileSearch", results.search().describe());
        double best = results.rows().stream().filter(r -> r.variant().startsWith("matmul OpenCL"))
                .mapToDouble(r -> r.kernelGflops()).max().orElse(0);
        figures.put("bestOpenClMatmulKernelGflops", best);
        double streams = results.row(MM_STREAMS).gflops();
        Row bestJava = results.rows().stream().filter(r -> r.variant().startsWith("matmul Java") && r.measured())
                .max(java.util.Comparator.comparingDouble(Row::gflops)).orElseThrow();
        figures.put("bestJavaMatmul", bestJava.variant());
        figures.put("bestJavaMatmulOverParallelStreams", bestJava.gflops() / streams);
        figures.put("javaVectorApi", JavaMatMul.vectorUnavailable() == null ? "measured" : JavaMatMul.vectorUnavailable());
        Row bw = results.row("element-wise OpenCL, 1 addition");
        Row ew = results.row("element-wise OpenCL");
        figures.put("elementwiseBandwidthGBs", bw.gbPerSecond());
        figures.put("elementwiseShareOfBandwidth", ew.gbPerSecond() / bw.gbPerSecond());
        String title = String.format(Locale.ROOT,
                "CPU vs OpenCL vs Aparapi: matmul n = %d, element-wise %,d x %d; best OpenCL kernel %.1f GFLOP/s "
                        + "(tiled %.2fx naive); best Java %.1f GFLOP/s (%.1fx parallel streams)", config.matrixN(),
                config.elements(), config.repeat(), best, tiledOverNaive, bestJava.gflops(), bestJava.gflops() / streams);
        return new Report(title, List.of("variant", "device", "kernel ms", "end-to-end ms", "95 % CI ms", "kernel GFLOP/s",
                "GFLOP/s", "GB/s", "what this row changes"),
                table, figures, "GFLOP/s");
    }

    /**
     * The CUDA twins of the ladder, where NVRTC and a GPU are present: one row per step, kernel time
     * from CUDA events. Returns what happened, in words; a CUDA error ends only the CUDA rows.
     */
    private static String cudaRows(List<Row> rows, float[] ma, float[] mb, float[] ref, int n, double flops, int warmup,
                                   int trials, Progress progress) {
        String why = CudaSupport.unavailable(CudaSupport.Library.NVRTC);
        if (why != null) {
            return "no CUDA rows: " + why;
        }
        try (var cuda = CudaContext.open(null); var ladder = CudaMatMulLadder.build(cuda);
             var da = cuda.copyOf(ma); var db = cuda.copyOf(mb); var dc = cuda.alloc((long) n * n * Float.BYTES)) {
            float[] c = new float[n * n];
            for (var s : ladder.steps()) {
                String name = "matmul CUDA " + s.label();
                progress.update(0, 1, name + " " + n);
                check(name, ladder.multiply(s, ma, mb, n), ref);
                rows.add(time(name, cuda.describe(), flops, warmup, trials, () -> {
                    cuda.write(da, ma);
                    cuda.write(db, mb);
                    double k = ladder.launch(s, n, da, db, dc);
                    cuda.read(dc, c);
                    return k;
                }, "the CUDA twin of the OpenCL row (" + s.kernelName() + ")"));
            }
            return "CUDA rows on " + cuda.describe();
        } catch (RuntimeException | LinkageError e) {
            rows.removeIf(r -> r.variant().startsWith("matmul CUDA"));
            return "CUDA rows failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (Exception e) {
            rows.removeIf(r -> r.variant().startsWith("matmul CUDA"));
            return "CUDA rows failed: " + e;
        }
    }

    private static Variant elementwiseOpenCl(OpenClContext cl, ClKernel kernel, float[] a, float[] b, float[] c,
                                             int repeat) {
        int elements = a.length;
        return () -> {
            try (var bufA = cl.buffer(CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, a);
                 var bufB = cl.buffer(CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, b);
                 var bufC = cl.buffer(CL_MEM_WRITE_ONLY, (long) elements * Float.BYTES)) {
                var run = kernel.args(elements, repeat, bufA, bufB, bufC).launch1d(elements);
                cl.read(bufC, c);
                return run.seconds();
            }
        };
    }

    static float[] parallelRepeatedSum(float[] a, float[] b, int repeat) {
        float[] c = new float[a.length];
        IntStream.range(0, a.length).parallel().forEach(i -> {
            float acc = 0f;
            for (int r = 0; r < repeat; r++) {
                acc += a[i] + b[i];
            }
            c[i] = acc;
        });
        return c;
    }

    /** i-k-j order: the inner loop streams through rows of B and C, which the JIT vectorises. */
    static float[] sequentialMatMul(float[] a, float[] b, int n) {
        float[] c = new float[n * n];
        for (int i = 0; i < n; i++) {
            multiplyRow(a, b, c, n, i);
        }
        return c;
    }

    static float[] parallelMatMul(float[] a, float[] b, int n) {
        float[] c = new float[n * n];
        IntStream.range(0, n).parallel().forEach(i -> multiplyRow(a, b, c, n, i));
        return c;
    }

    private static void multiplyRow(float[] a, float[] b, float[] c, int n, int i) {
        int row = i * n;
        for (int k = 0; k < n; k++) {
            float aik = a[row + k];
            int bk = k * n;
            for (int j = 0; j < n; j++) {
                c[row + j] += aik * b[bk + j];
            }
        }
    }

    private static void check(String what, float[] got, float[] ref) {
        double err = MatMulKernels.maxRelativeError(got, ref);
        if (!(err < 1e-3)) {
            throw new IllegalStateException(what + " disagrees with the CPU reference: max relative error " + err);
        }
    }
}
