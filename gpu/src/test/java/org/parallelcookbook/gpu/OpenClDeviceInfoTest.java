package org.parallelcookbook.gpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
}
