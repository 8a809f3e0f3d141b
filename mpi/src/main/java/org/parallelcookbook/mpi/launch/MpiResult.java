package org.parallelcookbook.mpi.launch;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The outcome of {@link MpiRun#run()}: per-rank results, all output, and how the run ended.
 *
 * @param mainClass the MPJ main class that ran
 * @param device    the device it ran on
 * @param np        the number of ranks
 * @param outcome   how the run ended
 * @param ranks     one result per rank, by rank
 * @param output    every line the run printed (ranks and MPJ's runtime), markers left out
 * @param exitCode  MPJRun's exit status, or -1 when it was killed
 * @param elapsed   wall time from start to end (JVM start included)
 * @param timeout   the limit that applied once every rank was up
 */
public record MpiResult(String mainClass, Device device, int np, Outcome outcome, List<RankResult> ranks,
                        List<String> output, int exitCode, Duration elapsed, Duration timeout) {

    /** How a run ended. */
    public enum Outcome {
        /** Every rank passed {@code MPI.Finalize} (or, for a plain MPJ program, MPJRun ended cleanly). */
        SUCCEEDED,
        /** A rank threw; every rank was killed. */
        RANK_FAILED,
        /** Ranks were still running at the time limit (a deadlock, or a run too long); every rank was killed. */
        TIMED_OUT,
        /** MPJ's runtime ended without every rank finishing and without a rank reporting an exception. */
        RUNTIME_FAILED
    }

    public MpiResult {
        ranks = List.copyOf(ranks);
        output = List.copyOf(output);
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }

    public RankResult rank(int r) {
        return ranks.get(r);
    }

    /** Every rank's result lines, by rank, then in the order each rank printed them. */
    public List<RankLine> rankLines() {
        return ranks.stream().flatMap(r -> r.lines().stream()).toList();
    }

    /** Ranks in the given state. */
    public List<Integer> ranksIn(RankResult.State state) {
        return ranks.stream().filter(r -> r.state() == state).map(RankResult::rank).toList();
    }

    /** Returns this result when the run succeeded; otherwise throws {@link MpiRunException} saying why. */
    public MpiResult requireSuccess() {
        if (!succeeded()) {
            throw new MpiRunException(describe(), this);
        }
        return this;
    }

    /** One line on how the run ended, naming failed or blocked ranks. */
    public String describe() {
        String what = simpleName() + " on " + np + " rank" + (np == 1 ? "" : "s") + " (" + device.mpjName() + ")";
        return switch (outcome) {
            case SUCCEEDED -> String.format(Locale.ROOT, "%s finished in %.2f s", what, elapsed.toMillis() / 1000.0);
            case RANK_FAILED -> ranks.stream().filter(r -> r.state() == RankResult.State.FAILED)
                    .map(r -> "rank " + r.rank() + " threw " + r.failure())
                    .collect(Collectors.joining("; ", what + " failed: ", "; every rank was killed"));
            case TIMED_OUT -> what + ": rank" + (ranksIn(RankResult.State.UNFINISHED).size() == 1 ? " " : "s ")
                    + ranksIn(RankResult.State.UNFINISHED) + " still running after " + seconds(timeout)
                    + " (deadlock?); every rank was killed";
            case RUNTIME_FAILED -> what + ": MPJ's runtime ended (exit status " + exitCode + ") before ranks "
                    + ranks.stream().filter(r -> r.state() != RankResult.State.FINISHED).map(RankResult::rank).toList()
                    + " finished" + tail();
        };
    }

    private String simpleName() {
        return mainClass.substring(mainClass.lastIndexOf('.') + 1);
    }

    private String tail() {
        List<String> useful = output.stream().filter(l -> !l.isBlank() && !l.startsWith("\tat ")).toList();
        if (useful.isEmpty()) {
            return "";
        }
        return "; last output: " + String.join(" | ", useful.subList(Math.max(0, useful.size() - 3), useful.size()));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
