package org.parallelcookbook.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.parallelcookbook.core.RecipeInfo;
import org.parallelcookbook.core.measure.CustomBenchmark;
import org.parallelcookbook.core.measure.ForkFailedException;
import org.parallelcookbook.core.measure.Progress;
import org.parallelcookbook.core.measure.ScalableWorkload;
import org.parallelcookbook.core.measure.ScalingExperiment;
import org.parallelcookbook.core.measure.ScalingResult;
import org.parallelcookbook.core.report.Charts;
import org.parallelcookbook.core.report.Csv;
import org.parallelcookbook.core.report.Json;
import org.parallelcookbook.core.report.ScalingReport;
import org.parallelcookbook.core.report.TextTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cookbook bench <id>}: the recipe's benchmark. For a {@link ScalableWorkload} a scaling
 * study (workers, median, speedup and efficiency each with its interval (99.9 % unless --confidence says otherwise), Karp-Flatt, Amdahl,
 * Gustafson), measured in {@code --forks} fresh JVMs with a shuffled point order, with progress on
 * stderr and optionally JSON, CSV and a chart; for a {@link CustomBenchmark} its own table.
 * A fork that fails is one line naming the fork and its exit status, and exit status 1.
 */
@Command(name = "bench", description = "Benchmark a recipe: a scaling study over worker counts, or the recipe's own figures.")
final class BenchCommand implements Callable<Integer> {

    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Parameters(index = "0", paramLabel = "ID", description = "Recipe id with a benchmark (./cookbook list shows 'bench').")
    String id;

    @Option(names = "--workers", paramLabel = "LIST", converter = WorkerList.class,
            description = "Worker counts, comma-separated, e.g. 1,2,4 (default: the recipe's).")
    List<Integer> workers;

    /** Rounds of a scaling study at least, when none are given (more until --measure-time). */
    static final int STUDY_TRIALS = 10;
    /** Trials of a recipe's own benchmark when none are given. */
    static final int CUSTOM_TRIALS = 5;

    @Option(names = "--trials", paramLabel = "N",
            description = "Measured trials per point: rounds of a scaling study (default " + STUDY_TRIALS
                    + "), trials of a recipe's own benchmark (default " + CUSTOM_TRIALS + ").")
    Integer trials;

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up runs per point (default ${DEFAULT-VALUE}).")
    int warmup = 2;

    @Option(names = "--forks", paramLabel = "N",
            description = "Fresh JVMs that each measure every point, in a shuffled order (default 3 for workloads that run in this JVM, 0 for those whose workers are other JVMs; 0: measure in this JVM).")
    Integer forks;

    @Option(names = "--measure-time", paramLabel = "SECONDS",
            description = "Minimum time of a scaling study's rounds per fork: rounds go on past --trials until it is reached (default ${DEFAULT-VALUE}).")
    double measureTime = 15;

    @Option(names = "--fork-jvm-arg", paramLabel = "OPTION",
            description = "An extra option for every fork's JVM, e.g. --fork-jvm-arg=-Xmx2g (repeatable).")
    List<String> forkJvmArgs = new java.util.ArrayList<>();

    @Option(names = "--warmup-time", paramLabel = "SECONDS",
            description = "Minimum warm-up time per point and fork, besides --warmup runs (default ${DEFAULT-VALUE}).")
    double warmupTime = 0.5;

    @Option(names = "--min-trial", paramLabel = "MS",
            description = "Minimum time of one trial in milliseconds: shorter runs are batched and divided back (default ${DEFAULT-VALUE}; 0: never batch).")
    double minTrialMillis = 10;

    @Option(names = "--confidence", paramLabel = "PERCENT",
            description = "Confidence level of a scaling study's intervals, in percent (default ${DEFAULT-VALUE}, as JMH; "
                    + "a recipe's own benchmark reports 95 %% intervals).")
    double confidence = 99.9;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the forks' point order and of the bootstrap (default ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--variants", paramLabel = "LIST", split = ",", description = "Only these workload variants.")
    List<String> variants;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the results as CSV.")
    Path csv;

