package org.parallelcookbook.processes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.parallelcookbook.core.launch.JvmLauncher;
import org.parallelcookbook.core.measure.Bootstrap;
import org.parallelcookbook.core.measure.CustomBenchmark;
import org.parallelcookbook.core.measure.Interval;
import org.parallelcookbook.core.measure.Measurer;
import org.parallelcookbook.core.measure.Progress;
import org.parallelcookbook.core.measure.Summary;

/**
 * The cost of a Java "process": the median wall time to start a child JVM running
 * {@link TrivialChild} (an empty {@code main}), let it exit and join it, through core's
 * {@link JvmLauncher} (so the parent-watchdog of {@code ChildMain} is included), under five sets of
 * options: no class data sharing at all, the JDK's defaults, {@link StartupTuning#QUICK}, quick plus
 * an AppCDS archive, and quick plus a JDK 25 AOT cache. {@code ./cookbook bench ch3.spawn}.
 */
public final class JvmStartupBenchmark implements CustomBenchmark {

    /** One measured configuration. */
    public record Variant(String name, List<String> options) {
    }

    /** The configurations this machine supports (archives that cannot be built are left out). */
    public static List<Variant> variants() {
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("no CDS (-Xshare:off)", List.of("-Xshare:off")));
        v.add(new Variant("JDK defaults", List.of()));
        v.add(new Variant("quick flags", StartupTuning.QUICK));
        Optional<List<String>> cds = StartupTuning.appCdsArchive(TrivialChild.class, StartupTuning.QUICK);
        cds.ifPresent(o -> v.add(new Variant("quick + AppCDS archive", concat(StartupTuning.QUICK, o))));
        Optional<List<String>> aot = StartupTuning.aotCache(TrivialChild.class, StartupTuning.QUICK);
        aot.ifPresent(o -> v.add(new Variant("quick + AOT cache (JDK 25)", concat(StartupTuning.QUICK, o))));
        return v;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.removeIf(o -> o.startsWith("-Xshare")); // the archive options say how to share (AOTCache allows no -Xshare)
        all.addAll(b);
        return all;
    }

    /** Starts, runs and joins one trivial child with these options; returns its exit status. */
    public static int startOnce(List<String> options) throws Exception {
        return JvmLauncher.forMain(TrivialChild.class).jvmOptions(options.toArray(String[]::new))
                .run(Duration.ofSeconds(60)).requireSuccess().exitCode();
    }

    @Override
    public Report run(Options options, Progress progress) throws Exception {
        List<Variant> variants = variants();
        var measurer = new Measurer(options.warmup(), options.trials());
        List<List<Object>> rows = new ArrayList<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        double baseline = Double.NaN;
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            progress.update(i, variants.size(), v.name());
            double[] seconds = measurer.sample(() -> startOnce(v.options())).seconds();
            Summary s = Summary.of(seconds);
            Interval ci = Bootstrap.seeded(i).medianOf(seconds);
            if (v.name().equals("JDK defaults")) {
                baseline = s.median();
            }
            rows.add(List.of(v.name(), s.median() * 1e3, String.format(Locale.ROOT, "[%.1f, %.1f]", ci.lo() * 1e3, ci.hi() * 1e3),
                    s.min() * 1e3, s.max() * 1e3, String.join(" ", v.options())));
            figures.put(v.name() + " median ms", s.median() * 1e3);
            figures.put(v.name() + " median ms 95% CI", List.of(ci.lo() * 1e3, ci.hi() * 1e3));
        }
        figures.put("baseline (JDK defaults) median ms", baseline * 1e3);
        return new Report("start + run + join of a trivial child JVM (" + options.trials() + " trials, ms)",
                List.of("options", "median ms", "95 % CI", "min ms", "max ms", "JVM options"), rows, figures, "median ms");
    }
}
