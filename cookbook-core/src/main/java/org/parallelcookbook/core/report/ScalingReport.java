package org.parallelcookbook.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.parallelcookbook.core.measure.Bootstrap;
import org.parallelcookbook.core.measure.ForkTrials;
import org.parallelcookbook.core.measure.Interval;
import org.parallelcookbook.core.measure.Probe;
import org.parallelcookbook.core.measure.ScalingPoint;
import org.parallelcookbook.core.measure.ScalingResult;

/**
 * A scaling study as a text table, CSV or JSON, every figure with its confidence interval.
 *
 * <p>The JSON holds everything needed to re-analyse the study: the machine (cores, JDK, OS, CPU
 * model), the date, the workers' model, warm-up, trials, batching, the forks and the seed of their
 * point order, the interval method, the probe, and for every point (which always names its
 * variant) the median, speedup and efficiency with their intervals ({@code median_ci},
 * {@code speedup_ci}, {@code efficiency_ci}, each {@code [lo, hi]}) and every raw trial time of every
 * fork ({@code forks[].seconds}).
 */
public final class ScalingReport {

    /** An interval wider than this (relative half-width) gets the noise line: +-5 %. */
    public static final double NOISE_THRESHOLD = 0.05;

    /** Rounding slack of the threshold: an interval of exactly +-5 % is not noisy. */
    private static final double SLACK = 1e-9;

    private static final List<String> CSV_HEADER = List.of("id", "variant", "model", "workers", "median_s",
            "median_lo_s", "median_hi_s", "min_s", "max_s", "speedup", "speedup_lo", "speedup_hi", "efficiency",
            "efficiency_lo", "efficiency_hi", "karp_flatt", "amdahl", "gustafson", "forks", "trials", "operations");

    private ScalingReport() {
    }

    public static String table(ScalingResult result) {
        StringBuilder out = new StringBuilder();
        String nl = System.lineSeparator();
        out.append(String.format(Locale.ROOT, "%s: %s; %s, %d cores (%s), JDK %s%n", result.id(), result.workload(),
                result.model(), result.cores(), result.machine().cpu(), result.jdk()));
        out.append(measuredHow(result)).append(nl);
        out.append("intervals: ").append(result.intervalMethod()).append(nl);
        boolean many = result.series().size() > 1;
        for (ScalingResult.Series s : result.series()) {
            if (many) {
                out.append(nl).append("variant ").append(s.variant()).append(nl);
            }
            boolean batched = s.points().stream().anyMatch(p -> operations(p) > 1);
            String ci = " [" + Bootstrap.percent(result.confidence()) + " CI]";
            List<String> header = new ArrayList<>(List.of("workers", "median" + ci, "speedup" + ci,
                    "efficiency" + ci, "Karp-Flatt", "Amdahl", "Gustafson"));
            if (batched) {
                header.add("ops/trial");
            }
            TextTable t = new TextTable(header);
            for (ScalingPoint p : s.points()) {
                List<Object> row = new ArrayList<>(List.of(p.workers(), time(p.time().median(), p.timeCi()),
                        f2(p.speedup()) + " " + p.speedupCi().format("%.2f"),
                        f2(p.efficiency()) + " " + p.efficiencyCi().format("%.2f"),
                        Double.isNaN(p.karpFlatt()) ? "-" : f3(p.karpFlatt()), f2(p.amdahl()), f2(p.gustafson())));
                if (batched) {
                    row.add(operations(p));
                }
                t.row(row);
            }
            out.append(t.render());
            out.append(String.format(Locale.ROOT,
                    "serial fraction %.3f %s, fitted to p <= %d cores (Amdahl limit %s); Gustafson: the scaled speedup if the problem grew with p%n",
                    s.serialFraction(), s.serialFractionCi().format("%.3f"), result.cores(),
                    s.serialFraction() == 0 ? "none" : f2(1 / s.serialFraction())));
            if (batched) {
                out.append("batched: runs shorter than the minimum trial time are repeated ops/trial times per trial; times are per run")
                        .append(nl);
            }
        }
        noise(result, NOISE_THRESHOLD).ifPresent(line -> out.append(line).append(nl));
        if (result.probe() != null) {
            out.append(probe(result.probe())).append(nl);
        }
        return out.toString();
    }

