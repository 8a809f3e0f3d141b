package org.parallelcookbook.gpu;

import java.util.List;
import java.util.Locale;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.gpu.opencl.OpenClDevice;
import org.parallelcookbook.gpu.opencl.OpenClDevices;

/**
 * <b>Using the PyOpenCL module</b> (book chapter 6).
 *
 * <p>OpenCL is the Khronos group's vendor-neutral answer to CUDA: kernels in a C99 dialect,
 * compiled at run time by whichever driver ("platform") is installed, for GPUs, CPUs and
 * accelerators alike. The book's program walks the platforms and prints, for each device, its
 * name, type, clock, compute units and memory sizes; the book's machine shows an NVIDIA GPU and an
 * Intel CPU.
 *
 * <p><b>Java vs Python:</b> JOCL maps the C API one to one ({@code clGetPlatformIDs},
 * {@code clGetPlatformInfo}, {@code clGetDeviceIDs}, {@code clGetDeviceInfo}); the queries live in
 * {@link OpenClDevices}, which every recipe of the chapter uses, and this one also prints which
 * device the others will choose and why. On a machine without a GPU the PoCL runtime shows up as
 * a CPU device ("Portable Computing Language", device "pthread-..."): the same kernels run there,
 * and no recipe ever claims that it is a GPU.
 *
 * <p>Run: {@code ./cookbook run ch6.opencl-device-info}; pick a device for the other recipes with
 * {@code -Dcookbook.opencl.device=gpu|cpu|0:1|pocl} (through {@code COOKBOOK_JAVA_OPTS}) or the
 * environment variable {@code COOKBOOK_OPENCL_DEVICE}.
 */
@Recipe(id = "ch6.opencl-device-info", chapter = 6, title = "Using the PyOpenCL module")
public final class OpenClDeviceInfo {

    private OpenClDeviceInfo() {
    }

    /** Every device found, and the one recipes use. */
    public record Report(List<OpenClDevice> devices, OpenClDevices.Choice chosen) {
    }

    public static Report query() {
        var devices = OpenClDevices.list();
        return new Report(devices, OpenClDevices.choose());
    }

    /** The book's listing for one device. */
    public static String describe(OpenClDevice d) {
        return String.format(Locale.ROOT, """
                  Device %s
                    Device - Name: %s
                    Device - Type: %s
                    Device - Version: %s
                    Device - Max Clock Speed: %d MHz
                    Device - Compute Units: %d
                    Device - Local Memory: %d KB
                    Device - Constant Memory: %d KB
                    Device - Global Memory: %d GB
                    Device - Max Buffer/Image Size: %d MB
                    Device - Max Work Group Size: %d
                    Device - Double precision: %s
                """, d.index(), d.name(), d.type(), d.version(), d.clockMhz(), d.computeUnits(),
                d.localMemBytes() >> 10, d.constantMemBytes() >> 10, d.globalMemBytes() >> 30, d.maxAllocBytes() >> 20,
                d.maxWorkGroupSize(), d.doubles() ? "yes" : "no");
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(OpenClDeviceInfo.class);
        RecipeMain.run(args, options, opt -> {
            var report = query();
            int lastPlatform = -1;
            for (OpenClDevice d : report.devices()) {
                if (d.platformIndex() != lastPlatform) {
                    lastPlatform = d.platformIndex();
                    System.out.println("=".repeat(60));
                    System.out.println("Platform " + d.platformIndex() + " - Name: " + d.platformName());
                    System.out.println("Platform " + d.platformIndex() + " - Vendor: " + d.platformVendor());
                    System.out.println("Platform " + d.platformIndex() + " - Version: " + d.platformVersion());
                    System.out.println("Platform " + d.platformIndex() + " - Profile: " + d.platformProfile());
                }
                System.out.print(describe(d));
            }
            System.out.println("=".repeat(60));
            System.out.println(report.chosen().describe());
        });
    }
}
