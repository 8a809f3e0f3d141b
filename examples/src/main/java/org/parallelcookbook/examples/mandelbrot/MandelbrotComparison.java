package org.parallelcookbook.examples.mandelbrot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.parallelcookbook.core.measure.Clock;
import org.parallelcookbook.core.measure.Measurer;
import org.parallelcookbook.core.measure.PerformanceMetrics;
import org.parallelcookbook.core.measure.Progress;
import org.parallelcookbook.core.measure.Summary;
import org.parallelcookbook.core.report.TextTable;

/**
 * One problem, every model: renders the same Mandelbrot grid with each model, checks every result
 * against the sequential one, and measures start-up of the model's machinery separately from the
 * median render time.
 */
public final class MandelbrotComparison {

    /** Every model the cookbook knows, in the order of the book. */
    public static List<Supplier<MandelbrotModel>> allModels() {
        return List.of(ThreadModels.Sequential::new, ThreadModels.StaticBlocks::new, ThreadModels.Dynamic::new,
                ThreadModels.ForkJoin::new, ThreadModels.VirtualThreads::new, WorkerPoolMandelbrot::new,
                mpiModel(), HazelcastMandelbrot::new, OpenClMandelbrot::new, AparapiMandelbrot::new,
                CudaMandelbrot::new);
    }

    /**
     * The mpi model, compiled (from {@code src/mpi/java}) only where MPJ Express was present when the
     * cookbook was built; elsewhere a stand-in that says so, so the model is listed and skipped.
     */
    static Supplier<MandelbrotModel> mpiModel() {
        try {
            var constructor = Class.forName(MandelbrotComparison.class.getPackageName() + ".MpiMandelbrot")
                    .asSubclass(MandelbrotModel.class).getConstructor();
            return () -> {
                try {
                    return constructor.newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create the mpi model", e);
                }
            };
        } catch (ClassNotFoundException e) {
            return MpiNotBuilt::new;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the mpi model has no public no-argument constructor", e);
        }
    }

    /** Whether this build contains the mpi model (MPJ Express was present at build time). */
    public static boolean mpiModelBuilt() {
        return !(mpiModel().get() instanceof MpiNotBuilt);
    }

    /** Stands in for the mpi model in a cookbook built without MPJ Express. */
    private static final class MpiNotBuilt implements MandelbrotModel {
        @Override
        public String name() {
            return "mpi";
        }

        @Override
        public String chapter() {
            return "3 (MPJ Express)";
        }

        @Override
        public String unavailableReason() {
            return "this cookbook was built without MPJ Express, so the mpi module was left out"
                    + " (install MPJ Express and build again)";
        }

        @Override
        public int[] render(MandelbrotSpec spec, int workers) {
            throw new UnsupportedOperationException(unavailableReason());
        }

        @Override
        public void close() {
        }
    }

