package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The OpenCL tests share their JVM with Java code, and PoCL's LLVM replaces the JVM's SIGSEGV
 * handler the first time it builds a kernel: without signal chaining such a JVM can die of a plain
 * "Segmentation fault" (no hs_err file) at a safepoint. The build preloads the JDK's libjsig for
 * every test JVM on Linux (the pom's {@code signal-chaining} profile); this checks that it did.
 */
@Timeout(30)
class SignalChainingTest {

    @Test
    void testJvmsRunWithTheJdksSignalChainingLibrary() throws Exception {
        Path jsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
        Path maps = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(maps) && Files.exists(jsig),
                "signal chaining is checked on Linux with a JDK that ships lib/libjsig.so (none here: " + jsig + ")");
        String mapped = Files.readString(maps);
        assertTrue(mapped.contains("libjsig.so"),
                "libjsig.so is not loaded in this test JVM (LD_PRELOAD=" + System.getenv("LD_PRELOAD")
                        + "): PoCL's LLVM could take SIGSEGV from the JVM");
    }
}
