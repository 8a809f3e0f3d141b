package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.gpu.kernel.MatMulKernels;

/**
 * The blocked Java variants at the sizes where each of their blocks ends: one past the rows per
 * task ({@value JavaMatMul#ROWS}, and 48 for the Vector API), past {@value JavaMatMul#K_BLOCK} and
 * {@value JavaMatMul#KC} values of k and {@value JavaMatMul#JT} columns, and sizes that are no
 * multiple of the 4 rows of B per pass, of the 6 rows of C per vector block or of a vector.
 * Smaller than {@link JavaMatMulTest}'s n = 1024, so that it runs in seconds (the mutation runs
 * use it); the same CPU reference.
 */
@Timeout(300)
class JavaMatMulBlockEdgesTest {

    @Test
    void everyBlockedVariantAgreesWithTheCpuReferenceAtEachBlockEdge() {
        List<String> bad = new ArrayList<>();
        for (int n : new int[] {1, 3, 7, 17, 49, 129, 257, 513}) {
            float[] a = HostArrays.randomFloats(n * n, n);
            float[] b = HostArrays.randomFloats(n * n, n + 1);
            float[] ref = MatMulKernels.reference(a, b, n);
            Map<String, Supplier<float[]>> variants = new LinkedHashMap<>();
            variants.put("cache-blocked, 1 worker", () -> JavaMatMul.cacheBlocked(a, b, n, 1));
            variants.put("cache-blocked, 3 workers", () -> JavaMatMul.cacheBlocked(a, b, n, 3));
            variants.put("register-blocked, 1 worker", () -> JavaMatMul.registerBlocked(a, b, n, 1));
            variants.put("register-blocked", () -> JavaMatMul.registerBlocked(a, b, n));
            variants.put("Vector API, 1 worker", () -> JavaMatMul.vector(a, b, n, 1));
            variants.put("Vector API", () -> JavaMatMul.vector(a, b, n));
            if (n <= 257) {
                variants.put("sequential", () -> GpuComparison.sequentialMatMul(a, b, n));
                variants.put("parallel streams", () -> GpuComparison.parallelMatMul(a, b, n));
            }
            variants.forEach((name, v) -> {
                try {
                    double err = MatMulKernels.maxRelativeError(v.get(), ref);
                    if (!(err < 1e-4)) {
                        bad.add(name + " n = " + n + ": max relative error " + err);
                    }
                } catch (RuntimeException e) {
                    bad.add(name + " n = " + n + ": " + e);
                }
            });
        }
        assertTrue(bad.isEmpty(), bad.toString());
    }
}
