package org.parallelcookbook.mpi;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mpi.Intracomm;
import mpi.MPI;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.mpi.launch.MpiResult;
import org.parallelcookbook.mpi.launch.RankLine;
import org.parallelcookbook.mpi.launch.RankProtocol;

/**
 * <b>Collective communication using gather</b> (book chapter 3): every rank contributes a value and
 * the root collects them in rank order.
 *
 * <p>In the book 5 ranks each send (rank + 1)²; the root prints "process 0 receiving 4 from process
 * 1" ... 25. <b>Book bug:</b> the root's loop recomputes {@code (i+1)**2} instead of reading the
 * gathered list, so its output would look right even if gather had delivered nothing. Here the
 * root prints what is <em>in its receive buffer</em>, and the test checks that buffer. The book
 * also mentions {@code Allgather}, which leaves the full list on every rank.
 *
 * <p><b>Java vs Python:</b> {@code Gather(send, 0, 1, MPI.INT, recv, 0, 1, MPI.INT, root)} fills
 * {@code recv} on the root; the receive buffer of the other ranks is "not significant" in MPI's
 * words. <b>MPJ quirk:</b> MPJ Express 0.44 gathers along a tree and uses non-root receive buffers as
 * relays, so rank 3 ends with {@code [0, 0, 0, 16, 0]} and rank 4 with {@code [0, 0, 0, 16, 25]}:
 * never read a non-root receive buffer.
 *
 * <p>Each rank prints {@code rank r of 5: sent (r+1)^2 gathered [...] allgathered [...]}; after the run
 * the root's buffer is printed the book's way, read from the buffer.
 *
 * <p>Run: {@code ./cookbook run ch3.mpi-gather [--np N]}.
 */
@Recipe(id = "ch3.mpi-gather", chapter = 3, title = "Collective communication using gather")
public final class Gather {

    public static final int RANKS = 5;
    public static final int ROOT = 0;

    private static final Pattern LINE = Pattern.compile("sent (-?\\d+) gathered (\\[.*]) allgathered (\\[.*])");

    private Gather() {
    }

    /** One rank's contribution and its receive buffers after {@code Gather} and {@code Allgather}. */
    public record Collected(int rank, int size, int sent, int[] gathered, int[] allgathered) {
        public String line() {
            return RankLine.of(rank, size, "sent " + sent + " gathered " + Lines.ints(gathered)
                    + " allgathered " + Lines.ints(allgathered)).format();
        }

        static Collected parse(RankLine l) {
            Matcher m = Lines.match(LINE, l);
            return new Collected(l.rank(), l.size(), Integer.parseInt(m.group(1)), Lines.ints(m.group(2)),
                    Lines.ints(m.group(3)));
        }

        /** Equal when every field and every array element is: a record compares arrays by identity otherwise. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Collected o && rank == o.rank
                    && size == o.size
                    && sent == o.sent
                    && Arrays.equals(gathered, o.gathered)
                    && Arrays.equals(allgathered, o.allgathered);
        }

        @Override
        public int hashCode() {
            return Objects.hash(rank, size, sent, Arrays.hashCode(gathered), Arrays.hashCode(allgathered));
        }

        @Override
        public String toString() {
            return "Collected[rank=" + rank + ", size=" + size + ", sent=" + sent + ", gathered="
                    + Arrays.toString(gathered) + ", allgathered=" + Arrays.toString(allgathered) + "]";
        }
    }

    public record Result(List<Collected> ranks, MpiResult run) {
        /** The root's receive buffer as the gather left it. */
        public int[] atRoot() {
            return ranks.get(ROOT).gathered();
        }
    }

    public static Result run(MpiOptions options) throws IOException, InterruptedException {
        MpiResult r = options.launch(Gather.class).requireSuccess();
        return new Result(r.rankLines().stream().map(Collected::parse).toList(), r);
    }

    public static void main(String[] args) throws Exception {
        if (RankProtocol.isRankInvocation(args)) {
            OnRank.main(args);
            return;
        }
        var options = MpiOptions.declare(RecipeOptions.of(Gather.class), RANKS, 1);
        RecipeMain.run(args, options, opt -> {
            Result r = run(MpiOptions.from(opt));
            int[] buffer = r.atRoot();
            for (int i = 1; i < buffer.length; i++) {
                System.out.println("process " + ROOT + " receiving " + buffer[i] + " from process " + i);
            }
            System.out.println(r.run().describe());
        });
    }

    /** The code every rank runs. */
    static final class OnRank {
        private OnRank() {
        }

        static void main(String[] args) throws Exception {
            MpiRank.run(args, (world, rest) -> System.out.println(gather(world, ROOT).line()));
        }

        static Collected gather(Intracomm comm, int root) {
            int rank = comm.Rank();
            int size = comm.Size();
            int[] mine = {(rank + 1) * (rank + 1)};
            int[] gathered = new int[size];
            comm.Gather(mine, 0, 1, MPI.INT, gathered, 0, 1, MPI.INT, root);
            int[] all = new int[size];
            comm.Allgather(mine, 0, 1, MPI.INT, all, 0, 1, MPI.INT);
            return new Collected(rank, size, mine[0], gathered, all);
        }
    }
}
