package org.parallelcookbook.mpi;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mpi.Cartcomm;
import mpi.Intracomm;
import mpi.MPI;
import mpi.ShiftParms;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.report.TextTable;
import org.parallelcookbook.mpi.launch.MpiResult;
import org.parallelcookbook.mpi.launch.RankLine;
import org.parallelcookbook.mpi.launch.RankProtocol;

/**
 * <b>How to optimize communication</b> (book chapter 3): a virtual topology arranges the ranks in a
 * grid so each can name its neighbours instead of computing rank numbers by hand.
 *
 * <p>The book builds a rows × cols grid (rows = ⌊√size⌋, cols = size / rows) with
 * {@code Create_cart}, asks each rank for its coordinates and for its neighbours with
 * {@code Shift(0, 1)} (up/down) and {@code Shift(1, 1)} (left/right). With 4 ranks, on a
 * non-periodic mesh rank 0 has up −1, down 2, left −1, right 1; on a periodic torus rank 0 has
 * up = down = 2 and left = right = 1. <b>Book bug:</b> the listing passes
 * {@code periods=(True, True)} for both cases; the mesh output it shows needs {@code False}.
 *
 * <p><b>Java vs Python:</b> {@code Cartcomm cart = MPI.COMM_WORLD.Create_cart(dims, periods, true)};
 * {@code cart.Coords(rank)}; {@code ShiftParms s = cart.Shift(0, 1)} gives {@code s.rank_source}
 * (up) and {@code s.rank_dest} (down). "No neighbour" is {@code MPI.PROC_NULL}: a send to it or a
 * receive from it does nothing, so edge ranks need no special case. In MPJ Express
 * {@code PROC_NULL} is <b>−3</b>, not −1 as in the book's MPICH. <b>MPJ quirk:</b> 0.44's
 * {@code Shift} itself answers −1 ({@code MPI.UNDEFINED}) at the edge of a mesh, which is not a
 * valid rank to send to; this recipe maps it to {@code MPI.PROC_NULL}, as MPI specifies. With {@code reorder = true} MPI may renumber
 * the ranks, so each rank asks the cartesian communicator for its rank.
 *
 * <p>Each rank prints two lines, e.g. {@code rank 3 of 4: mesh coords (1, 1) up 1 down -3 left 2 right -3}
 * and the same for {@code torus}; then the two neighbour tables are printed.
 *
 * <p><b>Sizes the grid does not cover.</b> With 5 ranks the book's formula gives a 2 × 2 grid, and
 * rank 4 has no place in it. MPI's answer is that {@code Create_cart} returns
 * {@code MPI_COMM_NULL} to such ranks (MPJ Express: {@code null}), which must not be used; here
 * such a rank prints {@code rank 4 of 5: mesh outside the 2 x 2 grid: MPI.COMM_NULL, ...} and
 * the run says which ranks were left out. Sizes 1-4, 6, 8, 9, 12 ... are covered, 5, 7, 10,
 * 11 ... are not.
 *
 * <p>Run: {@code ./cookbook run ch3.mpi-topology [--np N]}.
 */
@Recipe(id = "ch3.mpi-topology", chapter = 3, title = "How to optimize communication")
public final class VirtualTopology {

    public static final int RANKS = 4;

    private static final Pattern LINE = Pattern.compile(
            "(mesh|torus) coords \\((\\d+), (\\d+)\\) up (-?\\d+) down (-?\\d+) left (-?\\d+) right (-?\\d+)");
    private static final Pattern OUTSIDE = Pattern.compile("(mesh|torus) outside the (\\d+) x (\\d+) grid: .*");

    private VirtualTopology() {
    }

    /** A rank's place in a grid and its four neighbours ({@code MPI.PROC_NULL} = none). */
    public record Neighbours(int rank, int size, boolean periodic, int row, int col, int up, int down, int left, int right) {
        public String line() {
            return RankLine.of(rank, size, (periodic ? "torus" : "mesh") + " coords (" + row + ", " + col + ") up " + up
                    + " down " + down + " left " + left + " right " + right).format();
        }