    /** One line: forks, warm-up, rounds of trials, batching, order. */
    static String measuredHow(ScalingResult r) {
        String warm = r.warmup() + " warm-up run" + (r.warmup() == 1 ? "" : "s")
                + (r.minWarmup().isZero() ? "" : String.format(Locale.ROOT, " and >= %.2f s warm-up", r.minWarmup().toNanos() / 1e9));
        String batch = r.minTrial().isZero() ? "" : String.format(Locale.ROOT, ", trials >= %.0f ms (batched below)", r.minTrial().toNanos() / 1e6);
        String atLeast = r.measureTime().isZero() ? "" : String.format(Locale.ROOT, " (more until >= %.1f s of rounds)", r.measureTime().toNanos() / 1e9);
        String trials = r.rounds()
                ? r.trials() + " round" + (r.trials() == 1 ? "" : "s") + atLeast + " of one trial per point" + batch + ", reversed in every second round"
                : r.trials() + " trial" + (r.trials() == 1 ? "" : "s") + " per point in one block" + batch;
        if (r.forks() == 0) {
            return "in this JVM (no forks): " + warm + " per point, then " + trials + "; fixed point order";
        }
        return String.format(Locale.ROOT, "%d fork%s (fresh JVMs), each: %s per point, then %s; point order shuffled, reversed in every second fork (seed %d)",
                r.forks(), r.forks() == 1 ? "" : "s", warm, trials, r.seed());
    }

