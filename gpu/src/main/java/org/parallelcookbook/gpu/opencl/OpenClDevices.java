package org.parallelcookbook.gpu.opencl;

import static org.jocl.CL.CL_DEVICE_DOUBLE_FP_CONFIG;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_CLOCK_FREQUENCY;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_CONSTANT_BUFFER_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.CL_PLATFORM_PROFILE;
import static org.jocl.CL.CL_PLATFORM_VENDOR;
import static org.jocl.CL.CL_PLATFORM_VERSION;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;
import org.parallelcookbook.core.UnavailableException;

/**
 * The one place that finds OpenCL platforms and devices and chooses the one a recipe runs on. No
 * recipe repeats this or takes {@code platforms[0]} unchecked.
 *
 * <p>Choice, first match wins:
 * <ol>
 *   <li>the system property {@value #PROPERTY} or the environment variable {@value #ENV}: a
 *       {@code platform:device} index ({@code 0:1}), a type ({@code gpu}, {@code cpu},
 *       {@code accelerator}), or a piece of the platform or device name ({@code pocl},
 *       {@code nvidia}); PyOpenCL's {@code PYOPENCL_CTX} plays this role in the book;</li>
 *   <li>otherwise the first GPU, then the first accelerator, then the first CPU device.</li>
 * </ol>
 * The result carries the reason, and recipes print it: a CPU must never be mistaken for a GPU.
 */
public final class OpenClDevices {

    /** System property naming the device. */
    public static final String PROPERTY = "cookbook.opencl.device";
    /** Environment variable naming the device (the property wins). */
    public static final String ENV = "COOKBOOK_OPENCL_DEVICE";
    /** What to install when no platform is found. */
    public static final String INSTALL = "on Debian/Ubuntu: sudo apt-get install pocl-opencl-icd ocl-icd-opencl-dev "
            + "(PoCL runs OpenCL on the CPU; JOCL needs libOpenCL.so from the -dev package), "
            + "or the OpenCL driver of your GPU vendor";

    private static final int CL_PLATFORM_NOT_FOUND_KHR = -1001;

    /** A chosen device and why. */
    public record Choice(OpenClDevice device, String reason) {
        /** {@code "device: <name> (<platform>, <type>) chosen because <reason>"}. */
        public String describe() {
            return "device: " + device.describe() + " chosen because " + reason;
        }
    }

    private OpenClDevices() {
    }

