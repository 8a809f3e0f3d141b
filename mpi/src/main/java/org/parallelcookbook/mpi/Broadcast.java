package org.parallelcookbook.mpi;

import java.io.IOException;
import java.util.List;
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
 * <b>Collective communication using broadcast</b> (book chapter 3): the root sets a value and one
 * {@code Bcast} gives it to every rank.
 *
 * <p>In the book, rank 0 of 10 sets {@code variable_to_share = 100}, calls
 * {@code comm.bcast(variable_to_share, root=0)}, and every rank prints
 * "process = r variable shared = 100". The book lists the families of collectives (barrier,
 * broadcast, gather, scatter, reduction) and notes that mpi4py's collectives block.
 *
 * <p><b>Java vs Python:</b> mpi4py's lower-case {@code bcast} pickles any object and returns it;
 * MPJ's {@code Bcast(buf, offset, count, MPI.INT, root)} copies {@code count} ints from the root's
 * buffer into the same buffer on every other rank, in place. To make that visible every non-root
 * rank starts with {@value #UNSET} in its buffer and reports the value before and after.
 *
 * <p>Each rank prints {@code rank r of 10: before -1 after 100} (the root: {@code before 100}).
 *
 * <p>Run: {@code ./cookbook run ch3.mpi-bcast [--np N]}.
 */
@Recipe(id = "ch3.mpi-bcast", chapter = 3, title = "Collective communication using broadcast")
public final class Broadcast {

    public static final int RANKS = 10;
    public static final int ROOT = 0;
    public static final int VALUE = 100;
    /** What a non-root buffer holds before the broadcast. */
    public static final int UNSET = -1;

    private static final Pattern LINE = Pattern.compile("before (-?\\d+) after (-?\\d+)");

    private Broadcast() {
    }

    /** One rank's buffer before and after the broadcast. */
    public record Shared(int rank, int size, int before, int after) {
        public String line() {
            return RankLine.of(rank, size, "before " + before + " after " + after).format();
        }

        static Shared parse(RankLine l) {
            Matcher m = Lines.match(LINE, l);
            return new Shared(l.rank(), l.size(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
    }

    public record Result(List<Shared> ranks, MpiResult run) {
    }

    public static Result run(MpiOptions options) throws IOException, InterruptedException {
        MpiResult r = options.launch(Broadcast.class).requireSuccess();
        return new Result(r.rankLines().stream().map(Shared::parse).toList(), r);
    }

    public static void main(String[] args) throws Exception {
        if (RankProtocol.isRankInvocation(args)) {
            OnRank.main(args);
            return;
        }
        var options = MpiOptions.declare(RecipeOptions.of(Broadcast.class), RANKS, 1);
        RecipeMain.run(args, options, opt -> System.out.println(run(MpiOptions.from(opt)).run().describe()));
    }

    /** The code every rank runs. */
    static final class OnRank {
        private OnRank() {
        }

        static void main(String[] args) throws Exception {
            MpiRank.run(args, (world, rest) -> System.out.println(broadcast(world, ROOT, VALUE).line()));
        }

        /** The root puts {@code value} in its buffer; {@code Bcast} copies it into everyone's. */
        static Shared broadcast(Intracomm comm, int root, int value) {
            int rank = comm.Rank();
            int[] buffer = {rank == root ? value : UNSET};
            int before = buffer[0];
            comm.Bcast(buffer, 0, 1, MPI.INT, root);
            return new Shared(rank, comm.Size(), before, buffer[0]);
        }
    }
}
