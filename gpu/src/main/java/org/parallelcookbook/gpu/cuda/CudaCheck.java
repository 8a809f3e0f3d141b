package org.parallelcookbook.gpu.cuda;

import java.util.ArrayList;
import java.util.List;
import org.parallelcookbook.core.doctor.PrerequisiteCheck;

/** {@code ./cookbook doctor}: the CUDA driver and devices, or what is missing and what is needed. */
public final class CudaCheck implements PrerequisiteCheck {

    @Override
    public String neededBy() {
        return "gpu";
    }

    @Override
    public boolean installable() {
        return false; // an NVIDIA GPU with its driver; the CUDA recipes skip without one
    }

    @Override
    public String name() {
        return "CUDA";
    }

    @Override
    public Status check() {
        try {
            var probe = CudaSupport.probe();
            if (!probe.available()) {
                return Status.missing(CudaSupport.NEEDS, "no CUDA device found: " + probe.reason(),
                        "CUDA recipes (ch6.cuda-*, ch6.numbapro-libs) are skipped; OpenCL and Aparapi ones still run");
            }
            List<String> details = new ArrayList<>();
            details.add("driver API version " + probe.driverVersion() / 1000 + "." + probe.driverVersion() % 1000 / 10
                    + ", " + probe.deviceCount() + " device(s)");
            try (var cuda = CudaContext.open(null)) {
                details.add(cuda.describe());
            }
            details.add(library("NVRTC 12", CudaSupport::requireNvrtc));
            details.add(library("cuBLAS 12", CudaSupport::requireCublas));
            return new Status(true, details, "");
        } catch (RuntimeException | LinkageError e) {
            return Status.missing(CudaSupport.NEEDS, "CUDA check failed: " + e.getClass().getSimpleName());
        }
    }

    private static String library(String name, Runnable require) {
        try {
            require.run();
            return name + ": found";
        } catch (RuntimeException e) {
            return name + ": " + e.getMessage();
        }
    }
}