    /**
     * Every device of every platform. Throws {@link UnavailableException} when the OpenCL loader is
     * missing or no platform is installed.
     */
    public static List<OpenClDevice> list() {
        try {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            try {
                clGetPlatformIDs(0, null, count);
            } catch (CLException e) {
                if (e.getStatus() == CL_PLATFORM_NOT_FOUND_KHR) {
                    throw new UnavailableException("no OpenCL platform found: " + INSTALL);
                }
                throw e;
            }
            if (count[0] == 0) {
                throw new UnavailableException("no OpenCL platform found: " + INSTALL);
            }
            var platforms = new cl_platform_id[count[0]];
            clGetPlatformIDs(platforms.length, platforms, null);
            List<OpenClDevice> devices = new ArrayList<>();
            for (int p = 0; p < platforms.length; p++) {
                devices.addAll(devicesOf(p, platforms[p]));
            }
            if (devices.isEmpty()) {
                throw new UnavailableException("OpenCL platforms found, but no device: " + INSTALL);
            }
            return List.copyOf(devices);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new UnavailableException("the OpenCL loader (libOpenCL.so) could not be loaded on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + INSTALL, e);
        }
    }

    private static List<OpenClDevice> devicesOf(int p, cl_platform_id platform) {
        int[] count = new int[1];
        try {
            clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
        } catch (CLException e) {
            return List.of(); // CL_DEVICE_NOT_FOUND: a platform without devices
        }
        var ids = new cl_device_id[count[0]];
        clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
        String pName = platformString(platform, CL_PLATFORM_NAME);
        String pVendor = platformString(platform, CL_PLATFORM_VENDOR);
        String pVersion = platformString(platform, CL_PLATFORM_VERSION);
        String pProfile = platformString(platform, CL_PLATFORM_PROFILE);
        List<OpenClDevice> devices = new ArrayList<>();
        for (int d = 0; d < ids.length; d++) {
            var id = ids[d];
            devices.add(new OpenClDevice(p, d, pName, pVendor, pVersion, pProfile,
                    deviceString(id, CL_DEVICE_NAME), typeName(deviceLong(id, CL_DEVICE_TYPE)),
                    deviceString(id, CL_DEVICE_VERSION),
                    deviceInt(id, CL_DEVICE_MAX_CLOCK_FREQUENCY), deviceInt(id, CL_DEVICE_MAX_COMPUTE_UNITS),
                    deviceLong(id, CL_DEVICE_LOCAL_MEM_SIZE), deviceLong(id, CL_DEVICE_MAX_CONSTANT_BUFFER_SIZE),
                    deviceLong(id, CL_DEVICE_GLOBAL_MEM_SIZE), deviceLong(id, CL_DEVICE_MAX_MEM_ALLOC_SIZE),
                    deviceSize(id, CL_DEVICE_MAX_WORK_GROUP_SIZE), deviceLong(id, CL_DEVICE_DOUBLE_FP_CONFIG) != 0,
                    platform, id));
        }
        return devices;
    }

    /** Chooses by {@value #PROPERTY}, then {@value #ENV}, then GPU before accelerator before CPU. */
    public static Choice choose() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return choose(list(), property, "-D" + PROPERTY);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return choose(list(), env, ENV);
        }
        return choose(list(), null, null);
    }

    /**
     * The choice among {@code devices} for a request ({@code null}: the default order); {@code source}
     * names where the request came from, for the reason.
     */
    public static Choice choose(List<OpenClDevice> devices, String request, String source) {
        if (devices.isEmpty()) {
            throw new UnavailableException("no OpenCL device found: " + INSTALL);
        }
        if (request == null) {
            for (String type : List.of("GPU", "ACCELERATOR", "CPU")) {
                for (OpenClDevice d : devices) {
                    if (d.type().equals(type)) {
                        String why = switch (type) {
                            case "GPU" -> "it is the first GPU";
                            case "ACCELERATOR" -> "no GPU was found and it is the first accelerator";
                            default -> "no GPU or accelerator was found and it is the first CPU device";
                        };
                        return new Choice(d, why + " (set -D" + PROPERTY + " or " + ENV + " to pick another)");
                    }
                }
            }
            return new Choice(devices.get(0), "it is the only kind of device found");
        }
        String r = request.strip().toLowerCase(Locale.ROOT);
        if (r.matches("\\d+:\\d+")) {
            for (OpenClDevice d : devices) {
                if (d.index().equals(r)) {
                    return new Choice(d, source + " asked for device " + r);
                }
            }
        } else if (r.matches("gpu|cpu|accelerator")) {
            for (OpenClDevice d : devices) {
                if (d.type().equalsIgnoreCase(r)) {
                    return new Choice(d, source + " asked for the first " + r.toUpperCase(Locale.ROOT));
                }
            }
        } else {
            for (OpenClDevice d : devices) {
                String text = (d.platformName() + " " + d.platformVendor() + " " + d.name()).toLowerCase(Locale.ROOT);
                if (text.contains(r) || (r.equals("pocl") && d.isPocl())) {
                    return new Choice(d, source + " asked for '" + request.strip() + "'");
                }
            }
        }
        throw new UnavailableException(source + "=" + request + " matches no OpenCL device; found: "
                + String.join("; ", devices.stream().map(OpenClDevice::toString).toList())
                + " (use platform:device, gpu, cpu, accelerator or part of a name)");
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(p, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        clGetPlatformInfo(p, param, buffer.length, Pointer.to(buffer), null);
        return cString(buffer);
    }

    static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, buffer.length, Pointer.to(buffer), null);
        return cString(buffer);
    }

    private static String cString(byte[] buffer) {
        int n = buffer.length;
        while (n > 0 && buffer[n - 1] == 0) {
            n--;
        }
        return new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    /** {@code CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT}: 16 on an AVX-512 PoCL device, often 1 on a GPU. */
    public static int preferredFloatWidth(OpenClDevice device) {
        return (int) deviceInt(device.id(), CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT);
    }

    private static long deviceInt(cl_device_id d, int param) {
        int[] value = new int[1];
        clGetDeviceInfo(d, param, Sizeof.cl_uint, Pointer.to(value), null);
        return Integer.toUnsignedLong(value[0]);
    }

    private static long deviceLong(cl_device_id d, int param) {
        long[] value = new long[1];
        try {
            clGetDeviceInfo(d, param, Sizeof.cl_ulong, Pointer.to(value), null);
        } catch (CLException e) {
            return 0; // e.g. CL_DEVICE_DOUBLE_FP_CONFIG on a device without doubles
        }
        return value[0];
    }

    private static long deviceSize(cl_device_id d, int param) {
        long[] value = new long[1];
        clGetDeviceInfo(d, param, Sizeof.size_t, Pointer.to(value), null);
        return value[0];
    }

    /** The type name recipes print for a {@code CL_DEVICE_TYPE} bit field: GPU before accelerator before CPU. */
    static String typeName(long type) {
        if ((type & CL_DEVICE_TYPE_GPU) != 0) {
            return "GPU";
        }
        if ((type & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
            return "ACCELERATOR";
        }
        if ((type & CL_DEVICE_TYPE_CPU) != 0) {
            return "CPU";
        }
        return "OTHER";
    }
}
