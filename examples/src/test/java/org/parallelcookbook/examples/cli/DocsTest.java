package org.parallelcookbook.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.parallelcookbook.core.RecipeInfo;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeRegistry;

/** The docs tell the truth about the code: the recipe table is the registry's, every chapter page exists. */
class DocsTest {

    static final Path DOCS = Path.of(System.getProperty("cookbook.root", ".."), "docs");

    @Test
    void recipeTableOnTheFrontPageIsGeneratedFromTheRegistry() throws Exception {
        String readme = Files.readString(DOCS.resolve("README.md"));
        Matcher m = Pattern.compile("<!-- recipes:begin[^>]*-->\\n(.*?)<!-- recipes:end -->", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "docs/README.md has the generated recipe table between its markers");
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, CookbookCli.commandLine().execute("list", "--markdown"));
        } finally {
            System.setOut(original);
        }
        assertEquals(out.toString(StandardCharsets.UTF_8), m.group(1),
                "docs/README.md is out of date: regenerate its table with ./cookbook list --markdown");
    }

    /**
     * The marked outputs of every page are what the code prints now: exact blocks line for line,
     * timing blocks by their tables' headers and columns; every marked command is one the code
     * accepts, and every block carries the generator's note (what may differ, where it ran).
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 900, unit = java.util.concurrent.TimeUnit.SECONDS)
    void markedOutputsAreWhatTheCodePrintsNow() throws Exception {
        List<String> drifts = new ArrayList<>();
        int blocks = 0;
        try (var pages = Files.list(DOCS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                List<DocsCommand.Block> found = DocsCommand.blocks(page);
                blocks += found.size();
                for (DocsCommand.Block b : found) {
                    for (List<String> command : b.commands()) {
                        if (command.getFirst().equals("run")) {
                            String[] args = command.subList(2, command.size()).toArray(String[]::new);
                            Class<?> type = Class.forName(Recipes.require(command.get(1)).className());
                            try {
                                RecipeMain.describe(() -> Mains.invoke(type, List.of("--help"))).orElseThrow().parse(args);
                            } catch (org.parallelcookbook.core.UsageException e) {
                                drifts.add(page.getFileName() + ": ./cookbook " + String.join(" ", command) + ": " + e.getMessage());
                            }
                        }
                    }
                }
                for (DocsCommand.Drift d : DocsCommand.check(page, found, Duration.ofSeconds(300))) {
                    if (d.notice()) { // a block whose command needs a part this machine lacks: said, not failed
                        System.out.println(d.block().where() + ": " + d.block().commandLine() + ": " + d.what());
                        continue;
                    }
                    drifts.add(page.getFileName() + ":" + (d.block().markerLine() + 1) + ": " + d.block().commandLine()
                            + ": " + d.what());
                }
            }
        }
        assertTrue(blocks > 0, "no page has a marked output yet");
        assertEquals(List.of(), drifts, "regenerate with ./cookbook docs PAGE");
    }

    @Test
    void shapeComparesTableHeadersAndColumns() {
        var a = List.of("3 cores", "variant  time", "-------  ----", "a        1 ms");
        var b = List.of("4 cores", "variant  time", "-------  ----", "a        2 ms", "b        3 ms");
        var c = List.of("4 cores", "variant  time  speedup", "-------  ----  -------", "a        2 ms     1.00");
        assertEquals(DocsCommand.shape(a), DocsCommand.shape(b));
        assertFalse(DocsCommand.shape(a).equals(DocsCommand.shape(c)));
        assertEquals("variant | time (2 columns)", DocsCommand.shape(a));
    }

    @Test
    void everyRecipeIsExplainedOnItsChapterPage() throws Exception {
        for (RecipeInfo r : RecipeRegistry.load().all()) {
            String page = switch (r.module()) {
                case "processes" -> "chapter-3-processes.md";
                case "mpi" -> "chapter-3-mpi.md";
                default -> "chapter-" + r.chapter() + ".md";
            };
            String text = Files.readString(DOCS.resolve(page));
            assertTrue(text.contains(r.id()), r.id() + " is not mentioned on docs/" + page);
        }
    }
}
