package org.parallelcookbook.mpi.launch;

import java.util.List;

/**
 * What one rank of a run did.
 *
 * @param rank    its rank in {@code MPI.COMM_WORLD}
 * @param state   how it ended
 * @param lines   the result lines it printed in the {@link RankLine} format, in order
 * @param failure the exception it threw ({@code "java.lang.IllegalStateException: boom"}), or ""
 */
public record RankResult(int rank, State state, List<RankLine> lines, String failure) {

    /** How a rank ended. */
    public enum State {
        /** Passed {@code MPI.Finalize}. */
        FINISHED,
        /** Its code threw. */
        FAILED,
        /** Was still running (blocked, or not yet started) when the run was stopped. */
        UNFINISHED,
        /** The program does not report through {@link RankProtocol} (a plain MPJ main class). */
        UNKNOWN
    }

    public RankResult {
        lines = List.copyOf(lines);
    }

    /** The texts of its result lines, without the {@code rank r of n:} prefix. */
    public List<String> texts() {
        return lines.stream().map(RankLine::text).toList();
    }

    /** Its only result line; fails when it printed none or several. */
    public RankLine line() {
        if (lines.size() != 1) {
            throw new IllegalStateException("rank " + rank + " printed " + lines.size() + " result lines, expected 1: " + lines);
        }
        return lines.getFirst();
    }
}
