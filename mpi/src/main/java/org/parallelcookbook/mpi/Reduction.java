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
 * <b>The reduction operation</b> (book chapter 3): combine one buffer from every rank, element by
 * element, into a single result.
 *
 * <p>In the book 3 ranks each send (rank + 1)·[0, 1, 2]; {@code Reduce(op=MPI.SUM, root=0)} leaves
 * [0, 6, 12] on rank 0; the other ranks' receive buffers are not significant. The book lists the
 * predefined operations MAX, MIN, SUM, PROD, LAND, MAXLOC, MINLOC.
 *
 * <p><b>Java vs Python:</b> MPJ's {@code Reduce(send, 0, recv, 0, 3, MPI.INT, MPI.SUM, 0)} has the
 * buffer signature of mpi4py's upper-case {@code Reduce}. Besides the book's sum, every rank here
 * also reduces with {@code MPI.MAX} (root gets [0, 3, 6]) and with {@code Allreduce}, which gives
 * the sum to every rank. In general, with n ranks, element i of the sum is i·n(n+1)/2 and of the
 * maximum i·n.
 *
 * <p><b>MPJ quirk:</b> MPJ Express 0.44 reduces along a tree and uses the non-root receive buffers
 * as scratch space: after the call rank 2 holds its own partial result, not zeros as with MPICH.
 * MPI only promises the root's buffer, so never read a non-root receive buffer; the send buffers
 * are left as they were on every rank.
 *
 * <p>Each rank prints {@code rank r of 3: sent [...] sum [...] max [...] allreduce [...]}.
 *
 * <p>Run: {@code ./cookbook run ch3.mpi-reduce [--np N]}.
 */
@Recipe(id = "ch3.mpi-reduce", chapter = 3, title = "The reduction operation")
public final class Reduction {

    public static final int RANKS = 3;
    public static final int ROOT = 0;
    public static final int LENGTH = 3;

    private static final Pattern LINE = Pattern.compile("sent (\\[.*]) sum (\\[.*]) max (\\[.*]) allreduce (\\[.*])");

    private Reduction() {
    }

    /** One rank's buffers after the reductions. */
    public record Reduced(int rank, int size, int[] sent, int[] sum, int[] max, int[] allreduce) {
        public String line() {
            return RankLine.of(rank, size, "sent " + Lines.ints(sent) + " sum " + Lines.ints(sum) + " max "
                    + Lines.ints(max) + " allreduce " + Lines.ints(allreduce)).format();
        }

        static Reduced parse(RankLine l) {
            Matcher m = Lines.match(LINE, l);
            return new Reduced(l.rank(), l.size(), Lines.ints(m.group(1)), Lines.ints(m.group(2)),
                    Lines.ints(m.group(3)), Lines.ints(m.group(4)));
        }

        /** Equal when every field and every array element is: a record compares arrays by identity otherwise. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Reduced o && rank == o.rank
                    && size == o.size
                    && Arrays.equals(sent, o.sent)
                    && Arrays.equals(sum, o.sum)
                    && Arrays.equals(max, o.max)
                    && Arrays.equals(allreduce, o.allreduce);
        }

        @Override
        public int hashCode() {
            return Objects.hash(rank, size,
                    Arrays.hashCode(sent), Arrays.hashCode(sum), Arrays.hashCode(max), Arrays.hashCode(allreduce));
        }

        @Override
        public String toString() {
            return "Reduced[rank=" + rank + ", size=" + size + ", sent=" + Arrays.toString(sent) + ", sum="
                    + Arrays.toString(sum) + ", max=" + Arrays.toString(max) + ", allreduce=" + Arrays.toString(allreduce) + "]";
        }
    }

    public record Result(List<Reduced> ranks, MpiResult run) {
    }

    public static Result run(MpiOptions options) throws IOException, InterruptedException {
        MpiResult r = options.launch(Reduction.class).requireSuccess();
        return new Result(r.rankLines().stream().map(Reduced::parse).toList(), r);
    }

    public static void main(String[] args) throws Exception {
        if (RankProtocol.isRankInvocation(args)) {
            OnRank.main(args);
            return;
        }
        var options = MpiOptions.declare(RecipeOptions.of(Reduction.class), RANKS, 1);
        RecipeMain.run(args, options, opt -> System.out.println(run(MpiOptions.from(opt)).run().describe()));
    }

    /** The code every rank runs. */
    static final class OnRank {
        private OnRank() {
        }

        static void main(String[] args) throws Exception {
            MpiRank.run(args, (world, rest) -> System.out.println(reduce(world, ROOT).line()));
        }

        static Reduced reduce(Intracomm comm, int root) {
            int rank = comm.Rank();
            int[] send = IntStream.range(0, LENGTH).map(i -> (rank + 1) * i).toArray();
            int[] sum = new int[LENGTH];
            int[] max = new int[LENGTH];
            int[] all = new int[LENGTH];
            comm.Reduce(send, 0, sum, 0, LENGTH, MPI.INT, MPI.SUM, root);
            comm.Reduce(send, 0, max, 0, LENGTH, MPI.INT, MPI.MAX, root);
            comm.Allreduce(send, 0, all, 0, LENGTH, MPI.INT, MPI.SUM);
            return new Reduced(rank, comm.Size(), send, sum, max, all);
        }
    }
}
