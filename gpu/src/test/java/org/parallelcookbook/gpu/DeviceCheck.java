package org.parallelcookbook.gpu;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The test half of {@code gpu/device-check.sh}: runs every CUDA test class of the module through
 * the JUnit Platform launcher (no Maven, no network) and prints one line per class: {@code PASS},
 * {@code FAIL} (with the first failure's message) or {@code SKIP} (with the skip reason). Exit
 * status 0 only when no test failed and at least one ran.
 */
public final class DeviceCheck {

    /** Every class with a CUDA test. */
    static final List<String> CUDA_TESTS = List.of("CudaDeviceQueryTest", "CudaElementwiseTest", "CudaDotProductTest",
            "CudaMatrixMultiplyTest", "CudaMatMulLadderTest", "CudaDoubleMatrixTest", "GpuArrayDemoTest", "CublasGemmTest",
            "GpuSumReduceTest", "CudaAssumeTest", "cuda.CudaSupportTest");

    private DeviceCheck() {
    }

    public static void main(String[] args) {
        Map<String, int[]> counts = new TreeMap<>(); // passed, failed, skipped
        Map<String, String> firstNote = new TreeMap<>();
        var listener = new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                record(id, 2, reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    return;
                }
                switch (result.getStatus()) {
                    case SUCCESSFUL -> record(id, 0, null);
                    case ABORTED -> record(id, 2, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
                    case FAILED -> record(id, 1, result.getThrowable().map(t -> t.getClass().getSimpleName() + ": "
                            + t.getMessage()).orElse("failed"));
                }
            }

            private void record(TestIdentifier id, int kind, String note) {
                String cls = className(id);
                counts.computeIfAbsent(cls, k -> new int[3])[kind]++;
                if (note != null && (kind == 1 || !firstNote.containsKey(cls))) {
                    firstNote.putIfAbsent(cls + (kind == 1 ? "!" : ""), note.replace('\n', ' '));
                }
            }
        };
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(CUDA_TESTS.stream().map(c -> selectClass("org.parallelcookbook.gpu." + c)).toList()).build();
        LauncherFactory.create().execute(request, listener);
        int failed = 0;
        int passed = 0;
        List<String> lines = new ArrayList<>();
        for (var e : counts.entrySet()) {
            int[] c = e.getValue();
            failed += c[1];
            passed += c[0];
            String status = c[1] > 0 ? "FAIL" : c[0] > 0 ? "PASS" : "SKIP";
            String note = c[1] > 0 ? firstNote.get(e.getKey() + "!") : c[0] == 0 ? firstNote.get(e.getKey()) : null;
            lines.add(String.format(Locale.ROOT, "%s test %s: %d passed, %d failed, %d skipped%s", status, e.getKey(),
                    c[0], c[1], c[2], note == null ? "" : " - " + abbreviate(note)));
        }
        lines.forEach(System.out::println);
        System.exit(failed == 0 && passed > 0 ? 0 : 1);
    }

    private static String className(TestIdentifier id) {
        String u = id.getUniqueId();
        int i = u.indexOf("[class:");
        if (i < 0) {
            return id.getDisplayName();
        }
        int end = u.indexOf(']', i);
        String full = u.substring(i + 7, end);
        return full.substring(full.lastIndexOf('.') + 1);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
