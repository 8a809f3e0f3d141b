package org.parallelcookbook.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
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
            // the compiler's own words, not the status code, and no C string terminator
            assertTrue(e.log().contains("error"), e.log());
            assertFalse(e.log().contains("CL_BUILD_PROGRAM_FAILURE"), "the log is the compiler's text, not JOCL's message: " + e.log());
            assertFalse(e.log().indexOf(0) >= 0, "a NUL in the log");
            assertTrue(e.getMessage().contains(cl.device().name()));
            assertTrue(e.getMessage().endsWith("build log:\n" + e.log()), e.getMessage());
        }
    }

    @Test
    void doctorListsPlatformsAndDevices() {
        var status = new OpenClCheck().check();
        assertTrue(status.ok(), status.toString());
        assertTrue(status.details().stream().anyMatch(d -> d.contains(OpenClDevices.choose().device().name())));
        for (var d : OpenClDevices.list()) {
            String line = status.details().stream().filter(l -> l.startsWith(d.index() + " ")).findFirst().orElseThrow();
            assertTrue(line.contains(", " + d.computeUnits() + " compute units, " + d.globalMemBytes() / (1024 * 1024) + " MiB ("),
                    line);
        }
        assertEquals("recipes use " + OpenClDevices.choose().describe(), status.details().getLast());
    }

    private static OpenClDevice fake(String platform, String vendor, String version, String name, String type) {
        return new OpenClDevice(2, 3, platform, vendor, version, "FULL_PROFILE", name, type, "OpenCL 1.2", 1000, 4,
                1 << 16, 1 << 16, 1L << 30, 1L << 28, 256, true, null, null);
    }

    @Test
    void withoutAGpuTheFirstAcceleratorThenTheFirstCpuIsChosenAndTheReasonSaysSo() {
        var cpu = fake(0, 0, "Portable Computing Language", "pthread-cpu", "CPU");
        var accelerator = fake(1, 0, "Intel FPGA", "fpga-emulator", "ACCELERATOR");
        var other = fake(2, 0, "Odd", "odd-device", "OTHER");
        var a = OpenClDevices.choose(List.of(cpu, accelerator), null, null);
        assertEquals("fpga-emulator", a.device().name());
        assertEquals("no GPU was found and it is the first accelerator (set -D" + OpenClDevices.PROPERTY + " or "
                + OpenClDevices.ENV + " to pick another)", a.reason());
        var c = OpenClDevices.choose(List.of(other, cpu), null, null);
        assertEquals("pthread-cpu", c.device().name());
        assertTrue(c.reason().startsWith("no GPU or accelerator was found and it is the first CPU device ("), c.reason());
        var o = OpenClDevices.choose(List.of(other), null, null);
        assertEquals("odd-device", o.device().name());
        assertEquals("it is the only kind of device found", o.reason());
        assertTrue(OpenClDevices.choose(MACHINE, null, null).reason().startsWith("it is the first GPU ("));
    }

    @Test
    void eachKindOfRequestSaysWhereItCameFrom() {
        var gpu = OpenClDevices.choose(MACHINE, " GPU ", "-Dx");
        assertEquals("NVIDIA H100", gpu.device().name());
        assertEquals("-Dx asked for the first GPU", gpu.reason());
        assertEquals("-Dx asked for device 1:1", OpenClDevices.choose(MACHINE, "1:1", "-Dx").reason());
        var byName = OpenClDevices.choose(MACHINE, " A100 ", "ENV");
        assertEquals("NVIDIA A100", byName.device().name());
        assertEquals("ENV asked for 'A100'", byName.reason());
        assertThrows(UnavailableException.class, () -> OpenClDevices.choose(MACHINE, "2:0", "-Dx"));
        assertThrows(UnavailableException.class, () -> OpenClDevices.choose(MACHINE, "accelerator", "-Dx"));
        var e = assertThrows(UnavailableException.class, () -> OpenClDevices.choose(MACHINE, "fpga", "ENV"));
        assertEquals("ENV=fpga matches no OpenCL device; found: 0:0 pthread-cpu (Portable Computing Language, CPU); "
                + "1:0 NVIDIA H100 (NVIDIA CUDA, GPU); 1:1 NVIDIA A100 (NVIDIA CUDA, GPU) "
                + "(use platform:device, gpu, cpu, accelerator or part of a name)", e.getMessage());
    }

    @Test
    void aDeviceNamesItselfAndKnowsPoclAndOpenCl1() {
        var d = fake("NVIDIA CUDA", "NVIDIA Corporation", "OpenCL 1.2 CUDA 12.4", "NVIDIA H100", "GPU");
        assertEquals("2:3", d.index());
        assertEquals("NVIDIA H100 (NVIDIA CUDA, GPU)", d.describe());
        assertEquals("2:3 NVIDIA H100 (NVIDIA CUDA, GPU)", d.toString());
        assertFalse(d.isPocl());
        assertTrue(d.platformIsOpenCl1());
        assertTrue(fake("Generic", "The pocl project", "OpenCL 3.0 PoCL 5.0", "cpu-x", "CPU").isPocl());
        assertTrue(fake("Portable Computing Language", "Someone", "OpenCL 3.0", "cpu-x", "CPU").isPocl());
        assertFalse(fake("Portable Computing Language", "Someone", "OpenCL 3.0", "cpu-x", "CPU").platformIsOpenCl1());
        var choice = new OpenClDevices.Choice(d, "a reason");
        assertEquals("device: NVIDIA H100 (NVIDIA CUDA, GPU) chosen because a reason", choice.describe());
    }

    @Test
    void theRealDevicesHaveCleanNamesAndTheTypeAndDoublesTheDriverReports() {
        for (var d : OpenClDevices.list()) {
            for (String s : List.of(d.name(), d.platformName(), d.platformVendor(), d.platformVersion(), d.platformProfile(),
                    d.version())) {
                assertFalse(s.isEmpty(), d.toString());
                assertFalse(s.indexOf(0) >= 0, "a NUL in '" + s + "'");
                assertEquals(s.strip(), s);
            }
            long[] type = new long[1];
            CL.clGetDeviceInfo(d.id(), CL.CL_DEVICE_TYPE, Sizeof.cl_ulong, Pointer.to(type), null);
            long kind = type[0] & ~CL.CL_DEVICE_TYPE_DEFAULT;
            String expected = kind == CL.CL_DEVICE_TYPE_GPU ? "GPU" : kind == CL.CL_DEVICE_TYPE_CPU ? "CPU"
                    : kind == CL.CL_DEVICE_TYPE_ACCELERATOR ? "ACCELERATOR" : "OTHER";
            assertEquals(expected, d.type(), d.toString());
            String extensions = OpenClDevices.deviceString(d.id(), CL.CL_DEVICE_EXTENSIONS);
            assertEquals(extensions.contains("cl_khr_fp64"), d.doubles(), extensions);
            assertTrue(d.localMemBytes() > 0 && d.constantMemBytes() > 0 && d.maxAllocBytes() > 0 && d.clockMhz() >= 0,
                    d.toString());
            assertTrue(d.maxAllocBytes() <= d.globalMemBytes(), d.toString());
            assertTrue(OpenClDevices.preferredFloatWidth(d) >= 1, d.toString());
        }
    }

    @Test
    void openPrintsTheChoiceItOpensOn() {
        var bytes = new ByteArrayOutputStream();
        try (var cl = OpenClContext.open(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            assertEquals(cl.choice().describe() + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
            assertEquals(OpenClDevices.choose().device(), cl.device());
            assertNotNull(cl.context());
            assertNotNull(cl.queue());
        }
        try (var cl = OpenClContext.open((PrintStream) null)) {
            assertEquals(OpenClDevices.choose().device(), cl.device());
        }
    }

    @Test
    void theDoctorCheckIsFoundByTheServiceLoader() {
        var check = java.util.ServiceLoader.load(org.parallelcookbook.core.doctor.PrerequisiteCheck.class).stream()
                .map(java.util.ServiceLoader.Provider::get).filter(c -> c instanceof OpenClCheck).findFirst().orElseThrow();
        assertEquals("OpenCL", check.name());
        assertEquals("gpu", check.neededBy());
    }

    @Test
    void theDevicePropertyPicksTheDeviceAndABlankOneIsIgnored() {
        var devices = OpenClDevices.list();
        var last = devices.getLast();
        String old = System.getProperty(OpenClDevices.PROPERTY);
        try {
            System.setProperty(OpenClDevices.PROPERTY, last.index());
            var choice = OpenClDevices.choose();
            assertEquals(last, choice.device());
            assertEquals("-D" + OpenClDevices.PROPERTY + " asked for device " + last.index(), choice.reason());
            System.setProperty(OpenClDevices.PROPERTY, " ");
            assertEquals(OpenClDevices.choose(devices, null, null), OpenClDevices.choose());
        } finally {
            if (old == null) {
                System.clearProperty(OpenClDevices.PROPERTY);
            } else {
                System.setProperty(OpenClDevices.PROPERTY, old);
            }
        }
    }

    @Test
    void deviceTypesAreReadFromTheTypeBits() {
        assertEquals("GPU", OpenClDevices.typeName(CL.CL_DEVICE_TYPE_GPU | CL.CL_DEVICE_TYPE_DEFAULT));
        assertEquals("ACCELERATOR", OpenClDevices.typeName(CL.CL_DEVICE_TYPE_ACCELERATOR));
        assertEquals("CPU", OpenClDevices.typeName(CL.CL_DEVICE_TYPE_CPU));
        assertEquals("OTHER", OpenClDevices.typeName(CL.CL_DEVICE_TYPE_CUSTOM));
        assertEquals("OTHER", OpenClDevices.typeName(CL.CL_DEVICE_TYPE_DEFAULT));
    }

    @Test
    void theHelpersTurnJoclExceptionsBackOnWhereverTheyWereTurnedOff() {
        var device = OpenClDevices.list().get(0);
        try {
            CL.setExceptionsEnabled(false); // as other code in the same JVM may do
            OpenClDevices.list();
            assertThrows(org.jocl.CLException.class, () -> CL.clGetDeviceInfo(device.id(), 0x7fff, Sizeof.cl_ulong,
                    Pointer.to(new long[1]), null), "list() turns JOCL's exceptions back on");
            CL.setExceptionsEnabled(false);
            try (var cl = OpenClContext.open(OpenClDevices.choose(List.of(device), null, null))) {
                // a failed build is an exception again, not a status code nobody reads
                assertThrows(OpenClBuildException.class, () -> cl.build("__kernel void broken( { }"));
            }
        } finally {
            CL.setExceptionsEnabled(true);
        }
    }
}
