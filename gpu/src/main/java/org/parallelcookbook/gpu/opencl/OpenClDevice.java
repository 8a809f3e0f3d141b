package org.parallelcookbook.gpu.opencl;

import java.util.Locale;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device and what {@code clGetPlatformInfo}/{@code clGetDeviceInfo} say about it: the
 * figures the book's device-info program prints.
 *
 * @param platformIndex    index of its platform in {@code clGetPlatformIDs}
 * @param deviceIndex      index among that platform's devices
 * @param platformName     e.g. "Portable Computing Language"
 * @param platformVendor   e.g. "The pocl project"
 * @param platformVersion  e.g. "OpenCL 3.0 PoCL 3.1 ..."
 * @param platformProfile  FULL_PROFILE or EMBEDDED_PROFILE
 * @param name             e.g. "pthread-skylake-avx512-AMD EPYC ..."
 * @param type             "GPU", "CPU", "ACCELERATOR" or "OTHER"
 * @param version          the device's OpenCL version string
 * @param clockMhz         maximum clock frequency
 * @param computeUnits     compute units (SMs on a GPU, cores on a CPU)
 * @param localMemBytes    local memory per work group
 * @param constantMemBytes constant buffer size
 * @param globalMemBytes   global memory
 * @param maxAllocBytes    largest single buffer
 * @param maxWorkGroupSize largest work group
 * @param doubles          whether the device has 64-bit floating point
 */
public record OpenClDevice(int platformIndex, int deviceIndex, String platformName, String platformVendor,
                           String platformVersion, String platformProfile, String name, String type, String version,
                           long clockMhz, long computeUnits, long localMemBytes, long constantMemBytes,
                           long globalMemBytes, long maxAllocBytes, long maxWorkGroupSize, boolean doubles,
                           cl_platform_id platform, cl_device_id id) {

    /** {@code "pthread-... (Portable Computing Language, CPU)"}: what every recipe prints. */
    public String describe() {
        return name + " (" + platformName + ", " + type + ")";
    }

    /** {@code platform:device}, the short form {@code cookbook.opencl.device} accepts. */
    public String index() {
        return platformIndex + ":" + deviceIndex;
    }

    /** True for a PoCL device (the CPU runtime used where there is no GPU). */
    public boolean isPocl() {
        return (platformName + " " + platformVendor).toLowerCase(Locale.ROOT).contains("pocl")
                || platformName.equals("Portable Computing Language");
    }

    /** True when the platform is OpenCL 1.x (no {@code clCreateCommandQueueWithProperties}). */
    boolean platformIsOpenCl1() {
        return platformVersion.startsWith("OpenCL 1.");
    }

    @Override
    public String toString() {
        return index() + " " + describe();
    }
}
