package org.parallelcookbook.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.parallelcookbook.core.launch.ChildJvm;

@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CookbookCliTest {

    @RegisterExtension
    final CliCapture cli = new CliCapture();

    private int run(String... args) {
        return cli.run(args);
    }

    private String out() {
        return cli.out();
    }

    private String err() {
        return cli.err();
    }

    @Test
    void listJsonNamesEveryRecipeWithItsClass() {
        assertEquals(0, run("list", "--json"));
        String json = out();
        assertTrue(json.startsWith("{\"recipes\":["), json);
        assertTrue(json.contains("\"id\":\"ch1.performance\""), json);
        assertTrue(json.contains("\"class\":\"org.parallelcookbook.core.intro.PerformanceEvaluation\""), json);
        assertTrue(json.contains("\"origin\":\"book\""), json);
    }

    @Test
    void listMarkdownAndChapterFilter() {
        assertEquals(0, run("list", "--chapter", "1", "--markdown"));
        assertTrue(out().startsWith("| id | ch | section | Java class | module | runs on |"), out());
        assertTrue(out().contains("`ch1.performance`"), out());
        assertEquals(2, run("list", "--chapter", "9"));
        assertTrue(err().contains("--chapter must be 1 to 6"), err());
    }

    @Test
    void unknownRecipeIsOneLineAndStatus2() {
        assertEquals(2, run("run", "ch1.performanse"));
        String e = err().strip();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("unknown recipe 'ch1.performanse'") && e.contains("closest: ch1.performance"), e);
        assertFalse(e.contains("Exception"), e);
    }

    @Test
    void badInputIsOneLineAndStatus2() {
        for (String[] args : new String[][] {
                {"bench", "ch1.performance", "--workers", "abc"},
                {"bench", "ch1.performance", "--workers", "0"},
                {"bench", "ch1.performance", "--trials"},
                {"bench", "ch1.performance", "--trials", "0"},
                {"bench", "ch1.performance", "--chart", "x.gif"},
                {"bench", "ch1.performance", "--forks", "-1"},
                {"bench", "ch1.performance", "--forks", "abc"},
                {"bench", "ch1.performance", "--measure-time", "-1"},
                {"bench", "ch1.performance", "--confidence", "100"},
                {"bench", "ch1.performance", "--confidence", "0"},
                {"bench", "ch1.performance", "--confidence", "abc"},
                {"frobnicate"},
                {"tour", "--chapter", "x"},
                {"compare", "fractal"},
                {"compare", "mandelbrot", "--size", "big"},
                {"compare", "mandelbrot", "--models", "nope"},
                {"compare", "mandelbrot", "--image", "m.jpg"},
                {},
        }) {
            assertEquals(2, run(args), String.join(" ", args));
            String e = err().strip();
            assertEquals(1, e.lines().count(), String.join(" ", args) + " -> " + e);
            assertFalse(e.contains("Exception") || e.contains("\tat "), e);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aForkThatFailsIsOneLineNamingItAndItsExitStatusAndExitOne() {
        // an option the fork's JVM rejects: the fork exits 1 before any measurement
        assertEquals(1, run("bench", "ch1.performance", "--workers", "2", "--warmup", "0", "--warmup-time", "0", "--measure-time", "0",
                "--trials", "1", "--forks", "2", "--fork-jvm-arg=-XX:+NoSuchCookbookOption"));
        List<String> lines = err().lines().filter(l -> !l.startsWith("bench ") && !l.contains("[") && !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line besides the start and progress lines: " + err());
        assertTrue(lines.get(0).contains("fork 1 of 2 exited with status 1"), lines.get(0));
        assertFalse(err().contains("\tat ") || err().contains("Exception"), "no stack trace: " + err());
        assertTrue(out().isEmpty(), out());
        assertEquals(0, ChildJvm.liveCount());
    }

    @Test
    void benchWritesTableJsonCsvAndChart(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Path csv = dir.resolve("r.csv");
        Path png = dir.resolve("s.png");
        // the recipe's own workload is 32 M samples; one trial at 1 and 2 workers in 2 forks keeps this short
        assertEquals(0, run("bench", "ch1.performance", "--workers", "2", "--warmup", "0", "--warmup-time", "0", "--measure-time", "0",
                "--trials", "1", "--forks", "2", "--json", json.toString(), "--csv", csv.toString(), "--chart", png.toString()));
        // a study's intervals default to 99.9 % (JMH's level), with 20,000 bootstrap replicates
        assertTrue(out().contains("speedup [99.9 % CI]") && out().contains("Karp-Flatt") && out().contains("Gustafson"), out());
        assertTrue(out().contains("intervals: 99.9 % hierarchical percentile bootstrap, 20000 replicates"), out());
        assertTrue(out().contains("2 forks (fresh JVMs)") && out().contains("machine probe"), out());
        var j = org.parallelcookbook.core.report.Json.read(Files.readString(json));
        assertEquals("ch1.performance", j.get("id"));
        assertEquals(2, ((Number) j.get("forks")).intValue());
        assertEquals(0.999, ((Number) j.get("confidence")).doubleValue(), 1e-12);
        var p2 = (java.util.Map<?, ?>) ((java.util.List<?>) j.get("points")).get(1);
        assertEquals("default", p2.get("variant"));
        assertEquals(2, ((java.util.List<?>) p2.get("efficiency_ci")).size());
        assertEquals(2, ((java.util.List<?>) p2.get("forks")).size());
        assertEquals(3, Files.readAllLines(csv).size());
        assertTrue(Files.size(png) > 1000);
        // per fork: 2 warm-ups and 1 round
        assertTrue(err().contains("[1/6]") && err().contains("[6/6]") && err().contains("fork 2/2"), "progress on stderr: " + err());
        assertEquals(0, ChildJvm.liveCount());
    }

    @Test
    void tourRunsRecipesInChildJvmsAndLeavesNoneBehind() {
        assertEquals(0, run("tour", "--id", "ch1.performance"));
        assertTrue(out().lines().anyMatch(l -> l.matches("ch1\\.performance\\s+ok\\s+.*")), out());
        assertTrue(out().contains("tour: 1 ok, 0 skipped, 0 failed of 1 recipes"), out());
        assertEquals(0, ChildJvm.liveCount());
    }

    @Test
    void compareWritesTableJsonChartAndImage(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("m.json");
        Path png = dir.resolve("m.png");
        Path chart = dir.resolve("c.svg");
        assertEquals(0, run("compare", "mandelbrot", "--size", "64x48", "--max-iter", "100", "--models",
                "sequential,dynamic", "--warmup", "0", "--trials", "1", "--json", json.toString(),
                "--image", png.toString(), "--chart", chart.toString()));
        assertTrue(out().lines().anyMatch(l -> l.matches("dynamic\\s+ok\\s+2\\s.*")), out());
        String j = Files.readString(json);
        assertTrue(j.contains("\"model\":\"dynamic\"") && j.contains("\"identical\":true"), j);
        assertEquals(64, javax.imageio.ImageIO.read(png.toFile()).getWidth());
        assertTrue(Files.readString(chart).contains("<svg"));
    }

    @Test
    void doctorReportsTheJdk() {
        assertEquals(0, run("doctor"));
        assertTrue(out().lines().anyMatch(l -> l.startsWith("OK") && l.contains("JDK") && l.contains(String.valueOf(Runtime.version().feature()))), out());
        assertTrue(out().contains("cores"), out());
    }
}
