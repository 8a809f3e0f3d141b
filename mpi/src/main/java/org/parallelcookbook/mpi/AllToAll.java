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
 * <b>Collective communication using Alltoall</b> (book chapter 3): every rank sends a different
 * element to every rank, a transpose of the ranks' buffers.
 *
 * <p>In the book 5 ranks each send (rank + 1)·[0, 1, 2, 3, 4]. {@code Alltoall} delivers element j
 * of rank i's buffer to slot i of rank j: rank 0 receives only zeros, rank 1 receives [1, 2, 3, 4, 5].
 * The book names its uses: FFT, matrix transpose, sample sort, database joins.
 *
 * <p><b>Java vs Python:</b> the call is the same shape as mpi4py's buffer version:
 * {@code Alltoall(send, 0, 1, MPI.INT, recv, 0, 1, MPI.INT)}, one int per destination. In general rank
 * r receives recv[j] = (j + 1)·r.
 *
 * <p>Each rank prints {@code rank r of 5: sent [...] received [...]}.
 *
 * <p>Run: {@code ./cookbook run ch3.mpi-alltoall [--np N]}.
 */
@Recipe(id = "ch3.mpi-alltoall", chapter = 3, title = "Collective communication using Alltoall")
public final class AllToAll {

    public static final int RANKS = 5;

    private static final Pattern LINE = Pattern.compile("sent (\\[.*]) received (\\[.*])");

    private AllToAll() {
    }

    /** One rank's send and receive buffers. */
    public record Exchanged(int rank, int size, int[] sent, int[] received) {
        public String line() {
            return RankLine.of(rank, size, "sent " + Lines.ints(sent) + " received " + Lines.ints(received)).format();
        }

        static Exchanged parse(RankLine l) {
            Matcher m = Lines.match(LINE, l);
            return new Exchanged(l.rank(), l.size(), Lines.ints(m.group(1)), Lines.ints(m.group(2)));
        }

        /** Equal when every field and every array element is: a record compares arrays by identity otherwise. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Exchanged o && rank == o.rank
                    && size == o.size
                    && Arrays.equals(sent, o.sent)
                    && Arrays.equals(received, o.received);
        }

        @Override
        public int hashCode() {
            return Objects.hash(rank, size, Arrays.hashCode(sent), Arrays.hashCode(received));
        }

        @Override
        public String toString() {
            return "Exchanged[rank=" + rank + ", size=" + size + ", sent=" + Arrays.toString(sent)
                    + ", received=" + Arrays.toString(received) + "]";
        }
    }

    public record Result(List<Exchanged> ranks, MpiResult run) {
    }

    public static Result run(MpiOptions options) throws IOException, InterruptedException {
        MpiResult r = options.launch(AllToAll.class).requireSuccess();
        return new Result(r.rankLines().stream().map(Exchanged::parse).toList(), r);
    }

    public static void main(String[] args) throws Exception {
        if (RankProtocol.isRankInvocation(args)) {
            OnRank.main(args);
            return;
        }
        var options = MpiOptions.declare(RecipeOptions.of(AllToAll.class), RANKS, 1);
        RecipeMain.run(args, options, opt -> System.out.println(run(MpiOptions.from(opt)).run().describe()));
    }

    /** The code every rank runs. */
    static final class OnRank {
        private OnRank() {
        }

        static void main(String[] args) throws Exception {
            MpiRank.run(args, (world, rest) -> System.out.println(allToAll(world).line()));
        }

        static Exchanged allToAll(Intracomm comm) {
            int rank = comm.Rank();
            int size = comm.Size();
            int[] send = IntStream.range(0, size).map(j -> (rank + 1) * j).toArray();
            int[] recv = new int[size];
            comm.Alltoall(send, 0, 1, MPI.INT, recv, 0, 1, MPI.INT);
            return new Exchanged(rank, size, send, recv);
        }
    }
}
