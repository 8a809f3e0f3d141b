package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parallelcookbook.gpu.kernel.MatMulKernels;
import org.parallelcookbook.gpu.opencl.OpenClContext;
import org.parallelcookbook.gpu.opencl.OpenClDevices;

/**
 * Every rung of the OpenCL kernel ladder against the CPU reference, on PoCL here, at n = 1024 and at
 * sizes that are no multiple of any block (1000, 1023, 17, 1); the Java variants are checked the
 * same way in {@link JavaMatMulTest}.
 */
@Timeout(300)
class OpenClMatMulLadderTest {

    private static OpenClContext cl;
    private static OpenClMatMulLadder ladder;

    @BeforeAll
    static void build() {
        cl = OpenClContext.open(OpenClDevices.choose());
        ladder = OpenClMatMulLadder.build(cl, 128, System.out::println);
    }

    @AfterAll
    static void release() {
        if (ladder != null) {
            ladder.close();
        }
        if (cl != null) {
            cl.close();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 1000, 1023, 17, 1})
    void everyStepAgreesWithTheCpuReference(int n) {
        float[] a = HostArrays.randomFloats(n * n, n);
        float[] b = HostArrays.randomFloats(n * n, n + 1);
        float[] ref = MatMulKernels.reference(a, b, n);
        List<String> bad = new ArrayList<>();
        for (var step : ladder.steps()) {
            var product = ladder.multiply(step, a, b, n);
            double err = MatMulKernels.maxRelativeError(product.c(), ref);
            if (!(err < 1e-4)) {
                bad.add(step.label() + " (" + step.kernelName() + "): max relative error " + err);
            }
            assertTrue(product.kernelSeconds() >= 0);
        }
        assertTrue(bad.isEmpty(), "n = " + n + ": " + bad);
    }

    @Test
    void theLadderHasItsFiveStepsAndTheSearchIsReported() {
        var labels = ladder.steps().stream().map(OpenClMatMulLadder.Step::label).toList();
        assertEquals(List.of(OpenClMatMulLadder.NAIVE, OpenClMatMulLadder.TILED, OpenClMatMulLadder.REGISTERS,
                OpenClMatMulLadder.VECTORS, OpenClMatMulLadder.LOCAL), labels);
        var search = ladder.search();
        assertFalse(search.trials().isEmpty());
        assertTrue(search.trials().stream().anyMatch(t -> t.blocking().equals(search.chosen())));
        double best = search.trials().stream().mapToDouble(OpenClMatMulLadder.Trial::seconds).min().orElseThrow();
        assertEquals(best, search.trials().stream().filter(t -> t.blocking().equals(search.chosen())).findFirst()
                .orElseThrow().seconds());
        var local = ladder.step(OpenClMatMulLadder.LOCAL).blocking();
        assertTrue(local.localBytes() <= ladder.limits().localMemBytes() / 2, local.describe());
        assertTrue(local.group() <= ladder.limits().maxWorkGroupSize(), local.describe());
        assertEquals(0, local.group() % ladder.limits().preferredMultiple(), local.describe());
    }

    @Test
    void localCandidatesFollowTheDeviceLimits() {
        var vectors = org.parallelcookbook.gpu.kernel.MatMulBlocking.registers(8, 2, 16);
        // a GPU-like device: 48 KiB of local memory, groups up to 1024, warps of 32
        var gpu = new OpenClMatMulLadder.Limits(48 << 10, 1024, 32, 1);
        for (var c : OpenClMatMulLadder.localCandidates(vectors, gpu)) {
            assertTrue(c.localBytes() <= 24 << 10, c.describe());
            assertTrue(c.group() == 64 || c.group() == 128, c.describe());
        }
        // a tiny device: 4 KiB, groups of at most 8
        var tiny = new OpenClMatMulLadder.Limits(4 << 10, 8, 8, 4);
        for (var c : OpenClMatMulLadder.localCandidates(vectors, tiny)) {
            assertEquals(16, c.kTile(), c.describe());
            assertEquals(8, c.group(), c.describe());
        }
        assertEquals(16, OpenClMatMulLadder.vectorWidth(16));
        assertEquals(8, OpenClMatMulLadder.vectorWidth(8));
        assertEquals(4, OpenClMatMulLadder.vectorWidth(1));
    }
}
