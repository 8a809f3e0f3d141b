package org.parallelcookbook.mpi;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parallelcookbook.mpi.launch.RankLine;

/** Formatting and parsing of the values in the recipes' rank lines. */
final class Lines {

    private Lines() {
    }

    /** {@code [1, 2, 3]}. */
    static String ints(int[] values) {
        return Arrays.toString(values);
    }

    /** Parses {@code [1, 2, 3]} (or {@code []}). */
    static int[] ints(String text) {
        String inner = text.strip();
        if (!inner.startsWith("[") || !inner.endsWith("]")) {
            throw new IllegalArgumentException("not a list of ints: " + text);
        }
        inner = inner.substring(1, inner.length() - 1).strip();
        if (inner.isEmpty()) {
            return new int[0];
        }
        return Arrays.stream(inner.split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    }

    /** The groups of {@code pattern} matched against the whole text of the line. */
    static Matcher match(Pattern pattern, RankLine line) {
        Matcher m = pattern.matcher(line.text());
        if (!m.matches()) {
            throw new IllegalArgumentException("unexpected line '" + line + "' (expected " + pattern + ")");
        }
        return m;
    }
}
