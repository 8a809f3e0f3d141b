package org.parallelcookbook.mpi;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mpi.Intracomm;
import mpi.MPI;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.core.measure.Summary;
import org.parallelcookbook.mpi.launch.MpiResult;
import org.parallelcookbook.mpi.launch.RankLine;
import org.parallelcookbook.mpi.launch.RankProtocol;

/**
 * <b>MPI latency and bandwidth</b> (beyond the book): what one message costs, so a reader can judge
 * when message passing pays off against shared memory.
 *
 * <p>Ranks 0 and 1 bounce a message back and forth. One-way latency is half the median round trip
 * of an 8-byte message (10,000 round trips after 1,000 for warm-up); bandwidth is 4 MiB divided by
 * half the median round trip of a 4 MiB message; and every rank times {@code Allreduce} of 1,000
 * doubles (median). Rank 1 sends back exactly what it received and rank 0 checks every byte of every
 * reply, so a fast but wrong transport cannot produce a figure. Timing uses {@code System.nanoTime()}
 * around each operation.
 *
 * <p>On the multicore device the "messages" are copies between threads of one JVM; on niodev they
 * cross TCP (loopback or a network), one JVM per rank. Compare with the threads of chapter 2:
 * a lock hand-off costs tens of nanoseconds, an MPI message tens of microseconds.
 *
 * <p>Rank 0 prints {@code rank 0 of n: latency-us L bandwidth-gbs B allreduce-us A roundtrips R
 * verified V transfers T allreduces K}; the other ranks print their {@code allreduce-us}.
 *
 * <p>Run: {@code ./cookbook run x.mpi-pingpong [--np N] [--roundtrips N] [--transfers N]
 * [--allreduces N] [--dev niodev --machines FILE]}; the study on 2 and 4 ranks:
 * {@code ./cookbook bench x.mpi-pingpong --json pingpong.json}.
 */
@Recipe(id = "x.mpi-pingpong", chapter = 3, title = "MPI latency and bandwidth", extra = true,
        tourArgs = {"--roundtrips", "500", "--transfers", "4", "--allreduces", "100"},
        bench = PingPongBenchmark.class)
public final class PingPong {

    public static final int RANKS = 2;
    public static final int SMALL_BYTES = 8;
    public static final int LARGE_BYTES = 4 << 20;
    public static final int DOUBLES = 1_000;

    private static final Pattern ROOT_LINE = Pattern.compile("latency-us ([0-9.]+) bandwidth-gbs ([0-9.]+) allreduce-us ([0-9.]+)"
            + " roundtrips (\\d+) verified (\\d+) transfers (\\d+) allreduces (\\d+)");

    private PingPong() {
    }

    /** How many repetitions of each measurement (warm-up is a tenth more, at least one). */
    public record Repetitions(int roundTrips, int transfers, int allreduces) {
        public Repetitions {
            if (roundTrips < 1 || transfers < 1 || allreduces < 1) {
                throw new IllegalArgumentException("repetitions must be at least 1");
            }
        }

        public static Repetitions standard() {
            return new Repetitions(10_000, 50, 2_000);
        }

        String[] args() {
            return new String[] {String.valueOf(roundTrips), String.valueOf(transfers), String.valueOf(allreduces)};
        }

        static Repetitions of(String[] args) {
            return new Repetitions(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        }
    }

    /**
     * Rank 0's figures.
     *
     * @param latencyMicros  one-way latency of an 8-byte message, microseconds (median)
     * @param bandwidthGBps  4 MiB / one-way time, 10^9 bytes per second (median)
     * @param allreduceMicros Allreduce of 1,000 doubles, microseconds (median, rank 0)
     * @param roundTrips     8-byte round trips timed
     * @param verified       of those, replies identical to what was sent
     * @param transfers      of the 4 MiB round trips timed, replies identical to what was sent
     * @param allreduces     of the Allreduce calls timed, results with every sum right (rank 0's)
     */
    public record Figures(int ranks, double latencyMicros, double bandwidthGBps, double allreduceMicros,
                          int roundTrips, int verified, int transfers, int allreduces) {
        String text() {
            return String.format(Locale.ROOT, "latency-us %.2f bandwidth-gbs %.3f allreduce-us %.2f roundtrips %d verified %d"
                    + " transfers %d allreduces %d", latencyMicros, bandwidthGBps, allreduceMicros, roundTrips, verified,
                    transfers, allreduces);
        }

        static Figures parse(RankLine l) {
            Matcher m = Lines.match(ROOT_LINE, l);
            return new Figures(l.size(), Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                    Double.parseDouble(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)));
        }
    }

    public record Result(Figures figures, MpiResult run) {
    }

    /** Measures on {@code options.np()} ranks (at least 2). */
    public static Result run(MpiOptions options, Repetitions reps) throws IOException, InterruptedException {
        if (options.np() < 2) {
            throw new UsageException("ping-pong needs at least 2 ranks");
        }
        MpiResult r = options.launch(PingPong.class, reps.args()).requireSuccess();
        Figures f = Figures.parse(r.rank(0).line());
        if (f.verified() != reps.roundTrips() || f.transfers() != reps.transfers() || f.allreduces() != reps.allreduces()) {
            throw new IllegalStateException("wrong results: " + f.verified() + " of " + reps.roundTrips()
                    + " 8-byte replies, " + f.transfers() + " of " + reps.transfers() + " 4 MiB replies and "
                    + f.allreduces() + " of " + reps.allreduces() + " Allreduce results were right");
        }
        return new Result(f, r);
    }