        static Neighbours parse(RankLine l) {
            Matcher m = Lines.match(LINE, l);
            return new Neighbours(l.rank(), l.size(), m.group(1).equals("torus"), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)));
        }
    }

    /**
     * The mesh and torus tables, by rank, and the ranks of {@code MPI.COMM_WORLD} the grid leaves
     * out (rows × cols &lt; size, as with 5 ranks on a 2 × 2 grid): MPI gives those ranks no cartesian
     * communicator ({@code MPI_COMM_NULL}), so they have no coordinates and no neighbours.
     */
    public record Result(List<Neighbours> mesh, List<Neighbours> torus, List<Integer> outside, MpiResult run) {
    }

    /** The line of a rank the grid leaves out. */
    static String outsideLine(int rank, int size, boolean periodic, int[] dims) {
        return RankLine.of(rank, size, (periodic ? "torus" : "mesh") + " outside the " + dims[0] + " x " + dims[1]
                + " grid: MPI.COMM_NULL, no coordinates, no neighbours").format();
    }

    /** The book's grid shape: rows = ⌊√size⌋, cols = size / rows. */
    public static int[] dims(int size) {
        int rows = (int) Math.floor(Math.sqrt(size));
        return new int[] {rows, size / rows};
    }

    public static Result run(MpiOptions options) throws IOException, InterruptedException {
        return result(options.launch(VirtualTopology.class).requireSuccess());
    }

    /** The mesh and torus lines of a run, by rank, and the ranks outside the grid. */
    static Result result(MpiResult r) {
        List<RankLine> lines = r.rankLines();
        List<Neighbours> all = lines.stream().filter(l -> !OUTSIDE.matcher(l.text()).matches()).map(Neighbours::parse)
                .sorted(Comparator.comparingInt(Neighbours::rank)).toList();
        List<Integer> outside = lines.stream().filter(l -> OUTSIDE.matcher(l.text()).matches() && l.text().startsWith("mesh"))
                .map(RankLine::rank).sorted().toList();
        return new Result(all.stream().filter(n -> !n.periodic()).toList(), all.stream().filter(Neighbours::periodic).toList(),
                outside, r);
    }

    /** A table of neighbours, as printed by {@code main} and shown in the docs. */
    public static String table(List<Neighbours> rows, boolean markdown) {
        TextTable t = new TextTable("rank", "coords", "up", "down", "left", "right");
        rows.forEach(n -> t.row(String.valueOf(n.rank()), "(" + n.row() + ", " + n.col() + ")", String.valueOf(n.up()),
                String.valueOf(n.down()), String.valueOf(n.left()), String.valueOf(n.right())));
        return markdown ? t.markdown() : t.render();
    }

    public static void main(String[] args) throws Exception {
        if (RankProtocol.isRankInvocation(args)) {
            OnRank.main(args);
            return;
        }
        var options = MpiOptions.declare(RecipeOptions.of(VirtualTopology.class), RANKS, 1);
        RecipeMain.run(args, options, opt -> {
            Result r = run(MpiOptions.from(opt));
            System.out.println();
            System.out.println("mesh (periods false, false); -3 = MPI.PROC_NULL, no neighbour");
            System.out.print(table(r.mesh(), false));
            System.out.println("torus (periods true, true)");
            System.out.print(table(r.torus(), false));
            if (!r.outside().isEmpty()) {
                int[] d = dims(r.run().np());
                System.out.println("ranks " + r.outside() + " are outside the " + d[0] + " x " + d[1] + " grid: as MPI "
                        + "specifies, Create_cart gave them MPI.COMM_NULL (no coordinates, no neighbours)");
            }
            System.out.println(r.run().describe());
        });
    }

    /** The code every rank runs. */
    static final class OnRank {
        private OnRank() {
        }

        static void main(String[] args) throws Exception {
            MpiRank.run(args, (world, rest) -> {
                System.out.println(line(world, false));
                System.out.println(line(world, true));
            });
        }

        /** The rank's neighbours line, or the line that says the grid left it out. */
        static String line(Intracomm world, boolean periodic) {
            Neighbours n = neighbours(world, periodic);
            return n != null ? n.line() : outsideLine(world.Rank(), world.Size(), periodic, dims(world.Size()));
        }

        /**
         * The rank's place in the grid, or {@code null} when the grid has no place for it: with more
         * ranks than rows × cols, {@code Create_cart} (collective, so every rank calls it) returns
         * {@code MPI_COMM_NULL} to the rest, which MPJ Express spells {@code null}.
         */
        static Neighbours neighbours(Intracomm world, boolean periodic) {
            int[] dims = dims(world.Size());
            Cartcomm cart = world.Create_cart(dims, new boolean[] {periodic, periodic}, true);
            if (cart == null) {
                return null;
            }
            int rank = cart.Rank();
            int[] coords = cart.Coords(rank);
            ShiftParms vertical = cart.Shift(0, 1);
            ShiftParms horizontal = cart.Shift(1, 1);
            return new Neighbours(rank, cart.Size(), periodic, coords[0], coords[1], neighbour(vertical.rank_source),
                    neighbour(vertical.rank_dest), neighbour(horizontal.rank_source), neighbour(horizontal.rank_dest));
        }

        /** MPJ 0.44's {@code Shift} answers −1 ({@code MPI.UNDEFINED}) for "no neighbour"; MPI says {@code PROC_NULL}. */
        static int neighbour(int rank) {
            return rank < 0 ? MPI.PROC_NULL : rank;
        }
    }
}