    /** The names accepted by {@code --models}. */
    public static List<String> modelNames() {
        List<String> names = new ArrayList<>();
        for (Supplier<MandelbrotModel> s : allModels()) {
            try (MandelbrotModel m = s.get()) {
                names.add(m.name());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }

    /**
     * One model's row of the comparison.
     *
     * @param startSeconds machinery start-up (JVMs, ranks, members, context), not part of the median
     * @param time         render trials
     * @param identical    whether its counts equal the sequential ones
     */
    public record Row(String model, String chapter, String status, int workers, double startSeconds, Summary time,
                      double speedup, double efficiency, boolean identical, String notes) {
    }

    /** The whole comparison. */
    public record Result(MandelbrotSpec spec, int cores, String jdk, List<Row> rows, int[] reference) {
    }

    private MandelbrotComparison() {
    }

    /**
     * Runs the named models (all when empty) on {@code spec} with {@code workers} workers each.
     * Models that cannot run here are listed as skipped with their reason.
     */
    public static Result run(MandelbrotSpec spec, List<String> models, int workers, int warmup, int trials,
                             Progress progress) throws Exception {
        List<String> wanted = models.isEmpty() ? modelNames() : models;
        for (String name : wanted) {
            if (!modelNames().contains(name)) {
                throw new IllegalArgumentException("unknown model '" + name + "'; models: " + String.join(", ", modelNames()));
            }
        }
        Measurer measurer = new Measurer(Clock.system(), warmup, trials);
        int[] reference = new ThreadModels.Sequential().render(spec, 1);
        List<Row> rows = new ArrayList<>();
        Double sequentialMedian = null;
        int step = 0;
        for (Supplier<MandelbrotModel> supplier : allModels()) {
            try (MandelbrotModel model = supplier.get()) {
                if (!wanted.contains(model.name())) {
                    continue;
                }
                progress.update(step++, wanted.size(), model.name());
                String reason = model.unavailableReason();
                if (reason != null) {
                    rows.add(new Row(model.name(), model.chapter(), "skipped", 0, 0, null, Double.NaN, Double.NaN, false, reason));
                    continue;
                }
                Measurer.Timed<Void> started = Measurer.once(Clock.system(), () -> {
                    model.start(workers);
                    return null;
                });
                int[] counts = model.render(spec, workers);
                boolean identical = Arrays.equals(reference, counts);
                int used = model.effectiveWorkers(workers);
                Summary time = measurer.measure(() -> model.render(spec, workers));
                if (model.name().equals("sequential")) {
                    sequentialMedian = time.median();
                }
                double speedup = sequentialMedian == null ? Double.NaN : PerformanceMetrics.speedup(sequentialMedian, time.median());
                rows.add(new Row(model.name(), model.chapter(), identical ? "ok" : "WRONG", used, started.seconds(), time,
                        speedup, Double.isNaN(speedup) ? Double.NaN : speedup / used, identical, model.notes()));
            }
        }
        progress.update(wanted.size(), wanted.size(), "done");
        return new Result(spec, Runtime.getRuntime().availableProcessors(), Runtime.version().toString(), rows, reference);
    }

    public static String table(Result r) {
        TextTable t = new TextTable("model", "status", "workers", "start-up", "median", "min", "speedup", "efficiency", "notes");
        for (Row row : r.rows()) {
            if (row.time() == null) {
                t.row(row.model(), row.status(), "-", "-", "-", "-", "-", "-", row.notes());
            } else {
                t.row(row.model(), row.status(), row.workers(), ms(row.startSeconds()), ms(row.time().median()),
                        ms(row.time().min()), f2(row.speedup()), f2(row.efficiency()), row.notes());
            }
        }
        return String.format(Locale.ROOT, "Mandelbrot %dx%d, max %d iterations, on %d cores, JDK %s%n",
                r.spec().width(), r.spec().height(), r.spec().maxIter(), r.cores(), r.jdk()) + t.render();
    }

    public static Map<String, Object> toMap(Result r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("width", r.spec().width());
        root.put("height", r.spec().height());
        root.put("max_iter", r.spec().maxIter());
        root.put("cores", r.cores());
        root.put("jdk", r.jdk());
        List<Object> rows = new ArrayList<>();
        for (Row row : r.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", row.model());
            m.put("chapter", row.chapter());
            m.put("status", row.status());
            m.put("workers", row.workers());
            m.put("start_s", row.startSeconds());
            m.put("median_s", row.time() == null ? null : row.time().median());
            m.put("min_s", row.time() == null ? null : row.time().min());
            m.put("max_s", row.time() == null ? null : row.time().max());
            m.put("speedup", row.speedup());
            m.put("efficiency", row.efficiency());
            m.put("identical", row.identical());
            m.put("notes", row.notes());
            rows.add(m);
        }
        root.put("models", rows);
        return root;
    }

    /** Colours the iteration counts: black inside the set, a smooth palette outside. */
    public static BufferedImage image(MandelbrotSpec spec, int[] counts) {
        BufferedImage img = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < spec.height(); row++) {
            for (int col = 0; col < spec.width(); col++) {
                int n = counts[row * spec.width() + col];
                int rgb = 0;
                if (n < spec.maxIter()) {
                    double t = Math.log1p(n) / Math.log1p(spec.maxIter());
                    int r = (int) (9 * (1 - t) * t * t * t * 255);
                    int g = (int) (15 * (1 - t) * (1 - t) * t * t * 255);
                    int b = (int) (8.5 * (1 - t) * (1 - t) * (1 - t) * t * 255);
                    rgb = (Math.min(r, 255) << 16) | (Math.min(g, 255) << 8) | Math.min(b, 255);
                }
                // image rows go top-down, the imaginary axis bottom-up
                img.setRGB(col, spec.height() - 1 - row, rgb);
            }
        }
        return img;
    }

    public static void writeImage(MandelbrotSpec spec, int[] counts, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        ImageIO.write(image(spec, counts), "png", file.toFile());
    }

    private static String ms(double s) {
        return String.format(Locale.ROOT, "%.1f ms", s * 1e3);
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