    public static void main(String[] args) throws Exception {
        if (RankProtocol.isRankInvocation(args)) {
            OnRank.main(args);
            return;
        }
        Repetitions d = Repetitions.standard();
        var options = MpiOptions.declare(RecipeOptions.of(PingPong.class), RANKS, 2)
                .intOption("--roundtrips", d.roundTrips(), 1, Integer.MAX_VALUE, "latency round trips")
                .intOption("--transfers", d.transfers(), 1, Integer.MAX_VALUE, "bandwidth transfers of 4 MiB")
                .intOption("--allreduces", d.allreduces(), 1, Integer.MAX_VALUE, "Allreduce calls timed");
        RecipeMain.run(args, options, opt -> {
            Repetitions reps = new Repetitions(opt.intValue("--roundtrips"),
                    opt.intValue("--transfers"),
                    opt.intValue("--allreduces"));
            Result r = run(MpiOptions.from(opt), reps);
            Figures f = r.figures();
            System.out.printf(Locale.ROOT, "%d ranks, %s device: one-way latency %.1f us (8 B), bandwidth %.2f GB/s (4 MiB),"
                    + " Allreduce of %d doubles %.1f us%n", f.ranks(), r.run().device().mpjName(), f.latencyMicros(),
                    f.bandwidthGBps(), DOUBLES, f.allreduceMicros());
        });
    }

    /** The code every rank runs. */
    static final class OnRank {
        private OnRank() {
        }

        static void main(String[] args) throws Exception {
            MpiRank.run(args, (world, rest) -> {
                Repetitions reps = Repetitions.of(rest);
                RankLine line = measure(world, reps);
                System.out.println(line.format());
            });
        }

        static RankLine measure(Intracomm comm, Repetitions reps) {
            int rank = comm.Rank();
            int size = comm.Size();
            double latency = 0;
            double bandwidth = 0;
            int verified = 0;
            int transfers = 0;
            if (rank < 2) {
                long[] small = pingPong(comm, rank, SMALL_BYTES, reps.roundTrips());
                verified = (int) small[small.length - 1];
                latency = median(Arrays.copyOf(small, small.length - 1)) / 2 / 1e3;
                long[] large = pingPong(comm, rank, LARGE_BYTES, reps.transfers());
                double oneWaySeconds = median(Arrays.copyOf(large, large.length - 1)) / 2 / 1e9;
                bandwidth = LARGE_BYTES / oneWaySeconds / 1e9;
                transfers = (int) large[large.length - 1];
            }
            double[] timedAllreduce = allreduce(comm, reps.allreduces());
            double allreduce = timedAllreduce[0] / 1e3;
            if (rank == 0) {
                return RankLine.of(rank, size, new Figures(size, latency, bandwidth, allreduce, reps.roundTrips(), verified,
                        transfers, (int) timedAllreduce[1]).text());
            }
            return RankLine.of(rank, size, String.format(Locale.ROOT, "allreduce-us %.2f", allreduce));
        }

        /**
         * Rank 0 sends, rank 1 echoes. Returns (on rank 0) the round-trip times in nanoseconds followed
         * by the number of replies equal to what was sent.
         */
        static long[] pingPong(Intracomm comm, int rank, int bytes, int timed) {
            int warmup = Math.max(1, timed / 10);
            byte[] out = new byte[bytes];
            byte[] in = new byte[bytes];
            long[] times = new long[timed + 1];
            int ok = 0;
            for (int i = -warmup; i < timed; i++) {
                if (rank == 0) {
                    byte stamp = (byte) i;
                    out[0] = stamp;
                    out[bytes / 2] = (byte) (stamp + 1);
                    out[bytes - 1] = (byte) (stamp + 2);
                    long t0 = System.nanoTime();
                    comm.Send(out, 0, bytes, MPI.BYTE, 1, 1);
                    comm.Recv(in, 0, bytes, MPI.BYTE, 1, 2);
                    long t1 = System.nanoTime();
                    if (i >= 0) {
                        times[i] = t1 - t0;
                        if (Arrays.equals(out, in)) {
                            ok++;
                        }
                    }
                } else {
                    comm.Recv(in, 0, bytes, MPI.BYTE, 0, 1);
                    comm.Send(in, 0, bytes, MPI.BYTE, 0, 2);
                }
            }
            times[timed] = ok;
            return times;
        }

        /**
         * The median nanoseconds of one Allreduce of {@value #DOUBLES} doubles, and how many of the
         * timed calls gave every sum right (checked outside the timed window).
         */
        static double[] allreduce(Intracomm comm, int timed) {
            int rank = comm.Rank();
            int size = comm.Size();
            double[] mine = new double[DOUBLES];
            double[] sum = new double[DOUBLES];
            for (int i = 0; i < DOUBLES; i++) {
                mine[i] = (rank + 1) * (double) i;
            }
            double factor = size * (size + 1) / 2.0;
            int warmup = Math.max(1, timed / 10);
            long[] times = new long[timed];
            int right = 0;
            comm.Barrier();
            for (int k = -warmup; k < timed; k++) {
                Arrays.fill(sum, -1);
                long t0 = System.nanoTime();
                comm.Allreduce(mine, 0, sum, 0, DOUBLES, MPI.DOUBLE, MPI.SUM);
                long t1 = System.nanoTime();
                if (k >= 0) {
                    times[k] = t1 - t0;
                    if (sumsRight(sum, factor)) {
                        right++;
                    }
                }
            }
            return new double[] {median(times), right};
        }

        private static boolean sumsRight(double[] sum, double factor) {
            for (int i = 0; i < sum.length; i++) {
                if (sum[i] != factor * i) {
                    return false;
                }
            }
            return true;
        }

        /** The median through the core's statistics ({@link Summary}). */
        static double median(long[] values) {
            return Summary.of(Arrays.stream(values).asDoubleStream().toArray()).median();
        }
    }
}
