package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CudaDeviceQueryTest {

    @Test
    void everyDeviceHasANameACapabilityAndMemory() {
        CudaAssume.assumeDriver();
        var report = CudaDeviceQuery.query();
        assertTrue(report.devices().size() >= 1);
        for (var d : report.devices()) {
            System.out.println(d);
            assertFalse(d.name().isBlank());
            assertTrue(d.major() >= 1);
            assertTrue(d.totalMemBytes() > 0);
        }
    }
}
