package org.parallelcookbook.examples.cli;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.parallelcookbook.core.doctor.PrerequisiteCheck;
import picocli.CommandLine.Command;

/**
 * {@code cookbook doctor}: what this machine offers the cookbook. The JDK, cores and memory, then
 * every optional part the modules registered a {@link PrerequisiteCheck} for (MPJ Express, OpenCL,
 * CUDA, ...), each OK or missing with the command that installs it.
 */
@Command(name = "doctor", description = "Report the JDK, cores, memory and each optional part (MPJ Express, OpenCL, CUDA);"
        + " exit 1 when a part a module needs and a user can install is missing.")
final class DoctorCommand implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() {
        Runtime rt = Runtime.getRuntime();
        int feature = Runtime.version().feature();
        line(feature >= 21, "JDK", System.getProperty("java.vm.vendor") + " " + Runtime.version()
                + " at " + System.getProperty("java.home"), feature >= 21 ? "" : "install a JDK 21 or newer");
        line(true, "cores", rt.availableProcessors() + " available processors", "");
        String physical = "";
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            physical = String.format(Locale.ROOT, "%.1f GiB physical, ", os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        line(true, "memory", physical + String.format(Locale.ROOT, "max heap %.1f GiB", rt.maxMemory() / (1024.0 * 1024 * 1024)), "");
        List<String> missingParts = new java.util.ArrayList<>();
        int hardwareMissing = 0;
        for (PrerequisiteCheck check : ServiceLoader.load(PrerequisiteCheck.class)) {
            PrerequisiteCheck.Status s;
            try {
                s = check.check();
            } catch (RuntimeException | LinkageError e) {
                s = PrerequisiteCheck.Status.missing("", "check failed: " + e);
            }
            String who = check.neededBy().isEmpty() ? "" : " (module " + check.neededBy() + ")";
            line(s.ok(), check.name(), (s.details().isEmpty() ? "" : s.details().get(0)) + (s.ok() ? "" : who), s.install());
            s.details().stream().skip(1).forEach(d -> System.out.println("                  " + d));
            if (!s.ok() && check.installable()) {
                missingParts.add(check.name() + who);
            } else if (!s.ok()) {
                hardwareMissing++;
            }
        }
        if (feature < 21) {
            missingParts.add("JDK 21+");
        }
        if (!missingParts.isEmpty()) {
            System.out.println("missing: " + String.join(", ", missingParts)
                    + "; install them (see above), or their modules' recipes are skipped and tests fail");
            return 1;
        }
        System.out.println(hardwareMissing == 0 ? "all parts present"
                : "all installable parts present; " + hardwareMissing + " hardware part(s) absent: the recipes that need them are skipped");
        return 0;
    }

    private static void line(boolean ok, String name, String detail, String install) {
        System.out.printf(Locale.ROOT, "%-8s %-16s %s%n", ok ? "OK" : "MISSING", name, detail);
        if (!ok && !install.isEmpty()) {
            System.out.printf(Locale.ROOT, "%-8s %-16s install: %s%n", "", "", install);
        }
    }
}
