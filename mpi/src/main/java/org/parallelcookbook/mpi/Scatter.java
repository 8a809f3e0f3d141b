package org.parallelcookbook.mpi;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import mpi.Intracomm;
import mpi.MPI;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.mpi.launch.MpiResult;
import org.parallelcookbook.mpi.launch.RankLine;
import org.parallelcookbook.mpi.launch.RankProtocol;

/**
 * <b>Collective communication using scatter</b> (book chapter 3): the root deals out the elements
 * of an array, one part per rank.
 *
 * <p>In the book the root's list {@code [1..10]} is scattered over 10 ranks and rank r receives
 * r + 1. Run with 3 ranks, mpi4py's pickling {@code scatter} fails ("expecting 3 items, got 10"):
 * the lower-case version hands out whole list items, one per rank. The book then mentions
 * {@code Scatter} and {@code Scatterv} with {@code [data, size, type]} buffers.
 *
 * <p><b>Java vs Python:</b> MPJ's {@code Scatter(send, 0, 1, MPI.INT, recv, 0, 1, MPI.INT, root)} sends
 * the same count (here one int) to every rank, taken in rank order from the root's buffer; it
 * raises no error when the buffer is longer than needed. To split {@value #ITEMS} items over any
 * number of ranks, {@code Scatterv} takes per-rank counts and displacements: with 3 ranks the
 * chunks are 4, 3 and 3 items, and their concatenation is the original array. This recipe does both
 * on every run: a {@code Scatter} of {@code [1..size]} and a {@code Scatterv} of {@code [1..10]}.
 *
 * <p><b>MPJ quirk:</b> MPJ Express 0.44 scatters along a tree and uses the send buffer of every
 * rank, not only the root's, as a relay: a non-root rank that passes an empty send buffer fails with
 * {@code ArrayIndexOutOfBoundsException}. So every rank allocates a full-size send buffer.
 *
 * <p>Each rank prints {@code rank r of n: scatter r+1 scatterv [..its chunk..]}.
 *
 * <p>Run: {@code ./cookbook run ch3.mpi-scatter [--np N]} (10 ranks by default; try {@code --np 3}).
 */
@Recipe(id = "ch3.mpi-scatter", chapter = 3, title = "Collective communication using scatter")
public final class Scatter {

    public static final int RANKS = 10;
    /** The number of items {@code Scatterv} splits. */
    public static final int ITEMS = 10;
    public static final int ROOT = 0;

    private static final Pattern LINE = Pattern.compile("scatter (-?\\d+) scatterv (\\[.*])");

    private Scatter() {
    }

    /** What one rank received from each collective. */
    public record Received(int rank, int size, int scattered, int[] chunk) {
        public String line() {
            return RankLine.of(rank, size, "scatter " + scattered + " scatterv " + Lines.ints(chunk)).format();
        }

        static Received parse(RankLine l) {
            Matcher m = Lines.match(LINE, l);
            return new Received(l.rank(), l.size(), Integer.parseInt(m.group(1)), Lines.ints(m.group(2)));
        }

        /** Equal when every field and every array element is: a record compares arrays by identity otherwise. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Received o && rank == o.rank
                    && size == o.size
                    && scattered == o.scattered
                    && Arrays.equals(chunk, o.chunk);
        }

        @Override
        public int hashCode() {
            return Objects.hash(rank, size, scattered, Arrays.hashCode(chunk));
        }

        @Override
        public String toString() {
            return "Received[rank=" + rank + ", size=" + size + ", scattered=" + scattered + ", chunk=" + Arrays.toString(chunk) + "]";
        }
    }

    public record Result(List<Received> ranks, MpiResult run) {
    }

    /** The counts {@code Scatterv} uses: {@code items} split as evenly as possible, earlier ranks taking the extra. */
    public static int[] counts(int items, int ranks) {
        return IntStream.range(0, ranks).map(r -> items / ranks + (r < items % ranks ? 1 : 0)).toArray();
    }

    /** Where each rank's chunk starts. */
    public static int[] displacements(int[] counts) {
        int[] d = new int[counts.length];
        for (int i = 1; i < counts.length; i++) {
            d[i] = d[i - 1] + counts[i - 1];
        }
        return d;
    }

    public static Result run(MpiOptions options) throws IOException, InterruptedException {
        MpiResult r = options.launch(Scatter.class).requireSuccess();
        return new Result(r.rankLines().stream().map(Received::parse).toList(), r);
    }

    public static void main(String[] args) throws Exception {
        if (RankProtocol.isRankInvocation(args)) {
            OnRank.main(args);
            return;
        }
        var options = MpiOptions.declare(RecipeOptions.of(Scatter.class), RANKS, 1);
        RecipeMain.run(args, options, opt -> System.out.println(run(MpiOptions.from(opt)).run().describe()));
    }

    /** The code every rank runs. */
    static final class OnRank {
        private OnRank() {
        }

        static void main(String[] args) throws Exception {
            MpiRank.run(args, (world, rest) -> System.out.println(scatter(world, ROOT).line()));
        }

        static Received scatter(Intracomm comm, int root) {
            int rank = comm.Rank();
            int size = comm.Size();
            int[] one = new int[1];
            // every rank passes a full-size send buffer: MPJ's tree scatter forwards through it
            int[] values = rank == root ? IntStream.rangeClosed(1, size).toArray() : new int[size];
            comm.Scatter(values, 0, 1, MPI.INT, one, 0, 1, MPI.INT, root);

            int[] counts = counts(ITEMS, size);
            int[] items = rank == root ? IntStream.rangeClosed(1, ITEMS).toArray() : new int[ITEMS];
            int[] chunk = new int[counts[rank]];
            comm.Scatterv(items, 0, counts, displacements(counts), MPI.INT, chunk, 0, chunk.length, MPI.INT, root);
            return new Received(rank, size, one[0], chunk);
        }
    }
}
