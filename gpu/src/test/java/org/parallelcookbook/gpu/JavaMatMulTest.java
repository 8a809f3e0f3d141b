package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parallelcookbook.core.launch.JvmLauncher;
import org.parallelcookbook.gpu.kernel.MatMulKernels;

/**
 * Every Java variant of the chapter's matmul against the CPU reference, at n = 1024 and at sizes
 * that are no multiple of any block (1000, 1023, 17, 1); the Vector API variant in this JVM (the
 * gpu module's tests resolve {@code jdk.incubator.vector}) and its absence in a JVM without it.
 */
@Timeout(300)
class JavaMatMulTest {

    @ParameterizedTest
    @ValueSource(ints = {1024, 1000, 1023, 17, 1})
    void everyJavaVariantAgreesWithTheCpuReference(int n) {
        float[] a = HostArrays.randomFloats(n * n, n);
        float[] b = HostArrays.randomFloats(n * n, n + 1);
        float[] ref = MatMulKernels.reference(a, b, n);
        Map<String, Supplier<float[]>> variants = new LinkedHashMap<>();
        variants.put("sequential", () -> GpuComparison.sequentialMatMul(a, b, n));
        variants.put("parallel streams", () -> GpuComparison.parallelMatMul(a, b, n));
        variants.put("cache-blocked", () -> JavaMatMul.cacheBlocked(a, b, n));
        variants.put("cache-blocked, 3 workers", () -> JavaMatMul.cacheBlocked(a, b, n, 3));
        variants.put("register-blocked", () -> JavaMatMul.registerBlocked(a, b, n));
        variants.put("register-blocked, 3 workers", () -> JavaMatMul.registerBlocked(a, b, n, 3));
        variants.put("Vector API", () -> JavaMatMul.vector(a, b, n));
        variants.put("Vector API, 3 workers", () -> JavaMatMul.vector(a, b, n, 3));
        List<String> bad = new ArrayList<>();
        variants.forEach((name, v) -> {
            try {
                double err = MatMulKernels.maxRelativeError(v.get(), ref);
                if (!(err < 1e-4)) {
                    bad.add(name + ": max relative error " + err);
                }
            } catch (RuntimeException e) {
                bad.add(name + ": " + e);
            }
        });
        assertTrue(bad.isEmpty(), "n = " + n + ": " + bad);
    }

    @Test
    void theVectorApiIsThereInTheseTests() {
        // the gpu module's surefire argLine adds config/jvm-vector.options
        assertNull(JavaMatMul.vectorUnavailable());
        assertTrue(JavaMatMul.vectorChange().startsWith("the Vector API ("), JavaMatMul.vectorChange());
    }

    @Test
    void aTaskThatFailsFailsTheCallAndNoWorkerOutlivesIt() {
        var e = assertThrows(IllegalStateException.class, () -> JavaMatMul.inParallel(40, 4, t -> {
            if (t == 7) {
                throw new IllegalStateException("task 7");
            }
        }));
        assertEquals("task 7", e.getMessage());
        boolean alive = Thread.getAllStackTraces().keySet().stream()
                .anyMatch(th -> th.getName().startsWith("matmul-worker-") && th.isAlive());
        assertFalse(alive, "a matmul worker outlived its call");
        assertThrows(IllegalArgumentException.class, () -> JavaMatMul.registerBlocked(new float[4], new float[4], 3));
    }

    @Test
    void withoutTheIncubatorModuleTheOtherVariantsRunAndTheVectorOneSaysWhy() throws Exception {
        // a real JVM started without --add-modules jdk.incubator.vector
        var result = JvmLauncher.forMain(WithoutTheModule.class).quickStart().run(Duration.ofSeconds(120));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertFalse(result.stderr().contains("incubator"), result.stderr());
        List<String> lines = result.stdoutLines();
        assertTrue(lines.contains("register-blocked ok"), result.stdout());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("unavailable: not measured: this JVM was started without "
                + "--add-modules jdk.incubator.vector")), result.stdout());
        assertTrue(lines.contains("vector() threw UnsupportedOperationException"), result.stdout());
    }

    /** The child of the test above. */
    public static final class WithoutTheModule {
        public static void main(String[] args) {
            int n = 33;
            float[] a = HostArrays.randomFloats(n * n, 1);
            float[] b = HostArrays.randomFloats(n * n, 2);
            float[] ref = MatMulKernels.reference(a, b, n);
            boolean ok = MatMulKernels.maxRelativeError(JavaMatMul.registerBlocked(a, b, n), ref) < 1e-4
                    && MatMulKernels.maxRelativeError(JavaMatMul.cacheBlocked(a, b, n), ref) < 1e-4;
            System.out.println("register-blocked " + (ok ? "ok" : "wrong"));
            System.out.println("unavailable: " + JavaMatMul.vectorUnavailable());
            try {
                JavaMatMul.vector(a, b, n);
                System.out.println("vector() ran");
            } catch (UnsupportedOperationException e) {
                System.out.println("vector() threw UnsupportedOperationException");
            }
        }
    }

    @Test
    void everyTaskRunsOnceAnErrorIsRethrownAsItIsAndAtLeastOneWorkerIsNeeded() {
        var runs = new java.util.concurrent.atomic.AtomicIntegerArray(100);
        JavaMatMul.inParallel(100, 4, runs::incrementAndGet);
        for (int t = 0; t < 100; t++) {
            assertEquals(1, runs.get(t), "task " + t);
        }
        // one worker: the calling thread alone; four: at most the caller and three threads of its own
        var caller = Thread.currentThread();
        var one = java.util.concurrent.ConcurrentHashMap.<Thread>newKeySet();
        JavaMatMul.inParallel(50, 1, t -> one.add(Thread.currentThread()));
        assertEquals(java.util.Set.of(caller), one);
        var four = java.util.concurrent.ConcurrentHashMap.<Thread>newKeySet();
        JavaMatMul.inParallel(200, 4, t -> four.add(Thread.currentThread()));
        assertTrue(four.size() <= 4, four.toString());
        assertTrue(four.stream().allMatch(th -> th == caller || th.getName().startsWith("matmul-worker-")), four.toString());
        JavaMatMul.inParallel(0, 4, t -> {
            throw new IllegalStateException("no task may run");
        });
        var error = new AssertionError("task 3");
        var thrown = assertThrows(AssertionError.class, () -> JavaMatMul.inParallel(10, 3, t -> {
            if (t == 3) {
                throw error;
            }
        }));
        assertSame(error, thrown);
        assertThrows(IllegalArgumentException.class, () -> JavaMatMul.inParallel(1, 0, t -> { }));
        assertThrows(IllegalArgumentException.class, () -> JavaMatMul.cacheBlocked(new float[4], new float[4], 3));
        assertThrows(IllegalArgumentException.class, () -> JavaMatMul.cacheBlocked(new float[0], new float[0], 0));
        assertThrows(IllegalArgumentException.class, () -> JavaMatMul.vector(new float[4], new float[9], 2));
    }
}
