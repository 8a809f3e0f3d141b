package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.measure.Clock;
import org.parallelcookbook.core.measure.CustomBenchmark;
import org.parallelcookbook.core.measure.Progress;

@Timeout(180)
class OpenClCpuVsGpuTest {

    @Test
    void deviceAndCpuAgreeAndTheProfilingEventIsOrdered() throws Exception {
        var r = OpenClCpuVsGpu.compare(2_000, 50, 7, Clock.system());
        System.out.println(r.device());
        assertTrue(r.relativeError() < 1e-5, "norm " + r.relativeError());
        assertTrue(r.endNs() >= r.startNs());
        assertTrue(r.kernelSeconds() >= 0);
        float[] book = OpenClCpuVsGpu.bookLoop(new float[] {1, 2}, new float[] {3, 4}, 5);
        assertEquals(4f, book[0]);
        assertEquals(30f, OpenClCpuVsGpu.cpuReference(new float[] {1}, new float[] {2}, 10)[0]);
    }

    @Test
    void theBenchmarkMeasuresEveryVariantAndChecksItsResult() throws Exception {
        // 20 is not a multiple of the 16x16 tile: the padded grid and the guards are exercised
        var bench = new GpuComparison(new GpuComparison.Config(20, 1000, 4));
        var report = bench.run(new CustomBenchmark.Options(List.of(), 0, 1), Progress.none());
        System.out.println(report.title());
        report.rows().forEach(System.out::println);
        boolean cuda = org.parallelcookbook.gpu.cuda.CudaSupport.unavailable(org.parallelcookbook.gpu.cuda.CudaSupport.Library.NVRTC) == null;
        assertEquals(17 + (cuda ? 5 : 0), report.rows().size());
        assertEquals("GFLOP/s", report.chartColumn());
        int gflops = report.columns().indexOf("GFLOP/s");
        for (var row : report.rows()) {
            assertTrue(((Double) row.get(gflops)) > 0, row.toString());
        }
        assertNotNull(report.figures().get("tiledOverNaiveKernel"));
        var names = report.rows().stream().map(r -> r.get(0)).toList();
        for (String step : List.of(OpenClMatMulLadder.NAIVE, OpenClMatMulLadder.TILED, OpenClMatMulLadder.REGISTERS,
                OpenClMatMulLadder.VECTORS, OpenClMatMulLadder.LOCAL)) {
            assertTrue(names.contains("matmul OpenCL " + step), names.toString());
        }
        assertTrue(names.contains("matmul Aparapi tiled"), names.toString());
        for (String java : List.of(GpuComparison.MM_JAVA_CACHE, GpuComparison.MM_JAVA_REGISTERS, GpuComparison.MM_JAVA_VECTOR)) {
            assertTrue(names.contains(java), names.toString());
        }
        assertTrue((Double) report.figures().get("bestJavaMatmulOverParallelStreams") > 0);
        int changes = report.columns().indexOf("what this row changes");
        report.rows().forEach(r -> assertTrue(!((String) r.get(changes)).isBlank(), r.toString()));
        int gbs = report.columns().indexOf("GB/s");
        assertTrue(((Double) report.rows().stream().filter(r -> r.get(0).equals("element-wise OpenCL, 1 addition"))
                .findFirst().orElseThrow().get(gbs)) > 0);
        assertNotNull(report.figures().get("localTileSearch"));
    }

    @Test
    void theRecipeTimesEachPartWithTheClockItIsGivenAndTheDeviceAgreesBitForBit() throws Exception {
        // a fake clock whose steps grow by 1 ms at every reading: 1, 3, 6, 10, 15, 21 ms, so the three
        // timed parts (CPU loop, the book's loop, the device round trip) take 2, 4 and 6 ms
        var step = new AtomicLong();
        var now = new AtomicLong();
        var r = OpenClCpuVsGpu.compare(300, 7, 11, () -> now.addAndGet(step.addAndGet(1_000_000)));
        assertEquals(0.002, r.cpuSeconds(), 1e-12);
        assertEquals(0.004, r.bookLoopSeconds(), 1e-12);
        assertEquals(0.006, r.totalSeconds(), 1e-12);
        assertEquals(300, r.n());
        assertEquals(7, r.repeat());
        float[] a = HostArrays.randomFloats(300, 11);
        float[] b = HostArrays.randomFloats(300, 12);
        assertArrayEquals(OpenClCpuVsGpu.cpuReference(a, b, 7), r.cpu());
        assertArrayEquals(r.cpu(), r.gpu(), "the kernel does the same float additions in the same order");
        assertTrue(r.device().startsWith("device: "), r.device());
    }

    @Test
    void theNormAndTheKernelTimeAreWhatTheirFormulasSay() {
        // |(1,2) - (1,1)| / |(1,1)| = 1 / sqrt(2)
        assertEquals(Math.sqrt(0.5), OpenClCpuVsGpu.relativeNorm(new float[] {1, 2}, new float[] {1, 1}), 1e-12);
        // a zero reference: the absolute norm
        assertEquals(5.0, OpenClCpuVsGpu.relativeNorm(new float[] {3, 4}, new float[] {0, 0}), 1e-12);
        assertEquals(0.0, OpenClCpuVsGpu.relativeNorm(new float[] {2, -1}, new float[] {2, -1}));
        var r = new OpenClCpuVsGpu.Result("d", 1, 1, new float[] {1, 2}, new float[] {1, 1}, 0, 0, 1_000L, 2_501_000L, 0);
        assertEquals(0.0025, r.kernelSeconds(), 1e-15);
        // the device's (1,1) against the CPU's (1,2): |(0,1)| / |(1,2)| = 1 / sqrt(5)
        assertEquals(Math.sqrt(0.2), r.relativeError(), 1e-12);
    }
}
