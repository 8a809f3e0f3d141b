package org.parallelcookbook.gpu;

import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.gpu.cuda.CudaSupport;

/**
 * <b>Using the PyCUDA module</b> (book chapter 6).
 *
 * <p>CUDA splits a program between the <i>host</i> (CPU, main memory) and the <i>device</i> (GPU,
 * its own memory). Device code is compiled by {@code nvcc} to a cubin for one GPU or to PTX, a
 * virtual assembly the driver compiles just in time for whatever GPU is present; it runs as a
 * <i>grid</i> of thread <i>blocks</i>. The book's first program initialises the driver
 * ({@code drv.init()}), counts the devices and prints each one's name, compute capability and
 * total memory in KB (GeForce GT 240, 1.2, 1048576 KB).
 *
 * <p><b>Java vs Python:</b> JCuda binds the same driver API one to one: {@code cuInit},
 * {@code cuDeviceGetCount}, {@code cuDeviceGetName}, {@code cuDeviceGetAttribute} (compute
 * capability major/minor), {@code cuDeviceTotalMem}. Before any of that, {@link CudaSupport} checks
 * that the NVIDIA driver exists at all; without it the recipe prints one line saying so and what
 * is needed (exit status 77, "skipped" in the tour) instead of JCuda's UnsatisfiedLinkError.
 *
 * <p>Run: {@code ./cookbook run ch6.cuda-device-query} (needs an NVIDIA GPU).
 */
@Recipe(id = "ch6.cuda-device-query", chapter = 6, title = "Using the PyCUDA module")
public final class CudaDeviceQuery {

    private CudaDeviceQuery() {
    }

    /** One device: name, compute capability, memory and a few more attributes. */
    public record Device(int ordinal, String name, int major, int minor, long totalMemBytes, int multiprocessors,
                         int maxThreadsPerBlock, int warpSize) {
    }

    /** Driver version and devices. */
    public record Report(int driverVersion, List<Device> devices) {
    }

    public static Report query() {
        CudaSupport.require();
        JCudaDriver.setExceptionsEnabled(true);
        int[] version = new int[1];
        cuDriverGetVersion(version);
        int[] count = new int[1];
        cuDeviceGetCount(count);
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < count[0]; i++) {
            var device = new CUdevice();
            cuDeviceGet(device, i);
            byte[] raw = new byte[256];
            cuDeviceGetName(raw, raw.length, device);
            int len = 0;
            while (len < raw.length && raw[len] != 0) {
                len++;
            }
            long[] mem = new long[1];
            cuDeviceTotalMem(mem, device);
            devices.add(new Device(i, new String(raw, 0, len, java.nio.charset.StandardCharsets.UTF_8),
                    attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                    attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR), mem[0],
                    attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT),
                    attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK),
                    attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_WARP_SIZE)));
        }
        return new Report(version[0], devices);
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] value = new int[1];
        cuDeviceGetAttribute(value, attribute, device);
        return value[0];
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(CudaDeviceQuery.class);
        RecipeMain.run(args, options, opt -> {
            var report = query();
            System.out.printf(Locale.ROOT, "CUDA driver API %d.%d, %d device(s) found%n", report.driverVersion() / 1000,
                    report.driverVersion() % 1000 / 10, report.devices().size());
            for (Device d : report.devices()) {
                System.out.printf(Locale.ROOT, "Device #%d: %s%n", d.ordinal(), d.name());
                System.out.printf(Locale.ROOT, "  Compute Capability: %d.%d%n", d.major(), d.minor());
                System.out.printf(Locale.ROOT, "  Total Memory: %d KB%n", d.totalMemBytes() >> 10);
                System.out.printf(Locale.ROOT, "  Multiprocessors (SMs): %d, warp size %d, max threads per block %d%n",
                        d.multiprocessors(), d.warpSize(), d.maxThreadsPerBlock());
            }
        });
    }
}
