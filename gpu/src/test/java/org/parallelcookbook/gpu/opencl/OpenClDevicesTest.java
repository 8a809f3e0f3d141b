package org.parallelcookbook.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.UnavailableException;

@Timeout(120)
class OpenClDevicesTest {

    private static OpenClDevice fake(int p, int d, String platform, String name, String type) {
        return new OpenClDevice(p, d, platform, platform + " vendor", "OpenCL 3.0", "FULL_PROFILE", name, type,
                "OpenCL 3.0", 1000, 4, 1 << 16, 1 << 16, 1L << 30, 1L << 28, 256, true, null, null);
    }

    private static final List<OpenClDevice> MACHINE = List.of(
            fake(0, 0, "Portable Computing Language", "pthread-cpu", "CPU"),
            fake(1, 0, "NVIDIA CUDA", "NVIDIA H100", "GPU"),
            fake(1, 1, "NVIDIA CUDA", "NVIDIA A100", "GPU"));

    @Test
    void defaultPrefersTheFirstGpuOverACpuListedEarlier() {
        var choice = OpenClDevices.choose(MACHINE, null, null);
        assertEquals("NVIDIA H100", choice.device().name());
        assertTrue(choice.reason().contains("first GPU"));
        assertTrue(choice.describe().startsWith("device: NVIDIA H100 (NVIDIA CUDA, GPU) chosen because"));
    }

    @Test
    void requestsByIndexTypeOrName() {
        assertEquals("NVIDIA A100", OpenClDevices.choose(MACHINE, "1:1", "-Dx").device().name());
        assertEquals("pthread-cpu", OpenClDevices.choose(MACHINE, "cpu", "-Dx").device().name());
        assertEquals("pthread-cpu", OpenClDevices.choose(MACHINE, "pocl", "-Dx").device().name());
        assertEquals("NVIDIA A100", OpenClDevices.choose(MACHINE, "a100", "-Dx").device().name());
        assertTrue(OpenClDevices.choose(MACHINE, "cpu", "-Dx").reason().contains("-Dx"));
    }

    @Test
    void aRequestThatMatchesNothingSaysWhatExists() {
        var e = assertThrows(UnavailableException.class, () -> OpenClDevices.choose(MACHINE, "fpga-9", "-Dx"));
        assertTrue(e.getMessage().contains("NVIDIA H100"), e.getMessage());
        assertThrows(UnavailableException.class, () -> OpenClDevices.choose(List.of(), null, null));
    }

    @Test
    void theRealMachineHasAtLeastOneUsableDevice() {
        var devices = OpenClDevices.list();
        assertFalse(devices.isEmpty());
        var choice = OpenClDevices.choose();
        System.out.println(choice.describe());
        assertTrue(devices.contains(choice.device()));
    }

    @Test
    void aBrokenProgramReportsTheBuildLog() {
        try (var cl = OpenClContext.open(OpenClDevices.choose())) {
            var e = assertThrows(OpenClBuildException.class, () -> cl.build("__kernel void broken(__global int *a) { a[0] = ; }"));
            assertFalse(e.log().isBlank());
            assertTrue(e.getMessage().contains(cl.device().name()));
        }
    }

    @Test
    void doctorListsPlatformsAndDevices() {
        var status = new OpenClCheck().check();
        assertTrue(status.ok(), status.toString());
        assertTrue(status.details().stream().anyMatch(d -> d.contains(OpenClDevices.choose().device().name())));
    }
}
