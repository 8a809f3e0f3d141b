package org.parallelcookbook.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.parallelcookbook.core.report.Charts;
import org.parallelcookbook.core.report.Json;
import org.parallelcookbook.examples.mandelbrot.MandelbrotComparison;
import org.parallelcookbook.examples.mandelbrot.MandelbrotSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cookbook compare mandelbrot}: one problem solved by every parallel model of the cookbook,
 * measured side by side on this machine.
 */
@Command(name = "compare", description = "Solve one problem with every parallel model and compare (problem: mandelbrot).")
final class CompareCommand implements Callable<Integer> {

    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Parameters(index = "0", paramLabel = "PROBLEM", description = "The problem: mandelbrot.")
    String problem;

    @Option(names = "--size", paramLabel = "WxH", description = "Grid size (default ${DEFAULT-VALUE}).")
    String size = "1024x1024";

    @Option(names = "--max-iter", paramLabel = "N", description = "Iteration limit per point (default ${DEFAULT-VALUE}).")
    int maxIter = 1000;

    @Option(names = "--models", paramLabel = "LIST", split = ",", description = "Only these models.")
    List<String> models = new ArrayList<>();

    @Option(names = "--workers", paramLabel = "N", description = "Workers per model (default: the cores, ${DEFAULT-VALUE}).")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up renders per model (default ${DEFAULT-VALUE}).")
    int warmup = 2;

    @Option(names = "--trials", paramLabel = "N", description = "Measured renders per model (default ${DEFAULT-VALUE}).")
    int trials = 5;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the table as JSON.")
    Path json;

    @Option(names = "--chart", paramLabel = "FILE", description = "Write a speedup chart (.png or .svg).")
    Path chart;

    @Option(names = "--image", paramLabel = "FILE.png", description = "Write the rendered set as PNG.")
    Path image;

    @Override
    public Integer call() throws Exception {
        if (!problem.equals("mandelbrot")) {
            throw new CookbookCli.UsageError("unknown problem '" + problem + "'; the problem is: mandelbrot");
        }
        if (!size.matches("\\d{1,5}x\\d{1,5}")) {
            throw new CookbookCli.UsageError("--size takes WIDTHxHEIGHT such as 1024x1024, got '" + size + "'");
        }
        String[] wh = size.split("x");
        int w = Integer.parseInt(wh[0]);
        int h = Integer.parseInt(wh[1]);
        if (w < 1 || h < 1 || (long) w * h > 64L * 1024 * 1024) {
            throw new CookbookCli.UsageError("--size must be at least 1x1 and at most 64 Mpixels, got " + size);
        }
        if (maxIter < 1 || workers < 1 || trials < 1 || warmup < 0) {
            throw new CookbookCli.UsageError("--max-iter, --workers and --trials must be at least 1, --warmup at least 0");
        }
        for (String m : models) {
            if (!MandelbrotComparison.modelNames().contains(m)) {
                throw new CookbookCli.UsageError("unknown model '" + m + "'; models: "
                        + String.join(", ", MandelbrotComparison.modelNames()));
            }
        }
        if (chart != null && !chart.toString().matches("(?i).*\\.(png|svg)")) {
            throw new CookbookCli.UsageError("--chart must name a .png or .svg file");
        }
        if (image != null && !image.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new CookbookCli.UsageError("--image must name a .png file");
        }
        MandelbrotSpec spec = MandelbrotSpec.classic(w, h, maxIter);
        var result = MandelbrotComparison.run(spec, models, workers, warmup, trials,
                (done, total, what) -> System.err.printf(Locale.ROOT, "  [%d/%d] %s%n", Math.min(done + 1, total), total, what));
        System.out.print(MandelbrotComparison.table(result));
        if (json != null) {
            java.nio.file.Files.writeString(json, Json.write(MandelbrotComparison.toMap(result)) + "\n");
            System.err.println("wrote " + json);
        }
        if (chart != null) {
            List<String> names = new ArrayList<>();
            List<Double> speedups = new ArrayList<>();
            result.rows().stream().filter(r -> r.time() != null).forEach(r -> {
                names.add(r.model());
                speedups.add(r.speedup());
            });
            Charts.write(Charts.bars(String.format(Locale.ROOT, "Mandelbrot %s, %d iterations: speedup over sequential (%d cores)",
                    size, maxIter, result.cores()), "speedup", names, speedups), chart);
            System.err.println("wrote " + chart);
        }
        if (image != null) {
            MandelbrotComparison.writeImage(spec, result.reference(), image);
            System.err.println("wrote " + image);
        }
        boolean wrong = result.rows().stream().anyMatch(r -> r.status().equals("WRONG"));
        return wrong ? 1 : 0;
    }
}
