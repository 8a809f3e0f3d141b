package org.parallelcookbook.mpi.launch;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one line format every MPI recipe prints its per-rank result in:
 * {@code rank <r> of <size>: <text>}, for instance
 * {@code rank 3 of 4: mesh coords (1, 1) up 1 down -3 left 2 right -3}. Ranks print in whatever
 * order they finish; the format lets a reader (and {@link MpiRun}) tell whose line it is and compare
 * runs.
 *
 * @param rank the rank in {@code MPI.COMM_WORLD}
 * @param size the number of ranks
 * @param text what the rank reports
 */
public record RankLine(int rank, int size, String text) {

    private static final Pattern FORMAT = Pattern.compile("^rank (\\d+) of (\\d+): (.*)$");

    public RankLine {
        if (rank < 0 || size < 1 || rank >= size) {
            throw new IllegalArgumentException("rank " + rank + " of " + size);
        }
    }

    /** The line as printed. */
    public String format() {
        return "rank " + rank + " of " + size + ": " + text;
    }

    @Override
    public String toString() {
        return format();
    }

    /** The line, if it is in the format. */
    public static Optional<RankLine> parse(String line) {
        Matcher m = FORMAT.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int rank = Integer.parseInt(m.group(1));
            int size = Integer.parseInt(m.group(2));
            return rank < size ? Optional.of(new RankLine(rank, size, m.group(3))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Shorthand for printing: {@code RankLine.of(rank, size, "...").format()}. */
    public static RankLine of(int rank, int size, String text) {
        return new RankLine(rank, size, text);
    }
}
