package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parallelcookbook.gpu.cuda.CudaContext;
import org.parallelcookbook.gpu.kernel.MatMulKernels;

/** The CUDA twins of the kernel ladder against the CPU reference (needs an NVIDIA GPU with NVRTC 12). */
@Timeout(120)
class CudaMatMulLadderTest {

    @ParameterizedTest
    @ValueSource(ints = {1024, 1000, 1023, 17, 1})
    void everyCudaStepAgreesWithTheCpuReference(int n) {
        CudaAssume.assumeNvrtc();
        float[] a = HostArrays.randomFloats(n * n, n);
        float[] b = HostArrays.randomFloats(n * n, n + 1);
        float[] ref = MatMulKernels.reference(a, b, n);
        List<String> bad = new ArrayList<>();
        try (var cuda = CudaContext.open(null); var ladder = CudaMatMulLadder.build(cuda)) {
            assertEquals(5, ladder.steps().size());
            for (var step : ladder.steps()) {
                double err = MatMulKernels.maxRelativeError(ladder.multiply(step, a, b, n), ref);
                if (!(err < 1e-4)) {
                    bad.add(step.label() + " (" + step.kernelName() + "): " + err);
                }
            }
        }
        assertTrue(bad.isEmpty(), "n = " + n + ": " + bad);
    }

    @Test
    void theSharedTileFitsHalfTheSharedMemory() {
        var b = CudaMatMulLadder.localBlocking(48 << 10);
        assertTrue(b.localBytes() <= 24 << 10, b.describe());
        assertEquals(512, b.kTile());
        assertEquals(16, CudaMatMulLadder.localBlocking(512).kTile());
        long[] g = b.global(1000);
        int[][] shape = CudaMatMulLadder.shape(new CudaMatMulLadder.Step("local tile", b, null), 1000);
        assertEquals(g[0], shape[0][0]);
        assertEquals(g[1], (long) shape[0][1] * shape[1][1]);
    }
}