    /**
     * The noise verdict: one line when an interval of a median time or an efficiency is wider than
     * {@code threshold} (relative half-width) of its figure, naming them and what would help; empty
     * when every interval is narrower.
     */
    public static Optional<String> noise(ScalingResult result, double threshold) {
        List<String> wide = new ArrayList<>();
        boolean many = result.series().size() > 1;
        for (ScalingResult.Series s : result.series()) {
            String v = many ? s.variant() + " " : "";
            for (ScalingPoint p : s.points()) {
                if (p.timeCi().relativeHalfWidth(p.time().median()) > threshold + SLACK) {
                    wide.add(v + "time @ " + p.workers());
                }
                if (p.workers() > 1 && p.efficiencyCi().relativeHalfWidth(p.efficiency()) > threshold + SLACK) {
                    wide.add(v + "efficiency @ " + p.workers());
                }
            }
        }
        if (wide.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
                "noise: %d interval%s wider than +-%.0f %% of the figure (%s): the machine was noisy; more --trials or --forks, or a quieter machine, narrow them",
                wide.size(), wide.size() == 1 ? " is" : "s are", threshold * 100, String.join(", ", wide)));
    }

    /** The probe line: steady, or moved. */
    public static String probe(Probe probe) {
        return String.format(Locale.ROOT, "machine probe (fixed single-thread work): %s before, %s after (%+.1f %%): %s",
                sec(probe.beforeSeconds()), sec(probe.afterSeconds()), probe.change() * 100,
                probe.moved() ? "the machine changed speed during the study; compare with a rerun"
                        : "steady within " + Math.round(Probe.THRESHOLD * 100) + " %")
                + (Double.isNaN(probe.stealFraction()) ? ""
                : String.format(Locale.ROOT, "; CPU steal %.1f %% of the machine's CPU time%s", probe.stealFraction() * 100,
                probe.stolen() ? " (the hypervisor ran other guests on these vCPUs: a VM's noise no statistics removes)" : ""));
    }

    public static String csv(ScalingResult result) {
        List<List<Object>> rows = new ArrayList<>();
        for (ScalingResult.Series s : result.series()) {
            for (ScalingPoint p : s.points()) {
                rows.add(java.util.Arrays.asList(result.id(), s.variant(), result.model(), p.workers(),
                        p.time().median(), p.timeCi().lo(), p.timeCi().hi(), p.time().min(), p.time().max(),
                        p.speedup(), p.speedupCi().lo(), p.speedupCi().hi(), p.efficiency(), p.efficiencyCi().lo(),
                        p.efficiencyCi().hi(), p.karpFlatt(), p.amdahl(), p.gustafson(), result.forks(),
                        p.time().trials(), operations(p)));
            }
        }
        return Csv.write(CSV_HEADER, rows);
    }

    public static String json(ScalingResult result) {
        return Json.pretty(toMap(result));
    }

    public static Map<String, Object> toMap(ScalingResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("id", result.id());
        root.put("workload", result.workload());
        root.put("model", result.model());
        root.put("cores", result.cores());
        root.put("jdk", result.jdk());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", result.machine().cores());
        machine.put("jdk", result.machine().jdk());
        machine.put("os", result.machine().os());
        machine.put("cpu", result.machine().cpu());
        root.put("machine", machine);
        root.put("date", result.date().toString());
        root.put("warmup", result.warmup());
        root.put("warmup_min_s", result.minWarmup().toNanos() / 1e9);
        root.put("trials", result.trials());
        root.put("min_trial_s", result.minTrial().toNanos() / 1e9);
        root.put("measure_min_s", result.measureTime().toNanos() / 1e9);
        root.put("forks", result.forks());
        root.put("fork_order", result.forks() == 0 ? "in-process, fixed order" : "seeded shuffle per pair of forks, reversed in the second fork of each pair");
        root.put("schedule", result.rounds()
                ? "rounds: every point warmed up in the fork's order, then one trial per point per round, the order reversed in every second round; trial r of every point is from round r; speedup = median over all rounds of T1[r] / Tp[r]"
                : "blocks: each point warmed up and measured in turn, all its trials in one block");
        root.put("seed", result.seed());
        root.put("interval_method", result.intervalMethod());
        root.put("confidence", result.confidence());
        if (result.probe() != null) {
            Map<String, Object> probe = new LinkedHashMap<>();
            probe.put("before_s", result.probe().beforeSeconds());
            probe.put("after_s", result.probe().afterSeconds());
            probe.put("change", result.probe().change());
            probe.put("moved", result.probe().moved());
            if (!Double.isNaN(result.probe().stealFraction())) {
                probe.put("steal", result.probe().stealFraction());
            }
            root.put("probe", probe);
        }
        noise(result, NOISE_THRESHOLD).ifPresent(line -> root.put("noise", line));
        List<Object> points = new ArrayList<>();
        List<Object> fits = new ArrayList<>();
        for (ScalingResult.Series s : result.series()) {
            Map<String, Object> fit = new LinkedHashMap<>();
            fit.put("variant", s.variant());
            fit.put("serial_fraction", s.serialFraction());
            fit.put("serial_fraction_ci", pair(s.serialFractionCi()));
            fits.add(fit);
            for (ScalingPoint p : s.points()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("variant", s.variant());
                m.put("workers", p.workers());
                m.put("median_s", p.time().median());
                m.put("median_ci", pair(p.timeCi()));
                m.put("min_s", p.time().min());
                m.put("max_s", p.time().max());
                m.put("speedup", p.speedup());
                m.put("speedup_ci", pair(p.speedupCi()));
                m.put("efficiency", p.efficiency());
                m.put("efficiency_ci", pair(p.efficiencyCi()));
                m.put("karp_flatt", p.karpFlatt());
                m.put("amdahl", p.amdahl());
                m.put("gustafson", p.gustafson());
                List<Object> forks = new ArrayList<>();
                for (ForkTrials f : p.forks()) {
                    Map<String, Object> fm = new LinkedHashMap<>();
                    fm.put("fork", f.fork());
                    fm.put("pid", f.pid());
                    fm.put("order", f.order());
                    fm.put("operations", f.operations());
                    fm.put("warmup_runs", f.warmupRuns());
                    fm.put("seconds", f.seconds());
                    forks.add(fm);
                }
                m.put("forks", forks);
                points.add(m);
            }
        }
        root.put("points", points);
        root.put("fits", fits);
        return root;
    }

    private static List<Double> pair(Interval i) {
        return List.of(i.lo(), i.hi());
    }

    private static int operations(ScalingPoint p) {
        return p.forks().stream().mapToInt(ForkTrials::operations).max().orElse(1);
    }

    /** A median with its interval, in one unit: {@code 612.34 ms [605.10, 620.30]}. */
    static String time(double median, Interval ci) {
        double scale;
        String unit;
        String fmt;
        if (median < 1e-3) {
            scale = 1e6;
            unit = "us";
            fmt = "%.1f";
        } else if (median < 1) {
            scale = 1e3;
            unit = "ms";
            fmt = "%.2f";
        } else {
            scale = 1;
            unit = "s";
            fmt = "%.3f";
        }
        return String.format(Locale.ROOT, fmt + " %s [" + fmt + ", " + fmt + "]", median * scale, unit,
                ci.lo() * scale, ci.hi() * scale);
    }

    static String sec(double s) {
        if (s < 1e-3) {
            return String.format(Locale.ROOT, "%.1f us", s * 1e6);
        }
        if (s < 1) {
            return String.format(Locale.ROOT, "%.2f ms", s * 1e3);
        }
        return String.format(Locale.ROOT, "%.3f s", s);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
