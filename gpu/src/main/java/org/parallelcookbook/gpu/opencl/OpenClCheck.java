package org.parallelcookbook.gpu.opencl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parallelcookbook.core.UnavailableException;
import org.parallelcookbook.core.doctor.PrerequisiteCheck;

/** {@code ./cookbook doctor}: the OpenCL platforms and devices found, and which one recipes use. */
public final class OpenClCheck implements PrerequisiteCheck {

    @Override
    public String neededBy() {
        return "gpu";
    }

    @Override
    public String name() {
        return "OpenCL";
    }

    @Override
    public Status check() {
        try {
            List<OpenClDevice> devices = OpenClDevices.list();
            List<String> details = new ArrayList<>();
            for (OpenClDevice d : devices) {
                details.add(String.format(Locale.ROOT, "%s %s: %s, %s, %d compute units, %d MiB (%s)", d.index(),
                        d.platformName(), d.name(), d.type(), d.computeUnits(), d.globalMemBytes() >> 20,
                        d.platformVersion()));
            }
            details.add("recipes use " + OpenClDevices.choose().describe());
            return new Status(true, details, "");
        } catch (UnavailableException e) {
            return Status.missing(OpenClDevices.INSTALL, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return Status.missing(OpenClDevices.INSTALL, "OpenCL failed: " + e);
        }
    }
}
