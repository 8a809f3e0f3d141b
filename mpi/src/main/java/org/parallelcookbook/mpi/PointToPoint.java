package org.parallelcookbook.mpi;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mpi.Intracomm;
import mpi.MPI;
import mpi.Status;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.mpi.launch.MpiResult;
import org.parallelcookbook.mpi.launch.RankLine;
import org.parallelcookbook.mpi.launch.RankProtocol;

/**
 * <b>Point-to-point communication</b> (book chapter 3): one rank sends, one named rank receives.
 *
 * <p>The book runs 9 ranks; each prints "my rank is : r"; rank 0 sends the integer 10000000 to rank
 * 4, rank 1 sends the string "hello" to rank 8, and the receivers print what arrived. The prose
 * explains that {@code send} and {@code recv} block, and that a send may return once the message is
 * buffered (buffered mode) or only once it is received (synchronous mode): see
 * {@link DeadlockAvoidance} for why that matters.
 *
 * <p><b>Java vs Python:</b> mpi4py's {@code comm.send(obj, dest=4)} pickles any object. MPJ sends
 * typed buffers: {@code Send(new int[]{10000000}, 0, 1, MPI.INT, 4, tag)}; the string travels as
 * {@code MPI.OBJECT} (Java serialization, the counterpart of pickling). {@code Recv} returns a
 * {@code Status} that names the actual source and tag, which is how a receiver that accepts
 * {@code MPI.ANY_SOURCE} learns who wrote to it. After a barrier every rank asks
 * {@code Iprobe(ANY_SOURCE, ANY_TAG)} whether any message is still waiting for it, so "received
 * nothing" is checked, not assumed.
 *
 * <p>Each rank prints {@code rank r of 9: sent <what>, received <what>}, e.g.
 * {@code rank 4 of 9: sent nothing, received int 10000000 from rank 0 (tag 11)}.
 *
 * <p>Run: {@code ./cookbook run ch3.mpi-p2p} (9 ranks at least).
 */
@Recipe(id = "ch3.mpi-p2p", chapter = 3, title = "Point-to-point communication")
public final class PointToPoint {

    public static final int RANKS = 9;
    public static final int NUMBER = 10_000_000;
    public static final String TEXT = "hello";
    static final int INT_TAG = 11;
    static final int TEXT_TAG = 12;

    private static final Pattern LINE = Pattern.compile("sent (.+), received (.+)");

    private PointToPoint() {
    }

    /** What one rank sent and received ("nothing" when it did not). */
    public record Exchange(int rank, int size, String sent, String received) {
        public String line() {
            return RankLine.of(rank, size, "sent " + sent + ", received " + received).format();
        }

        static Exchange parse(RankLine l) {
            Matcher m = Lines.match(LINE, l);
            return new Exchange(l.rank(), l.size(), m.group(1), m.group(2));
        }
    }

    public record Result(List<Exchange> ranks, MpiResult run) {
    }

    public static Result run(MpiOptions options) throws IOException, InterruptedException {
        MpiResult r = options.launch(PointToPoint.class).requireSuccess();
        return new Result(r.rankLines().stream().map(Exchange::parse).toList(), r);
    }

    public static void main(String[] args) throws Exception {
        if (RankProtocol.isRankInvocation(args)) {
            OnRank.main(args);
            return;
        }
        var options = MpiOptions.declare(RecipeOptions.of(PointToPoint.class), RANKS, RANKS);
        RecipeMain.run(args, options, opt -> System.out.println(run(MpiOptions.from(opt)).run().describe()));
    }

    /** The code every rank runs. */
    static final class OnRank {
        private OnRank() {
        }

        static void main(String[] args) throws Exception {
            MpiRank.run(args, (world, rest) -> System.out.println(exchange(world).line()));
        }

        static Exchange exchange(Intracomm comm) {
            int rank = comm.Rank();
            String sent = "nothing";
            String received = "nothing";
            switch (rank) {
                case 0 -> {
                    comm.Send(new int[] {NUMBER}, 0, 1, MPI.INT, 4, INT_TAG);
                    sent = "int " + NUMBER + " to rank 4";
                }
                case 1 -> {
                    comm.Send(new Object[] {TEXT}, 0, 1, MPI.OBJECT, 8, TEXT_TAG);
                    sent = "string \"" + TEXT + "\" to rank 8";
                }
                case 4 -> {
                    int[] buffer = new int[1];
                    Status s = comm.Recv(buffer, 0, 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
                    received = "int " + buffer[0] + " from rank " + s.source + " (tag " + s.tag + ")";
                }
                case 8 -> {
                    Object[] buffer = new Object[1];
                    Status s = comm.Recv(buffer, 0, 1, MPI.OBJECT, MPI.ANY_SOURCE, MPI.ANY_TAG);
                    received = "string \"" + buffer[0] + "\" from rank " + s.source + " (tag " + s.tag + ")";
                }
                default -> {
                    // the book's other ranks only say who they are
                }
            }
            comm.Barrier();
            Status pending = comm.Iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG);
            if (pending != null) {
                received += " (and a message from rank " + pending.source + " still waiting)";
            }
            return new Exchange(rank, comm.Size(), sent, received);
        }
    }
}
