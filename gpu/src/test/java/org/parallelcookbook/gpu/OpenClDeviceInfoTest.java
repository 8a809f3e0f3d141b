package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.gpu.opencl.OpenClDevice;

@Timeout(60)
class OpenClDeviceInfoTest {

    @Test
    void everyDeviceReportsSaneFigures() {
        var report = OpenClDeviceInfo.query();
        assertFalse(report.devices().isEmpty(), "at least one platform with a device (PoCL at worst)");
        for (var d : report.devices()) {
            System.out.println(d);
            assertFalse(d.name().isBlank());
            assertFalse(d.platformName().isBlank());
            assertTrue(d.computeUnits() >= 1, d + " compute units");
            assertTrue(d.globalMemBytes() > 0, d + " global memory");
            assertTrue(d.maxWorkGroupSize() >= 1, d + " work-group size");
            assertTrue(OpenClDeviceInfo.describe(d).contains("Device - Name: " + d.name()));
        }
        assertTrue(report.devices().contains(report.chosen().device()));
    }

    @Test
    void theListingGivesEachFigureInItsUnit() {
        var d = new OpenClDevice(0, 1, "Portable Computing Language", "The pocl project", "OpenCL 3.0 PoCL", "FULL_PROFILE",
                "cpu-test", "CPU", "OpenCL 3.0 PoCL HSTR", 3000, 8, 512 << 10, 64 << 10, 3L << 30, 768L << 20, 4096, true,
                null, null);
        assertEquals("""
                  Device 0:1
                    Device - Name: cpu-test
                    Device - Type: CPU
                    Device - Version: OpenCL 3.0 PoCL HSTR
                    Device - Max Clock Speed: 3000 MHz
                    Device - Compute Units: 8
                    Device - Local Memory: 512 KB
                    Device - Constant Memory: 64 KB
                    Device - Global Memory: 3 GB
                    Device - Max Buffer/Image Size: 768 MB
                    Device - Max Work Group Size: 4096
                    Device - Double precision: yes
                """, OpenClDeviceInfo.describe(d));
        var noDoubles = new OpenClDevice(0, 1, "p", "v", "OpenCL 1.2", "EMBEDDED_PROFILE", "gpu-test", "GPU", "OpenCL 1.2",
                1, 1, 1 << 10, 1 << 10, 1L << 30, 1L << 20, 1, false, null, null);
        assertTrue(OpenClDeviceInfo.describe(noDoubles).endsWith("    Device - Double precision: no\n"));
    }
}
