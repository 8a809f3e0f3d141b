package org.parallelcookbook.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RecipeOptionsTest {

    private static RecipeOptions declared() {
        return RecipeOptions.named("ch0.sample", "A sample")
                .intPositional("count", 5, 1, 100, "how many")
                .intOption("--sleep-ms", 1000, 0, 60_000, "pause in ms").book(2000)
                .longOption("--samples", 32_000_000, 64, Long.MAX_VALUE, "samples")
                .doubleOption("--delay", 0.5, 0, 3600, "seconds")
                .choiceOption("--mode", "auto", "mode", "auto", "cpu")
                .stringOption("--out", null, "file")
                .listOption("--member", "HOST:PORT")
                .flag("--fail", "fail on purpose");
    }

    private static String usage(String... args) {
        return assertThrows(UsageException.class, () -> declared().parse(args)).getMessage();
    }

    @Test
    void defaultsAndGivenValuesInBothSpellings() {
        var v = declared().parse(new String[] {"7", "--sleep-ms=5", "--samples", "1_000", "--delay", "0.25",
                "--mode", "cpu", "--member", "a:1,b:2", "--member=c:3", "--fail"});
        assertEquals(7, v.intValue("count"));
        assertEquals(5, v.intValue("--sleep-ms"));
        assertEquals(1000L, v.longValue("--samples"));
        assertEquals(0.25, v.doubleValue("--delay"));
        assertEquals("cpu", v.string("--mode"));
        assertEquals(List.of("a:1", "b:2", "c:3"), v.list("--member"));
        assertTrue(v.flag("--fail"));
        assertTrue(v.given("--sleep-ms"));
        assertFalse(v.given("--out"));
        var d = declared().parse(new String[0]);
        assertEquals(5, d.intValue("count"));
        assertEquals(1000, d.intValue("--sleep-ms"));
        assertEquals(null, d.string("--out"));
        assertFalse(d.flag("--fail"));
        assertEquals(-3, RecipeOptions.named("x", "").intOption("--x", 0, -10, 10, "x").parse(new String[] {"--x", "-3"})
                .intValue("--x"), "a negative number is a value");
    }

    @Test
    void everyBadArgumentIsOneLineNamingIt() {
        assertEquals("ch0.sample: unknown option '--sleepms'; did you mean --sleep-ms? (see ./cookbook run ch0.sample --help)",
                usage("--sleepms", "5"));
        assertTrue(usage("--zzzzzzzzzz").contains("the options are --sleep-ms, --samples"), usage("--zzzzzzzzzz"));
        assertTrue(usage("--samples", "abc").startsWith("ch0.sample: --samples takes a whole number, got 'abc' (at least 64)"));
        assertTrue(usage("--sleep-ms", "70000").contains("--sleep-ms must be 0 to 60000, got 70000"));
        assertTrue(usage("0").contains("argument count must be 1 to 100, got 0"));
        assertTrue(usage("--mode", "gpu").contains("--mode takes one of auto, cpu, got 'gpu'"));
        assertTrue(usage("--fail=yes").contains("--fail is a flag and takes no value"));
        assertTrue(usage("--out").contains("--out needs a value"));
        assertTrue(usage("5", "6").contains("unexpected argument '6'"));
        assertTrue(usage("--delay", "x").contains("--delay takes a number"));
        for (String m : List.of(usage("--sleepms"), usage("--samples", "abc"), usage("5", "6"))) {
            assertEquals(1, m.lines().count(), m);
        }
        var required = RecipeOptions.named("r", "").intPositional("n", 0, 0, 9, "n").required();
        assertTrue(assertThrows(UsageException.class, () -> required.parse(new String[0])).getMessage()
                .contains("missing argument N"));
        assertTrue(assertThrows(UsageException.class, () -> RecipeOptions.named("none", "").parse(new String[] {"--x"}))
                .getMessage().contains("this recipe takes no options"));
    }

    @Test
    void helpListsEveryOptionWithDefaultRangeAndTheBooksValue() {
        String help = declared().help();
        assertTrue(help.startsWith("Usage: ./cookbook run ch0.sample [OPTIONS] [COUNT]\nA sample\nOptions:\n"), help);
        assertTrue(help.contains("  --sleep-ms N  "), help);
        assertTrue(help.contains("pause in ms (default 1000; 0 to 60000; book 2000)"), help);
        assertTrue(help.contains("--mode auto|cpu"), help);
        assertTrue(help.contains("-h, --help"), help);
        assertTrue(RecipeOptions.wantsHelp(new String[] {"3", "-h"}));
        assertFalse(RecipeOptions.wantsHelp(new String[] {"--", "--help"}));
    }

    @Test
    void helpRunsNothingAndBadArgumentsExit2WithoutTheBody() {
        var ran = new AtomicBoolean();
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, RecipeMain.runAndReport(new String[] {"--help"}, declared(), o -> ran.set(true)));
            assertEquals(declared().help(), out.toString(StandardCharsets.UTF_8));
            assertEquals(2, RecipeMain.runAndReport(new String[] {"--sleepms"}, declared(), o -> ran.set(true)));
            assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().lines().count());
            // statusOf turns the exit of a main into a status instead of ending this JVM
            assertEquals(2, RecipeMain.statusOf(() -> RecipeMain.run(new String[] {"--samples", "x"}, declared(), o -> ran.set(true))));
            assertEquals(0, RecipeMain.statusOf(() -> RecipeMain.run(new String[] {"3"}, declared(), o -> { })));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertFalse(ran.get(), "no body ran");
        assertEquals(declared().optionNames(), RecipeMain.describe(() -> RecipeMain.run(new String[0], declared(), o -> ran.set(true)))
                .orElseThrow().optionNames());
        assertFalse(ran.get(), "describe runs no body");
    }

    @Test
    void malformedExampleIsRejected() {
        List<String> bad = declared().malformedExample();
        assertEquals(List.of("abc"), bad, "the positional count comes first");
        assertThrows(UsageException.class, () -> declared().parse(bad.toArray(String[]::new)));
        assertEquals(List.of("--fail=abc"), RecipeOptions.named("f", "").flag("--fail", "f").malformedExample());
    }
}
