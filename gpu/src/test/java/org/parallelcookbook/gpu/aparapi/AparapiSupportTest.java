package org.parallelcookbook.gpu.aparapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.gpu.opencl.OpenClDevices;

/** Modes, the device chosen for each, and the padded ranges. */
@Timeout(60)
class AparapiSupportTest {

    @Test
    void modesParseTheirAliases() {
        assertEquals(AparapiSupport.Mode.AUTO, AparapiSupport.Mode.parse(" Auto "));
        for (String s : new String[] {"opencl", "cl", "GPU"}) {
            assertEquals(AparapiSupport.Mode.OPENCL, AparapiSupport.Mode.parse(s), s);
        }
        for (String s : new String[] {"jtp", "java", "threads"}) {
            assertEquals(AparapiSupport.Mode.JTP, AparapiSupport.Mode.parse(s), s);
        }
        var e = assertThrows(UsageException.class, () -> AparapiSupport.Mode.parse("cuda"));
        assertEquals("--mode must be auto, opencl or jtp, got 'cuda'", e.getMessage());
    }

    @Test
    void rangesArePaddedToWholeGroups() {
        var jtp = JavaDevice.THREAD_POOL;
        var r = AparapiSupport.range(jtp, 15);
        assertEquals(16, r.getGlobalSize(0));
        assertEquals(4, r.getLocalSize(0));
        assertEquals(4, AparapiSupport.range(jtp, 1).getGlobalSize(0));
        assertEquals(16, AparapiSupport.range(jtp, 16).getGlobalSize(0));
        var r2 = AparapiSupport.range2d(jtp, 17, 33, 16);
        assertEquals(2, r2.getDims());
        assertEquals(32, r2.getGlobalSize(0));
        assertEquals(48, r2.getGlobalSize(1));
        assertEquals(16, r2.getLocalSize(0));
        assertEquals(16, r2.getLocalSize(1));
        var exact = AparapiSupport.range2d(jtp, 16, 32, 16); // already whole tiles: no padding
        assertEquals(16, exact.getGlobalSize(0));
        assertEquals(32, exact.getGlobalSize(1));
        // on an OpenCL device: groups of up to 64
        var device = AparapiSupport.choose(AparapiSupport.Mode.OPENCL).device();
        int local = Math.max(1, Math.min(64, device.getMaxWorkGroupSize()));
        var cl = AparapiSupport.range(device, 100);
        assertEquals(local, cl.getLocalSize(0));
        assertEquals((100 + local - 1) / local * local, cl.getGlobalSize(0));
    }

    @Test
    void eachModeNamesItsDeviceAndWhy() {
        var jtp = AparapiSupport.choose(AparapiSupport.Mode.JTP);
        assertSame(JavaDevice.THREAD_POOL, jtp.device());
        assertEquals("--mode jtp asked for the Java thread pool", jtp.reason());
        assertEquals(JavaDevice.THREAD_POOL.getShortDescription(), jtp.describe());
        // this machine has an OpenCL device (PoCL at least), and Aparapi's binding must find the same one
        var chapter = OpenClDevices.choose();
        for (var mode : new AparapiSupport.Mode[] {AparapiSupport.Mode.AUTO, AparapiSupport.Mode.OPENCL}) {
            var t = AparapiSupport.choose(mode);
            var d = assertInstanceOf(OpenCLDevice.class, t.device(), mode.toString());
            String name = d.getName().strip();
            assertTrue(chapter.device().name().startsWith(name) || name.startsWith(chapter.device().name()), name);
            assertEquals("it is the OpenCL device the chapter's recipes use: " + chapter.reason(), t.reason());
            assertEquals(name + " (" + d.getOpenCLPlatform().getName().strip() + ", " + d.getType() + ")", t.describe());
        }
    }
}
