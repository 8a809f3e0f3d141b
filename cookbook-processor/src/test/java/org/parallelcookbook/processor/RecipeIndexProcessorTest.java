package org.parallelcookbook.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles small recipe sources with the real {@code javac} and the processor, the way Maven and an
 * IDE do: a full build, then incremental builds that hand javac only the files that changed, with
 * the output folder on the class path. The index must always list exactly the recipes that exist.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecipeIndexProcessorTest {

    @TempDir
    Path dir;
    Path src;
    Path out;

    @BeforeEach
    void sources() throws IOException {
        src = dir.resolve("src");
        out = dir.resolve("classes");
        Files.createDirectories(out);
        // the processor knows @Recipe by name only; a stand-in with the same name is enough here
        write("org/parallelcookbook/core/Recipe.java", """
                package org.parallelcookbook.core;
                import java.lang.annotation.*;
                @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.TYPE)
                public @interface Recipe { String id(); int chapter(); String title(); }
                """);
        for (String name : List.of("Alpha", "Beta", "Gamma")) {
            write("demo/" + name + ".java", recipe(name, true));
        }
        write("demo/Helper.java", "package demo; public final class Helper { }\n");
    }

    @Test
    void recompilingOneRecipeKeepsEveryRecipeInTheIndex() throws IOException {
        compile("org/parallelcookbook/core/Recipe.java", "demo/Alpha.java", "demo/Beta.java", "demo/Gamma.java",
                "demo/Helper.java");
        assertEquals(List.of("demo.Alpha", "demo.Beta", "demo.Gamma"), index());

        write("demo/Beta.java", recipe("Beta", true).replace("title = \"Beta\"", "title = \"Beta, edited\""));
        compile("demo/Beta.java");
        assertEquals(List.of("demo.Alpha", "demo.Beta", "demo.Gamma"), index(), "after recompiling Beta alone");

        compile("demo/Helper.java");
        assertEquals(List.of("demo.Alpha", "demo.Beta", "demo.Gamma"), index(),
                "after recompiling a class that is no recipe");
    }

    @Test
    void aNewRecipeCompiledAloneIsAdded() throws IOException {
        compile("org/parallelcookbook/core/Recipe.java", "demo/Alpha.java", "demo/Beta.java");
        write("demo/Delta.java", recipe("Delta", true));
        compile("demo/Delta.java");
        assertEquals(List.of("demo.Alpha", "demo.Beta", "demo.Delta"), index());
    }

    @Test
    void entriesWhoseClassIsGoneOrNoLongerARecipeAreDropped() throws IOException {
        compile("org/parallelcookbook/core/Recipe.java", "demo/Alpha.java", "demo/Beta.java", "demo/Gamma.java");

        // Gamma loses its annotation and is recompiled: it leaves the index
        write("demo/Gamma.java", recipe("Gamma", false));
        compile("demo/Gamma.java");
        assertEquals(List.of("demo.Alpha", "demo.Beta"), index());

        // Beta is deleted (source and class file); recompiling Alpha drops Beta's stale entry
        Files.delete(src.resolve("demo/Beta.java"));
        Files.delete(out.resolve("demo/Beta.class"));
        compile("demo/Alpha.java");
        assertEquals(List.of("demo.Alpha"), index());
    }

    @Test
    void aMalformedIdIsACompileError() throws IOException {
        write("demo/Bad.java", recipe("Bad", true).replace("x.bad", "Bad Id"));
        String diagnostics = compileExpectingFailure("org/parallelcookbook/core/Recipe.java", "demo/Bad.java");
        assertTrue(diagnostics.contains("recipe id 'Bad Id' is not of the form"), diagnostics);
        assertFalse(Files.exists(out.resolve(RecipeIndexProcessor.INDEX)), "no index from a failed compilation");
    }

    private static String recipe(String name, boolean annotated) {
        String annotation = annotated
                ? "@org.parallelcookbook.core.Recipe(id = \"x." + name.toLowerCase() + "\", chapter = 1, title = \"" + name + "\")\n"
                : "";
        return "package demo;\n" + annotation + "public final class " + name + " {\n"
                + "    public static void main(String[] args) { }\n}\n";
    }

    private void write(String relative, String text) throws IOException {
        Path file = src.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private List<String> index() throws IOException {
        return Files.readAllLines(out.resolve(RecipeIndexProcessor.INDEX)).stream().filter(l -> !l.isBlank()).toList();
    }

    private void compile(String... files) {
        StringWriter diagnostics = new StringWriter();
        boolean ok = run(diagnostics, files);
        assertTrue(ok, "javac failed:\n" + diagnostics);
    }

    private String compileExpectingFailure(String... files) {
        StringWriter diagnostics = new StringWriter();
        assertFalse(run(diagnostics, files), "javac should have failed");
        return diagnostics.toString();
    }

    /** One javac run as a build tool does it: output folder on the class path, processor named explicitly. */
    private boolean run(StringWriter diagnostics, String... files) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", out.toString(),
                "-processor", RecipeIndexProcessor.class.getName(),
                "-processorpath", System.getProperty("java.class.path"), "-implicit:none", "-Xlint:-options"));
        for (String f : files) {
            args.add(src.resolve(f).toString());
        }
        var messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, args.toArray(String[]::new));
        diagnostics.write(messages.toString(StandardCharsets.UTF_8));
        return status == 0;
    }
}
