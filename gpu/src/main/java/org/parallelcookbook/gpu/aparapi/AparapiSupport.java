package org.parallelcookbook.gpu.aparapi;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.kernel.KernelManager;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.parallelcookbook.core.UnavailableException;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.gpu.opencl.OpenClDevices;

/**
 * Where an Aparapi kernel runs, chosen on purpose and reported honestly. Aparapi translates a
 * kernel's Java bytecode to OpenCL C at its first {@code execute}; when that fails (no OpenCL, a
 * construct it cannot translate) it quietly runs the same {@code run()} method on a Java thread
 * pool (JTP) instead. So the recipes ask Aparapi for the device {@link OpenClDevices} chose, and
 * after the run ask the kernel where it really ran.
 */
public final class AparapiSupport {

    static {
        // Aparapi logs through java.util.logging at WARNING for harmless things (the NestHost
        // attribute of nested classes, a missing local-variable table); keep recipe output clean.
        if (System.getProperty("com.aparapi.logLevel") == null) {
            System.setProperty("com.aparapi.logLevel", "SEVERE");
        }
    }

    /** What the user asked for. */
    public enum Mode {
        /** the OpenCL device {@link OpenClDevices} chooses, or the thread pool when there is no OpenCL */
        AUTO,
        /** the OpenCL device; no OpenCL is an error */
        OPENCL,
        /** the Java thread pool, skipping OpenCL */
        JTP;

        public static Mode parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "opencl", "cl", "gpu" -> OPENCL;
                case "jtp", "java", "threads" -> JTP;
                default -> throw new UsageException("--mode must be auto, opencl or jtp, got '" + text + "'");
            };
        }
    }

    /** The Aparapi device to run on and why. */
    public record Target(Device device, String reason) {
        public String describe() {
            return AparapiSupport.describe(device);
        }
    }

    /** Where a kernel actually ran. */
    public record Ran(boolean openCl, String where) {
    }

    private AparapiSupport() {
    }

    /** Chooses the device for a mode. */
    public static Target choose(Mode mode) {
        if (mode == Mode.JTP) {
            return new Target(JavaDevice.THREAD_POOL, "--mode jtp asked for the Java thread pool");
        }
        OpenClDevices.Choice choice;
        try {
            choice = OpenClDevices.choose();
        } catch (UnavailableException e) {
            if (mode == Mode.OPENCL) {
                throw e;
            }
            return new Target(JavaDevice.THREAD_POOL, "no OpenCL device (" + e.getMessage() + "), so the Java thread pool");
        }
        List<OpenCLDevice> devices;
        try {
            devices = OpenCLDevice.listDevices(null);
        } catch (RuntimeException | LinkageError e) {
            devices = List.of();
        }
        String wanted = choice.device().name();
        for (OpenCLDevice d : devices) {
            String name = d.getName() == null ? "" : d.getName().strip();
            if (!name.isEmpty() && (wanted.startsWith(name) || name.startsWith(wanted))) {
                return new Target(d, "it is the OpenCL device the chapter's recipes use: " + choice.reason());
            }
        }
        if (mode == Mode.OPENCL) {
            throw new UnavailableException("Aparapi's native OpenCL binding found no device matching " + choice.device().describe());
        }
        return new Target(JavaDevice.THREAD_POOL, "Aparapi's native OpenCL binding did not find "
                + choice.device().describe() + ", so the Java thread pool");
    }

    /**
     * A 1-D range of at least {@code n} work items, padded up to a multiple of the group size:
     * kernels must guard {@code getGlobalId() < n}. (Aparapi 3.0.2's {@code createRange(n)} on the
     * Java thread pool picks a group size that need not divide n and silently drops the remainder:
     * 15 items ran as 7 groups of 2.)
     */
    public static Range range(Device device, int n) {
        int local = device instanceof JavaDevice ? 4 : Math.max(1, Math.min(64, device.getMaxWorkGroupSize()));
        int global = Math.max(local, (n + local - 1) / local * local);
        return Range.create(device, global, local);
    }

    /** A 2-D range of tile×tile groups covering width×height, padded (kernels guard). */
    public static Range range2d(Device device, int width, int height, int tile) {
        return Range.create2D(device, (width + tile - 1) / tile * tile, (height + tile - 1) / tile * tile, tile, tile);
    }

    /** Makes {@code device} the only one Aparapi may use for {@code kernel} (no silent switch to another GPU). */
    public static void use(Kernel kernel, Device device) {
        KernelManager.instance().setPreferredDevices(kernel, new LinkedHashSet<>(List.of(device)));
    }

    /** Asks a kernel, after {@code execute}, where it ran. */
    public static Ran ranOn(Kernel kernel) {
        if (kernel.isRunningCL()) {
            return new Ran(true, "OpenCL on " + describe(kernel.getTargetDevice()));
        }
        Device d = kernel.getTargetDevice();
        return new Ran(false, "Java thread pool (JTP" + (d == JavaDevice.THREAD_POOL ? "" : ", the fallback") + ")");
    }

    static String describe(Device device) {
        if (device instanceof OpenCLDevice d) {
            return d.getName().strip() + " (" + d.getOpenCLPlatform().getName().strip() + ", " + d.getType() + ")";
        }
        return device.getShortDescription();
    }
}
