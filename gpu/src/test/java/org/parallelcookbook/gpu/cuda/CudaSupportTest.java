package org.parallelcookbook.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.UnavailableException;
import org.parallelcookbook.core.launch.JvmLauncher;
import org.parallelcookbook.gpu.CudaDoubleMatrix;

/** Without an NVIDIA driver, CUDA recipes say so in one line; with one, the doctor lists the device. */
@Timeout(120)
class CudaSupportTest {

    @Test
    void withoutCudaTheFailureIsOnePlainSentence() {
        Assumptions.assumeFalse(CudaSupport.available(), "a CUDA device is present; nothing to check here");
        var e = assertThrows(UnavailableException.class, () -> CudaContext.open(null));
        String message = e.getMessage();
        assertTrue(message.startsWith("no CUDA device found: "), message);
        assertTrue(message.contains("NVIDIA") && message.contains("libnvrtc.so.12"), message);
        assertFalse(message.contains("UnsatisfiedLinkError") || message.contains("\n"), message);
        assertFalse(new CudaCheck().check().ok());
    }

    @Test
    void theRecipeMainPrintsOneLineAndExits77() throws Exception {
        Assumptions.assumeFalse(CudaSupport.available(), "a CUDA device is present; the recipe runs for real instead");
        var result = JvmLauncher.forMain(CudaDoubleMatrix.class).jvmOptions("--enable-native-access=ALL-UNNAMED")
                .quickStart().run(Duration.ofSeconds(90));
        assertEquals(RecipeMain.EXIT_UNAVAILABLE, result.exitCode(), result.stderr());
        var lines = result.stderrLines().stream().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), result.stderr());
        assertTrue(lines.get(0).startsWith("unavailable: no CUDA device found: "), lines.get(0));
        assertFalse(result.stderr().contains("UnsatisfiedLinkError") || result.stderr().contains("Exception in thread"));
        assertTrue(result.stdout().isBlank(), result.stdout());
    }

    @Test
    void withCudaTheDoctorNamesTheDevice() {
        Assumptions.assumeTrue(CudaSupport.available(), CudaSupport.reason());
        var status = new CudaCheck().check();
        System.out.println(status);
        assertTrue(status.ok());
        assertTrue(status.details().stream().anyMatch(d -> d.contains("compute capability")));
    }
}
