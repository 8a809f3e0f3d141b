package org.parallelcookbook.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parallelcookbook.core.measure.ScalingPoint;
import org.parallelcookbook.core.measure.ScalingResult;

/**
 * A scaling study as a text table, CSV or JSON. The JSON has the shape
 * {@code {"id":..,"cores":..,"jdk":..,"points":[{"workers":1,"median_s":..,"min_s":..,"max_s":..,
 * "speedup":..,"efficiency":..}]}}; with several variants every point also names its variant.
 */
public final class ScalingReport {

    private ScalingReport() {
    }

    public static String table(ScalingResult result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %s on %d cores, JDK %s, %d warm-up + %d trials each%n",
                result.id(), result.workload(), result.cores(), result.jdk(), result.warmup(), result.trials()));
        boolean many = result.series().size() > 1;
        for (ScalingResult.Series s : result.series()) {
            if (many) {
                out.append(System.lineSeparator()).append("variant ").append(s.variant()).append(System.lineSeparator());
            }
            TextTable t = new TextTable("workers", "median", "min", "max", "speedup", "efficiency",
                    "Karp-Flatt", "Amdahl");
            for (ScalingPoint p : s.points()) {
                t.row(p.workers(), sec(p.time().median()), sec(p.time().min()), sec(p.time().max()),
                        f2(p.speedup()), f2(p.efficiency()),
                        Double.isNaN(p.karpFlatt()) ? "-" : f3(p.karpFlatt()), f2(p.amdahl()));
            }
            out.append(t.render());
            out.append(String.format(Locale.ROOT, "serial fraction %.3f, fitted to p <= %d cores (Amdahl limit %s)%n",
                    s.serialFraction(), result.cores(), s.serialFraction() == 0 ? "none" : f2(1 / s.serialFraction())));
        }
        return out.toString();
    }

    public static String csv(ScalingResult result) {
        StringBuilder out = new StringBuilder(
                "id,variant,workers,median_s,min_s,max_s,speedup,efficiency,karp_flatt,amdahl\n");
        for (ScalingResult.Series s : result.series()) {
            for (ScalingPoint p : s.points()) {
                out.append(String.join(",", result.id(), s.variant(), String.valueOf(p.workers()),
                        g(p.time().median()), g(p.time().min()), g(p.time().max()), g(p.speedup()),
                        g(p.efficiency()), Double.isNaN(p.karpFlatt()) ? "" : g(p.karpFlatt()), g(p.amdahl())))
                        .append('\n');
            }
        }
        return out.toString();
    }

    public static String json(ScalingResult result) {
        return Json.write(toMap(result));
    }

    public static Map<String, Object> toMap(ScalingResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("id", result.id());
        root.put("workload", result.workload());
        root.put("cores", result.cores());
        root.put("jdk", result.jdk());
        root.put("warmup", result.warmup());
        root.put("trials", result.trials());
        boolean many = result.series().size() > 1;
        List<Object> points = new ArrayList<>();
        List<Object> fits = new ArrayList<>();
        for (ScalingResult.Series s : result.series()) {
            fits.add(Map.of("variant", s.variant(), "serial_fraction", s.serialFraction()));
            for (ScalingPoint p : s.points()) {
                Map<String, Object> m = new LinkedHashMap<>();
                if (many) {
                    m.put("variant", s.variant());
                }
                m.put("workers", p.workers());
                m.put("median_s", p.time().median());
                m.put("min_s", p.time().min());
                m.put("max_s", p.time().max());
                m.put("speedup", p.speedup());
                m.put("efficiency", p.efficiency());
                m.put("karp_flatt", p.karpFlatt());
                m.put("amdahl", p.amdahl());
                points.add(m);
            }
        }
        root.put("points", points);
        root.put("fits", fits);
        return root;
    }

    private static String sec(double s) {
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

    private static String g(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
