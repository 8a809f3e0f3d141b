package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import org.parallelcookbook.gpu.cuda.CudaSupport;
import org.parallelcookbook.gpu.cuda.CudaSupport.Library;

/**
 * The CUDA gating on a machine laid out like a GPU container with only the driver and cuBLAS
 * mounted: the lookup points at a folder without {@code libnvrtc.so.12}, and a test that needs NVRTC
 * is skipped with a reason that names exactly that library.
 */
@Timeout(30)
class CudaAssumeTest {

    @Test
    void aFolderWithoutNvrtcSkipsNamingIt(@TempDir Path lib) throws Exception {
        Files.createFile(lib.resolve("libcuda.so.1"));
        Files.createFile(lib.resolve("libcublas.so.12"));
        var skip = assertThrows(TestAbortedException.class,
                () -> CudaAssume.assumeFound(List.of(lib), false, Library.DRIVER, Library.NVRTC));
        assertTrue(skip.getMessage().contains("libnvrtc.so.12"), skip.getMessage());
        assertFalse(skip.getMessage().contains("libcublas.so.12 ("), skip.getMessage());
        // what that folder does hold passes the lookup: driver-only and cuBLAS tests are not skipped by it
        assertDoesNotThrow(() -> CudaAssume.assumeFound(List.of(lib), false, Library.DRIVER, Library.CUBLAS));
    }

    @Test
    void aFolderWithoutTheDriverSkipsNamingTheDriver(@TempDir Path lib) throws Exception {
        Files.createFile(lib.resolve("libnvrtc.so.12"));
        var skip = assertThrows(TestAbortedException.class,
                () -> CudaAssume.assumeFound(List.of(lib), false, Library.DRIVER, Library.NVRTC));
        assertTrue(skip.getMessage().contains("libcuda.so.1"), skip.getMessage());
    }

    @Test
    void aStubsFolderDoesNotCount(@TempDir Path dir) throws Exception {
        Path stubs = Files.createDirectories(dir.resolve("stubs"));
        Files.createFile(stubs.resolve("libcuda.so.1"));
        assertTrue(CudaSupport.missing(Library.DRIVER, List.of(stubs), false) != null);
    }

    @Test
    void theNeedsSentenceNamesWhatIsLoadedAndNothingElse() {
        for (Library l : Library.values()) {
            assertTrue(CudaSupport.NEEDS.contains(l.file()), l.file());
        }
        assertFalse(CudaSupport.NEEDS.contains("libcudart"), CudaSupport.NEEDS);
    }
}