    @Option(names = "--chart", paramLabel = "FILE", description = "Write a chart (.png or .svg).")
    Path chart;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (trials != null && trials < 1) {
            throw new CookbookCli.UsageError("--trials must be at least 1, got " + trials);
        }
        if (warmup < 0) {
            throw new CookbookCli.UsageError("--warmup must be 0 or more, got " + warmup);
        }
        if (forks != null && forks < 0) {
            throw new CookbookCli.UsageError("--forks must be 0 or more, got " + forks);
        }
        if (!(confidence > 0 && confidence < 100)) {
            throw new CookbookCli.UsageError("--confidence must lie between 0 and 100 (percent), got " + confidence);
        }
        if (!(measureTime >= 0) || Double.isInfinite(measureTime)) {
            throw new CookbookCli.UsageError("--measure-time must be 0 or more seconds, got " + measureTime);
        }
        if (!(warmupTime >= 0) || Double.isInfinite(warmupTime)) {
            throw new CookbookCli.UsageError("--warmup-time must be 0 or more seconds, got " + warmupTime);
        }
        if (!(minTrialMillis >= 0) || Double.isInfinite(minTrialMillis)) {
            throw new CookbookCli.UsageError("--min-trial must be 0 or more milliseconds, got " + minTrialMillis);
        }
        if (chart != null && !chart.toString().matches("(?i).*\\.(png|svg)")) {
            throw new CookbookCli.UsageError("--chart must name a .png or .svg file, got " + chart);
        }
        RecipeInfo recipe = Recipes.require(id);
        if (recipe.bench() == null) {
            List<String> with = Recipes.registry().all().stream().filter(r -> r.bench() != null).map(RecipeInfo::id).toList();
            throw new CookbookCli.UsageError("recipe '" + id + "' has no benchmark; these have one: " + String.join(", ", with));
        }
        Object bench = Class.forName(recipe.bench()).getConstructor().newInstance();
        if (bench instanceof ScalableWorkload workload) {
            return scaling(recipe, workload);
        }
        if (bench instanceof CustomBenchmark custom) {
            return custom(recipe, custom);
        }
        throw new IllegalStateException(recipe.bench() + " is neither a ScalableWorkload nor a CustomBenchmark");
    }

    private int scaling(RecipeInfo recipe, ScalableWorkload workload) throws Exception {
        ScalingResult result;
        try (workload) {
            if (variants != null && !workload.variants().containsAll(variants)) {
                throw new CookbookCli.UsageError("--variants must be among " + workload.variants() + ", got " + variants);
            }
            int n = forks != null ? forks : workload.inProcess() ? 3 : 0;
            ScalingExperiment study = ScalingExperiment.of(workload).id(recipe.id()).workers(workers)
                    .variants(variants).warmup(warmup).trials(trials == null ? STUDY_TRIALS : trials)
                    .warmupTime(Duration.ofNanos(Math.round(warmupTime * 1e9)))
                    .minTrialTime(Duration.ofNanos(Math.round(minTrialMillis * 1e6)))
                    .measureTime(Duration.ofNanos(Math.round(measureTime * 1e9))).confidence(confidence / 100)
                    .forks(n).forkJvmOptions(forkJvmArgs).seed(seed).probe(true).progress(progress()).build();
            System.err.printf(Locale.ROOT, "bench %s: %s, workers %s, %s, %d warm-up + %d trials%n",
                    recipe.id(), workload.name(), study.workers(), n == 0 ? "in this JVM" : n + " forks", warmup,
                    trials == null ? STUDY_TRIALS : trials);
            try {
                result = study.run();
            } catch (ForkFailedException e) {
                System.err.println(spec.qualifiedName() + ": " + e.getMessage());
                return 1;
            }
        }
        System.out.print(ScalingReport.table(result));
        if (json != null) {
            write(json, ScalingReport.json(result) + "\n");
        }
        if (csv != null) {
            write(csv, ScalingReport.csv(result));
        }
        if (chart != null) {
            Charts.write(Charts.speedup(result), chart);
            System.err.println("wrote " + chart);
        }
        return 0;
    }

    private int custom(RecipeInfo recipe, CustomBenchmark bench) throws Exception {
        CustomBenchmark.Report report = bench.run(
                new CustomBenchmark.Options(workers == null ? List.of() : workers, warmup, trials == null ? CUSTOM_TRIALS : trials), progress());
        TextTable t = new TextTable(report.columns());
        report.rows().forEach(r -> t.row(r.stream().map(BenchCommand::cell).toList()));
        System.out.println(report.title());
        System.out.print(t.render());
        if (json != null) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("id", recipe.id());
            root.put("cores", Runtime.getRuntime().availableProcessors());
            root.put("jdk", Runtime.version().toString());
            root.put("title", report.title());
            root.put("columns", report.columns());
            root.put("rows", report.rows());
            root.put("figures", report.figures());
            write(json, Json.pretty(root) + "\n");
        }
        if (csv != null) {
            write(csv, Csv.write(report.columns(), report.rows()));
        }
        if (chart != null) {
            if (report.chartColumn() == null) {
                System.err.println("this benchmark has no chart; table, JSON and CSV only");
            } else {
                int col = report.columns().indexOf(report.chartColumn());
                List<String> names = new ArrayList<>();
                List<Double> values = new ArrayList<>();
                for (List<Object> r : report.rows()) {
                    if (r.get(col) instanceof Number n) {
                        names.add(String.valueOf(r.get(0)));
                        values.add(n.doubleValue());
                    }
                }
                Charts.write(Charts.bars(recipe.id() + ": " + report.title(), report.chartColumn(), names, values), chart);
                System.err.println("wrote " + chart);
            }
        }
        return 0;
    }

    private static String cell(Object o) {
        if (o instanceof Double d) {
            return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.1f" : "%.3g", d);
        }
        return String.valueOf(o);
    }

    private static Progress progress() {
        return (done, total, what) -> System.err.printf(Locale.ROOT, "  [%d/%d] %s%n", Math.min(done + 1, total), total, what);
    }

    private static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(file, text);
        System.err.println("wrote " + file);
    }

    /** Parses "1,2,4" into worker counts; anything else is a one-line usage error. */
    static final class WorkerList implements CommandLine.ITypeConverter<List<Integer>> {
        @Override
        public List<Integer> convert(String value) {
            List<Integer> result = new ArrayList<>();
            for (String part : value.split(",")) {
                int p;
                try {
                    p = Integer.parseInt(part.strip());
                } catch (NumberFormatException e) {
                    throw new CommandLine.TypeConversionException(
                            "expected a comma-separated list of positive whole numbers such as 1,2,4, got '" + value + "'");
                }
                if (p < 1 || p > 4096) {
                    throw new CommandLine.TypeConversionException("worker counts must lie in 1..4096, got " + p);
                }
                result.add(p);
            }
            return result;
        }
    }
}
