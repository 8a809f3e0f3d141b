package org.parallelcookbook.core.doctor;

import java.util.List;

/**
 * One optional part a module needs (MPJ Express, an OpenCL platform, a CUDA driver), checked by
 * {@code ./cookbook doctor}. Modules register implementations with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.parallelcookbook.core.doctor.PrerequisiteCheck}).
 */
public interface PrerequisiteCheck {

    /** What is checked, e.g. "MPJ Express". */
    String name();

    /** The module whose recipes need the part, e.g. "mpi" ("" when not said). */
    default String neededBy() {
        return "";
    }

    /**
     * Whether the part is software a user installs (MPJ Express, an OpenCL runtime): doctor fails
     * when one is missing. False for hardware (an NVIDIA GPU and its driver), whose recipes skip.
     */
    default boolean installable() {
        return true;
    }

    /** Looks for the part; never throws, never hangs for long. */
    Status check();

    /**
     * The finding.
     *
     * @param ok      whether the part is usable
     * @param details what was found (versions, devices, paths) or what is missing
     * @param install the command or step that installs it when missing ("" when ok)
     */
    record Status(boolean ok, List<String> details, String install) {
        public Status {
            details = List.copyOf(details);
        }

        public static Status found(String... details) {
            return new Status(true, List.of(details), "");
        }

        public static Status missing(String install, String... details) {
            return new Status(false, List.of(details), install);
        }
    }
}
