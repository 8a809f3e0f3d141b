package org.parallelcookbook.mpi;

import java.io.IOException;
import java.util.List;
import mpi.Intracomm;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.mpi.launch.MpiResult;
import org.parallelcookbook.mpi.launch.RankLine;
import org.parallelcookbook.mpi.launch.RankProtocol;

/**
 * <b>Using the mpi4py Python module</b> (book chapter 3): every rank runs the same program and
 * says hello with its rank.
 *
 * <p>The book installs MPICH and mpi4py on Windows and runs {@code mpiexec -n 5 python hello.py};
 * each of the five processes prints "hello world from process r", in whatever order they get to it.
 * Here the MPI library is MPJ Express, whose {@code mpi.*} API follows the mpiJava 1.2 binding
 * (capitalised methods: {@code MPI.COMM_WORLD.Rank()}, {@code Size()}). Its launcher is
 * {@code MPJRun}; {@link org.parallelcookbook.mpi.launch.MpiRun} starts it for you, so clicking
 * {@code main} in the IDE or {@code ./cookbook run} does what {@code mpiexec -n 5} does.
 *
 * <p><b>Java vs Python:</b> on MPJ's multicore device the five ranks are threads of one JVM, each
 * with its own class loader, so each has its own copy of every static field, exactly as separate
 * processes would; nothing is shared except through messages. The {@code main} you click finds
 * itself outside an MPJ runtime (MPJ passes a rank {@code [rank, nprocs, device, ...]} as
 * arguments) and relaunches itself with five ranks.
 *
 * <p>What to look for: the order of the lines changes from run to run; the set of ranks never does.
 * Each rank prints {@code rank r of 5: hello world from process r}.
 *
 * <p>Run: {@code ./cookbook run ch3.mpi-hello [--np N]}.
 */
@Recipe(id = "ch3.mpi-hello", chapter = 3, title = "Using the mpi4py Python module")
public final class MpiHelloWorld {

    /** The book's rank count. */
    public static final int RANKS = 5;

    private MpiHelloWorld() {
    }

    /** One rank's greeting. */
    public record Greeting(int rank, int size) {
        public String line() {
            return RankLine.of(rank, size, "hello world from process " + rank).format();
        }

        static Greeting parse(RankLine l) {
            if (!l.text().equals("hello world from process " + l.rank())) {
                throw new IllegalArgumentException("not a greeting: " + l);
            }
            return new Greeting(l.rank(), l.size());
        }
    }

    /** The greetings of every rank, by rank, and the run they came from. */
    public record Result(List<Greeting> greetings, MpiResult run) {
    }

    /** Runs the program on {@code options.np()} ranks. */
    public static Result run(MpiOptions options) throws IOException, InterruptedException {
        MpiResult r = options.launch(MpiHelloWorld.class).requireSuccess();
        return new Result(r.rankLines().stream().map(Greeting::parse).toList(), r);
    }

    public static void main(String[] args) throws Exception {
        if (RankProtocol.isRankInvocation(args)) {
            OnRank.main(args);
            return;
        }
        var options = MpiOptions.declare(RecipeOptions.of(MpiHelloWorld.class), RANKS, 1);
        RecipeMain.run(args, options, opt -> {
            System.out.println(run(MpiOptions.from(opt)).run().describe());
        });
    }

    /** The code every rank runs (the only part that touches {@code mpi.*}). */
    static final class OnRank {
        private OnRank() {
        }

        static void main(String[] args) throws Exception {
            MpiRank.run(args, (world, rest) -> System.out.println(greet(world).line()));
        }

        static Greeting greet(Intracomm world) {
            return new Greeting(world.Rank(), world.Size());
        }
    }
}
