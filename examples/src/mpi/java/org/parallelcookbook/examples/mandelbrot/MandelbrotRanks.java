package org.parallelcookbook.examples.mandelbrot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import mpi.Intracomm;
import mpi.MPI;
import org.parallelcookbook.mpi.MpiRank;
import org.parallelcookbook.mpi.launch.RankLine;
import org.parallelcookbook.mpi.launch.RankProtocol;

/**
 * The program every MPJ Express rank of the {@code mpi} model runs ({@link MpiMandelbrot} launches
 * it through chapter 3's {@code MpiRun}); not a recipe, and not meant to be started by hand.
 *
 * <p>Arguments: {@code WIDTH HEIGHT XMIN XMAX YMIN YMAX MAXITER OUTFILE}. Rank r of p computes the
 * rows r, r + p, r + 2p, ... (a cyclic distribution: every rank gets rows from the cheap edges and
 * from the costly middle), and one {@code Gather} with a fixed chunk of ceil(height / p) rows
 * brings them to rank 0, which puts every row in its place and writes the grid to OUTFILE as
 * big-endian ints, and prints how long that took (one {@link RankLine}). A file, not standard output: a million counts as text would cost more than the
 * computation.
 */
public final class MandelbrotRanks {

    /** What rank 0 prints before the time from its first row to the written file. */
    static final String WORK = "computed, gathered and wrote the grid in ";
    /** Number of arguments after those MPJ adds. */
    static final int ARGS = 8;

    private MandelbrotRanks() {
    }

    public static void main(String[] args) throws Exception {
        if (!RankProtocol.isRankInvocation(args)) {
            throw new IllegalArgumentException("MandelbrotRanks runs as MPJ Express ranks, started by the mpi model of "
                    + "'./cookbook compare mandelbrot'; it is not a command of its own");
        }
        MpiRank.run(args, MandelbrotRanks::render);
    }

    /** The arguments MpiMandelbrot passes for {@code spec} and {@code out}. */
    static String[] arguments(MandelbrotSpec spec, Path out) {
        // Double.toString gives the shortest decimal that reads back as the same double
        return new String[] {String.valueOf(spec.width()), String.valueOf(spec.height()), Double.toString(spec.xMin()),
                Double.toString(spec.xMax()), Double.toString(spec.yMin()), Double.toString(spec.yMax()),
                String.valueOf(spec.maxIter()), out.toAbsolutePath().toString()};
    }

    static void render(Intracomm world, String[] args) throws IOException {
        if (args.length < ARGS) {
            throw new IllegalArgumentException("expected " + ARGS + " arguments, got " + args.length);
        }
        var spec = new MandelbrotSpec(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Double.parseDouble(args[2]),
                Double.parseDouble(args[3]), Double.parseDouble(args[4]), Double.parseDouble(args[5]),
                Integer.parseInt(args[6]));
        long start = System.nanoTime();
        int rank = world.Rank();
        int size = world.Size();
        int width = spec.width();
        int chunkRows = (spec.height() + size - 1) / size;
        int chunk = chunkRows * width;
        int[] mine = new int[chunk];
        for (int k = 0, row = rank; row < spec.height(); k++, row += size) {
            System.arraycopy(spec.row(row), 0, mine, k * width, width);
        }
        // every rank gets a whole receive buffer: MPJ Express gathers along a tree and uses the
        // buffers of non-root ranks as relays (see ch3.mpi-gather)
        int[] gathered = new int[size * chunk];
        world.Gather(mine, 0, chunk, MPI.INT, gathered, 0, chunk, MPI.INT, 0);
        if (rank == 0) {
            int[] grid = new int[spec.pixels()];
            for (int r = 0; r < size; r++) {
                for (int k = 0, row = r; row < spec.height(); k++, row += size) {
                    System.arraycopy(gathered, (r * chunkRows + k) * width, grid, row * width, width);
                }
            }
            write(grid, Path.of(args[7]));
            System.out.println(RankLine.of(rank, size, WORK + (System.nanoTime() - start) / 1000 + " us").format());
        }
    }

    static void write(int[] grid, Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(grid.length * Integer.BYTES);
        bytes.asIntBuffer().put(grid);
        Files.write(file, bytes.array());
    }

    /** Reads what {@link #write} wrote. */
    static int[] read(Path file, int expected) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        if (raw.length != expected * Integer.BYTES) {
            throw new IOException(file + " holds " + raw.length + " bytes, expected " + expected * Integer.BYTES);
        }
        int[] grid = new int[expected];
        ByteBuffer.wrap(raw).asIntBuffer().get(grid);
        return grid;
    }
}
