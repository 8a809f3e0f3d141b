package org.parallelcookbook.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.parallelcookbook.core.RecipeInfo;
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
