package org.parallelcookbook.examples.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.parallelcookbook.core.RecipeInfo;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.launch.ChildJvm;
import org.parallelcookbook.core.launch.ChildResult;
import org.parallelcookbook.core.launch.JvmLauncher;
import org.parallelcookbook.core.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cookbook tour}: runs every recipe with its quick arguments, each in its own JVM (so one
 * recipe's threads, statics or exit cannot disturb the next), and prints one row per recipe. A
 * recipe whose hardware or runtime is missing exits with status 77 and is reported as skipped,
 * with its reason. The tour fails when any recipe failed.
 */
@Command(name = "tour", description = "Run every recipe with quick defaults; one summary row each; non-zero exit if any failed.")
final class TourCommand implements Callable<Integer> {

    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Option(names = "--chapter", paramLabel = "N", description = "Only chapter N (1-6).")
    Integer chapter;

    @Option(names = "--id", paramLabel = "ID", split = ",", description = "Only these recipe ids.")
    List<String> ids;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Per-recipe limit (default ${DEFAULT-VALUE}).")
    int timeoutSeconds = 240;

    @Option(names = {"-v", "--verbose"}, description = "Show each recipe's output.")
    boolean verbose;

    static final int TABLE_WIDTH = 100;

    /** config/jvm.options, the one list of JVM options (the launcher script passes the same file as @argfile). */
    static final List<String> JVM_OPTIONS = jvmOptions();

    /**
     * config/jvm-vector.options, what a benchmark JVM adds (the incubating Vector API of chapter 6's
     * Java matmul; the launcher script adds the same file to {@code ./cookbook bench}).
     */
    static final List<String> BENCH_JVM_OPTIONS = jvmOptions("jvm-vector.options");

    static List<String> jvmOptions() {
        return jvmOptions("jvm.options");
    }

    static List<String> jvmOptions(String file) {
        try (var in = TourCommand.class.getResourceAsStream("/META-INF/cookbook/" + file)) {
            if (in == null) {
                throw new IllegalStateException("META-INF/cookbook/" + file + " is not in the jar: rebuild it (./cookbook)");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One recipe's outcome. */
    record Outcome(RecipeInfo recipe, String status, double seconds, String note) {
    }

    @Override
    public Integer call() throws Exception {
        Recipes.checkChapter(chapter);
        if (timeoutSeconds < 1) {
            throw new CookbookCli.UsageError("--timeout must be at least 1 second");
        }
        List<RecipeInfo> recipes;
        if (ids != null) {
            recipes = ids.stream().map(Recipes::require).toList();
        } else {
            recipes = chapter == null ? Recipes.registry().all() : Recipes.registry().chapter(chapter);
        }
        if (recipes.isEmpty()) {
            throw new CookbookCli.UsageError("no recipes" + (chapter == null ? "" : " in chapter " + chapter) + " yet");
        }
        List<Outcome> outcomes = new ArrayList<>();
        int i = 0;
        for (RecipeInfo r : recipes) {
            i++;
            System.err.printf(Locale.ROOT, "[%d/%d] %s ...%n", i, recipes.size(), r.id());
            Outcome o = runOne(r);
            outcomes.add(o);
            System.err.printf(Locale.ROOT, "[%d/%d] %s %s (%.1f s)%s%n", i, recipes.size(), r.id(), o.status(),
                    o.seconds(), o.note().isEmpty() ? "" : ": " + o.note());
        }
        TextTable t = new TextTable("id", "status", "seconds", "note");
        // the whole table fits 100 columns: the note gets what id, status and seconds leave
        int idWidth = outcomes.stream().mapToInt(o -> o.recipe().id().length()).max().orElse(2);
        int noteWidth = Math.max(20, TABLE_WIDTH - idWidth - "FAILED".length() - "seconds".length() - 3 * 2);
        outcomes.forEach(o -> t.row(o.recipe().id(), o.status(), String.format(Locale.ROOT, "%.1f", o.seconds()),
                o.note().length() > noteWidth ? o.note().substring(0, noteWidth - 3) + "..." : o.note()));
        System.out.print(t.render());
        long ok = outcomes.stream().filter(o -> o.status().equals("ok")).count();
        long skipped = outcomes.stream().filter(o -> o.status().equals("skipped")).count();
        long failed = outcomes.size() - ok - skipped;
        System.out.printf(Locale.ROOT, "tour: %d ok, %d skipped, %d failed of %d recipes%n", ok, skipped, failed,
                outcomes.size());
        return failed == 0 ? 0 : 1;
    }

    private Outcome runOne(RecipeInfo r) {
        long start = System.nanoTime();
        JvmLauncher launcher = JvmLauncher.forMain(r.className()).name(r.id()).args(r.tourArgs())
                // the options every cookbook JVM gets (config/jvm.options, packaged in the jar)
                .jvmOptions(JVM_OPTIONS.toArray(String[]::new))
                .jvmOptions("-Xshare:auto")
                // Hazelcast's shaded JCTools uses sun.misc.Unsafe, which JDK 24+ warns about unless allowed
                .jvmOptions(Runtime.version().feature() >= 24 ? new String[] {"--sun-misc-unsafe-memory-access=allow"} : new String[0])
                .systemProperty("cookbook.tour", "true");
        if (verbose) {
            launcher.onStdoutLine(line -> System.out.println("  " + r.id() + " | " + line))
                    .onStderrLine(line -> System.err.println("  " + r.id() + " ! " + line));
        }
        try (ChildJvm child = launcher.start()) {
            child.closeStdin();
            ChildResult result = child.waitFor(Duration.ofSeconds(timeoutSeconds));
            double seconds = (System.nanoTime() - start) / 1e9;
            String lastErr = result.stderrLines().stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
            return switch (result.exitCode()) {
                case 0 -> new Outcome(r, "ok", seconds, "");
                case RecipeMain.EXIT_UNAVAILABLE -> new Outcome(r, "skipped", seconds,
                        lastErr.replaceFirst("^unavailable: ", ""));
                default -> new Outcome(r, "FAILED", seconds, "exit " + result.exitCode() + (lastErr.isEmpty() ? "" : ", " + lastErr));
            };
        } catch (TimeoutException e) {
            return new Outcome(r, "FAILED", (System.nanoTime() - start) / 1e9,
                    "still running after " + timeoutSeconds + " s; destroyed");
        } catch (Exception e) {
            return new Outcome(r, "FAILED", (System.nanoTime() - start) / 1e9, e.toString());
        }
    }
}
