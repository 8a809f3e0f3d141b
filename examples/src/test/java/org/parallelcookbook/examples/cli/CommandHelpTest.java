package org.parallelcookbook.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parallelcookbook.core.RecipeInfo;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * A new user's first commands, in this JVM: {@code --help} on every subcommand and on every
 * recipe prints the usage and runs nothing; an unknown option or a malformed value given to any
 * recipe is one line on standard error and exit status 2, never a stack trace.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CommandHelpTest {

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

    static Stream<String> recipeIds() {
        return Recipes.registry().all().stream().map(RecipeInfo::id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "run", "bench", "tour", "doctor", "compare", "worker", "jmh", "docs"})
    void everySubcommandHelpsWithStatus0(String sub) {
        assertEquals(0, run(sub, "--help"), err());
        assertTrue(out().startsWith("Usage: cookbook " + sub), out());
        assertEquals("", err());
    }

    @Test
    void aMistypedSubcommandOptionIsOneLineWithTheClosestOption() {
        assertEquals(2, run("list", "--jsn"));
        String e = err().strip();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("'--jsn'") && e.contains("did you mean --json?"), e);
        assertEquals(2, run("list", "--json", "--markdown"));
        assertTrue(err().contains("exclusive"), err());
    }

    @Test
    void theToursTableFits100ColumnsAndDropsTheEmptyNoteColumn() {
        assertEquals(0, run("tour", "--id", "ch1.introducing-python,ch2.with"), err());
        List<String> lines = out().lines().toList();
        assertTrue(lines.getFirst().matches("id +status  seconds"), "no note column when no row has a note: " + out());
        assertTrue(lines.stream().allMatch(l -> l.length() <= TourCommand.TABLE_WIDTH && l.equals(l.stripTrailing())), out());
        assertTrue(lines.get(2).matches("ch1\\.introducing-python  ok +\\d+\\.\\d"), out());
    }

    @Test
    void doctorNamesTheModuleOfWhatIsMissing() {
        int status = run("doctor");
        if (out().contains("MISSING  MPJ Express") || out().contains("MISSING  OpenCL")) {
            assertEquals(1, status, out());
            assertTrue(out().contains("missing: "), out());
        } else {
            assertEquals(0, status, out());
        }
        if (out().contains("MISSING  CUDA")) {
            assertTrue(out().contains("(module gpu)"), out());
        }
    }

    @Test
    void versionNamesTheProjectVersion() {
        assertEquals(0, run("--version"));
        assertTrue(out().startsWith("Parallel Cookbook for Java 1."), out());
        assertFalse(out().contains("development build"), out());
    }

    @ParameterizedTest
    @MethodSource("recipeIds")
    void recipeHelpPrintsTheDeclaredOptionsAndRunsNothing(String id) throws Exception {
        RecipeOptions declared = declared(id);
        assertEquals(0, run("run", id, "--help"), err());
        // nothing but the help page: a recipe that ran would have printed its own lines too
        assertEquals(declared.help(), out());
        assertTrue(out().startsWith("Usage: ./cookbook run " + id), out());
        assertEquals("", err());
    }

    @ParameterizedTest
    @MethodSource("recipeIds")
    void unknownOptionIsOneLineStatus2AndASuggestion(String id) throws Exception {
        RecipeOptions declared = declared(id);
        List<String> names = declared.optionNames();
        // a typo of a real option (a dash dropped), or any option where the recipe takes none
        String typo = names.isEmpty() ? "--sleepms" : "--" + names.getFirst().substring(2).replaceFirst("-", "") + "x";
        assertEquals(RecipeMain.EXIT_USAGE, run("run", id, typo), err());
        assertOneLineNaming(typo);
        assertEquals("", out(), "nothing ran");
        if (!names.isEmpty()) {
            assertTrue(err().contains("did you mean " + names.getFirst() + "?"), err());
        }
    }

    @ParameterizedTest
    @MethodSource("recipeIds")
    void malformedValueIsOneLineAndStatus2(String id) throws Exception {
        RecipeOptions declared = declared(id);
        List<String> bad = declared.malformedExample();
        assertFalse(bad.isEmpty(), id + " admits every argument");
        List<String> args = new ArrayList<>(List.of("run", id));
        args.addAll(bad);
        String named = bad.getFirst().replaceFirst("=.*", "");
        int status = run(args.toArray(String[]::new));
        assertEquals(RecipeMain.EXIT_USAGE, status, err());
        assertOneLineNaming(named);
        assertEquals("", out(), "nothing ran");
    }

    @ParameterizedTest
    @MethodSource("recipeIds")
    void theToursArgumentsAreDeclaredOptions(String id) throws Exception {
        RecipeInfo recipe = Recipes.require(id);
        declared(id).parse(recipe.tourArgs().toArray(String[]::new)); // throws UsageException when not
    }

    private void assertOneLineNaming(String what) {
        String e = err().strip();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains(what), e);
        assertFalse(e.contains("Exception") || e.contains("\tat "), e);
    }

    private static RecipeOptions declared(String id) throws Exception {
        Class<?> type = Class.forName(Recipes.require(id).className());
        return RecipeMain.describe(() -> Mains.invoke(type, List.of("--help")))
                .orElseThrow(() -> new AssertionError(id + "'s main declares no RecipeOptions"));
    }
}
