package org.parallelcookbook.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecipeMainTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statusesForEachKindOfEnding() {
        assertEquals(0, RecipeMain.runAndReport(new String[0], a -> { }));
        assertEquals(2, RecipeMain.runAndReport(new String[0], a -> {
            throw new UsageException("count must be positive");
        }));
        assertEquals(77, RecipeMain.runAndReport(new String[0], a -> {
            throw new UnavailableException("no CUDA device found");
        }));
        assertEquals(1, RecipeMain.runAndReport(new String[0], a -> {
            throw new IllegalStateException("boom\nsecond line");
        }));
        List<String> lines = err().lines().toList();
        assertEquals(List.of("error: count must be positive", "unavailable: no CUDA device found"), lines.subList(0, 2));
        assertTrue(lines.get(2).startsWith("failed: IllegalStateException: boom"), lines.get(2));
        assertEquals(3, lines.size(), "one line each, no stack trace");
        assertFalse(err().contains("\tat "));
    }

    @Test
    void argumentHelpers() {
        String[] args = {"7", "--np", "4", "--size=16", "--verbose"};
        assertEquals(7, RecipeMain.intArg(args, 0, "count", 5, 1));
        assertEquals(5, RecipeMain.intArg(new String[0], 0, "count", 5, 1));
        assertEquals(4, RecipeMain.intOption(args, "--np", 2, 1));
        assertEquals("16", RecipeMain.option(args, "--size", "8"));
        assertEquals("x", RecipeMain.option(args, "--missing", "x"));
        assertTrue(RecipeMain.flag(args, "--verbose"));
        assertEquals(List.of("7"), RecipeMain.positional(args, "--np"));
        assertEquals(9L, RecipeMain.longArg(new String[] {"9"}, 0, "n", 1, 0));
    }

    @Test
    void badArgumentsAreUsageErrors() {
        UsageException e = assertThrows(UsageException.class,
                () -> RecipeMain.intArg(new String[] {"abc"}, 0, "count", 5, 1));
        assertEquals("count must be a whole number, got 'abc'", e.getMessage());
        assertThrows(UsageException.class, () -> RecipeMain.intArg(new String[] {"-3"}, 0, "count", 5, 0));
        assertThrows(UsageException.class, () -> RecipeMain.option(new String[] {"--np"}, "--np", "2"));
        assertThrows(UsageException.class, () -> RecipeMain.intOption(new String[] {"--np", "0"}, "--np", 2, 1));
    }

    @Test
    void secondsForHumans() {
        assertEquals("12.0 us", RecipeMain.seconds(12e-6));
        assertEquals("12.3 ms", RecipeMain.seconds(0.0123));
        assertEquals("1.50 s", RecipeMain.seconds(1.5));
    }
}
