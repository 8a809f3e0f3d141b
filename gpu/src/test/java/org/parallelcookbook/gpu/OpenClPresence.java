package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.parallelcookbook.core.UnavailableException;
import org.parallelcookbook.gpu.opencl.OpenClDevices;

/**
 * Where Aparapi must have run, decided without asking Aparapi: on the OpenCL device the chapter
 * chooses when one exists (PoCL here), on the Java thread pool only when there is none. So a
 * silent fallback to the thread pool on a machine with OpenCL fails the test.
 */
final class OpenClPresence {
    private OpenClPresence() {
    }

    /** The name of the OpenCL device the recipes use, or empty when this machine has none. */
    static Optional<String> device() {
        try {
            return Optional.of(OpenClDevices.choose().device().name());
        } catch (UnavailableException e) {
            return Optional.empty();
        }
    }

    /** Asserts that an AUTO-mode Aparapi run went where {@link #device()} says it must. */
    static void assertAparapiRanWhereExpected(boolean ranOnOpenCl, String ranOn) {
        var device = device();
        if (device.isPresent()) {
            assertTrue(ranOnOpenCl, "an OpenCL device exists (" + device.get() + ") but Aparapi ran on " + ranOn);
            String name = device.get().strip();
            assertTrue(ranOn.startsWith("OpenCL on " + name.substring(0, Math.min(20, name.length()))),
                    "expected OpenCL on " + name + ", got " + ranOn);
        } else {
            assertFalse(ranOnOpenCl, ranOn);
            assertTrue(ranOn.startsWith("Java thread pool"), ranOn);
        }
    }
}
