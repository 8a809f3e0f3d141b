package org.parallelcookbook.examples.mandelbrot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parallelcookbook.core.measure.Progress;
import org.parallelcookbook.distributed.Cluster;
import org.parallelcookbook.distributed.HazelcastSetup;
import org.parallelcookbook.distributed.HazelcastSetup.MemberOptions;
import org.parallelcookbook.gpu.cuda.CudaSupport;

@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MandelbrotModelsTest {

    static final MandelbrotSpec SMALL = MandelbrotSpec.classic(61, 47, 200);

    @Test
    void knownPoints() {
        assertEquals(500, MandelbrotSpec.escape(0, 0, 500), "0 is in the set");
        assertEquals(500, MandelbrotSpec.escape(-1, 0, 500), "-1 is in the set (period 2)");
        assertEquals(1, MandelbrotSpec.escape(2.5, 0, 500), "leaves after one step");
        assertEquals(3, MandelbrotSpec.escape(1, 0, 500), "0, 1, 2, 5: leaves on the third step");
    }

    @Test
    void everyAvailableModelProducesExactlyTheSequentialCounts() throws Exception {
        int[] reference = new ThreadModels.Sequential().render(SMALL, 1);
        int checked = 0;
        for (Supplier<MandelbrotModel> supplier : MandelbrotComparison.allModels()) {
            try (MandelbrotModel model = supplier.get()) {
                if (model.unavailableReason() != null) {
                    System.out.println("skipped " + model.name() + ": " + model.unavailableReason());
                    continue;
                }
                for (int workers : new int[] {1, 3}) {
                    model.start(workers);
                    assertArrayEquals(reference, model.render(SMALL, workers), model.name() + " with " + workers + " workers");
                    model.close();
                    assertNothingLeftRunning(model.name());
                }
                checked++;
            }
        }
        // 5 thread models, worker-pool, mpi, hazelcast, opencl (PoCL) and aparapi; cuda needs a GPU;
        // mpi exists only in a cookbook built with MPJ Express
        int expected = (CudaSupport.available() ? 11 : 10) - (MandelbrotComparison.mpiModelBuilt() ? 0 : 1);
        assertEquals(expected, checked, "every model that can run here ran");
    }

    /** After close(): no worker JVM, rank JVM or MPJRun of this JVM alive, no Hazelcast member running. */
    static void assertNothingLeftRunning(String model) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<ProcessHandle> alive = List.of();
        while (System.nanoTime() < deadline) {
            alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
            if (alive.isEmpty()) {
                break;
            }
            alive.getFirst().onExit().completeOnTimeout(null, 200, TimeUnit.MILLISECONDS).join();
        }
        assertEquals(List.of(), alive.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList(),
                "processes left running after " + model + ".close()");
        assertEquals(Set.of(), Hazelcast.getAllHazelcastInstances(), "members left running after " + model + ".close()");
    }

    @Test
    void rowBlocksCoverTheGridOnceInOrder() {
        var blocks = RowBlock.split(SMALL, 8);
        assertEquals(6, blocks.size(), "47 rows in blocks of 8");
        assertEquals(0, blocks.getFirst().from());
        assertEquals(47, blocks.getLast().to());
        for (int i = 1; i < blocks.size(); i++) {
            assertEquals(blocks.get(i - 1).to(), blocks.get(i).from());
        }
        int[] grid = new int[SMALL.pixels()];
        blocks.forEach(b -> b.place(b.call(), grid));
        assertArrayEquals(new ThreadModels.Sequential().render(SMALL, 1), grid);
        assertEquals(16, RowBlock.rowsPerBlock(MandelbrotSpec.classic(10, 1024, 10), 2, 4), "at most 16 rows");
        assertEquals(8, RowBlock.rowsPerBlock(MandelbrotSpec.classic(10, 64, 10), 4, 4), "at least 8 rows");
    }

    @Test
    void trustedPrefixesMustNameAWholePackage() {
        assertThrows(IllegalArgumentException.class, () -> MemberOptions.loopback("x").withTrustedPrefixes("org."));
        assertThrows(IllegalArgumentException.class, () -> MemberOptions.loopback("x").withTrustedPrefixes(""));
        assertThrows(IllegalArgumentException.class, () -> MemberOptions.loopback("x").withTrustedPrefixes("org.example"));
        assertEquals(List.of("org.parallelcookbook.examples.mandelbrot."), MemberOptions.loopback("x")
                .withTrustedPrefixes(HazelcastMandelbrot.TASK_PACKAGE).trustedPrefixes());
    }

    /** Without the trusted prefix, a member refuses to deserialize the model's task: the filter is real. */
    @Test
    void membersThatDoNotTrustThePackageRefuseTheTask() throws Exception {
        var options = MemberOptions.loopback(HazelcastSetup.freshClusterName()).withExecutorThreads(1);
        try (var cluster = Cluster.embedded(options, 2)) {
            var other = cluster.memberList().stream().filter(m -> !m.localMember()).findFirst().orElseThrow();
            var future = cluster.executor().submitToMember(RowBlock.of(SMALL, 0, 8), other);
            var e = assertThrows(ExecutionException.class, () -> future.get(60, TimeUnit.SECONDS));
            assertTrue(String.valueOf(e.getCause()).contains(RowBlock.class.getName()), String.valueOf(e.getCause()));
        }
        assertNothingLeftRunning("a cluster without the trusted prefix");
    }

    /**
     * The CUDA kernel compiles with nvcc where nvcc is installed (no GPU needed), and its PTX holds
     * no double-precision fused multiply-add even though nvcc fuses by default ({@code --fmad=true}).
     */
    @Test
    void cudaKernelCompilesWithoutFusedMultiplyAdd(@TempDir Path dir) throws Exception {
        Path nvcc = Stream.of(Objects.requireNonNullElse(System.getenv("PATH"), "").split(File.pathSeparator), new String[] {
                "/usr/local/cuda/bin"}).flatMap(Stream::of).map(d -> Path.of(d, "nvcc")).filter(Files::isExecutable)
                .findFirst().orElse(null);
        Assumptions.assumeTrue(nvcc != null, "nvcc not installed: the CUDA kernel's source is not compiled here");
        Path cu = Files.writeString(dir.resolve("mandelbrot.cu"), CudaMandelbrot.SOURCE);
        Path ptx = dir.resolve("mandelbrot.ptx");
        Process p = new ProcessBuilder(nvcc.toString(), "-ptx", "--fmad=true", cu.toString(), "-o", ptx.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nvcc finished");
        assertEquals(0, p.exitValue(), "nvcc -ptx failed:\n" + log);
        String code = Files.readString(ptx);
        assertTrue(code.contains(".entry mandelbrot"), "extern \"C\" keeps the kernel's name");
        assertTrue(code.contains("mul.rn.f64") && code.contains("add.rn.f64"), "double precision, round to nearest");
        assertFalse(code.contains("fma.rn.f64"), "no fused multiply-add in:\n" + code);
    }

    @Test
    void comparisonTableMarksEveryModelIdentical() throws Exception {
        var result = MandelbrotComparison.run(SMALL, List.of("sequential", "static-blocks", "dynamic"), 2, 0, 1, Progress.none());
        assertEquals(3, result.rows().size());
        result.rows().forEach(r -> assertEquals("ok", r.status(), r.model()));
        assertEquals(1.0, result.rows().get(0).speedup(), 1e-12);
        assertTrue(MandelbrotComparison.table(result).contains("static-blocks"));
    }

    @Test
    void imageHasTheGridSizeAndTheSetIsBlack() {
        int[] counts = new ThreadModels.Sequential().render(SMALL, 1);
        var img = MandelbrotComparison.image(SMALL, counts);
        assertEquals(61, img.getWidth());
        assertEquals(47, img.getHeight());
        int inside = 0;
        for (int i = 0; i < counts.length; i++) {
            int col = i % SMALL.width();
            int row = i / SMALL.width();
            int rgb = img.getRGB(col, SMALL.height() - 1 - row) & 0xFFFFFF;
            if (counts[i] == SMALL.maxIter()) {
                assertEquals(0, rgb, "points of the set are black");
                inside++;
            }
        }
        assertTrue(inside > 100, "the classic view contains the main cardioid: " + inside);
    }
}
