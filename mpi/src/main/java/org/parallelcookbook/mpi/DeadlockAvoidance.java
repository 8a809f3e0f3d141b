package org.parallelcookbook.mpi;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mpi.Intracomm;
import mpi.MPI;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.mpi.launch.MpiResult;
import org.parallelcookbook.mpi.launch.RankLine;
import org.parallelcookbook.mpi.launch.RankProtocol;

/**
 * <b>Avoiding deadlock problems</b> (book chapter 3): two ranks that exchange messages can block
 * each other forever, depending only on the order of their sends and receives.
 *
 * <p>In the book ranks 1 and 5 of 9 swap the messages "a" and "b". Each first {@code recv}s from the
 * other and then sends: both wait for a message nobody will send. The fixes: one side sends first
 * while the other receives first; both send first, which works only if the library buffers the
 * message; or {@code sendrecv}, which does both at once safely.
 *
 * <p>Here every variant is runnable ({@link Variant}), and the broken ones are detected, not waited
 * on: {@link org.parallelcookbook.mpi.launch.MpiRun} gives the ranks a time limit from the moment
 * all of them are up, reports the ones that never printed their line, and kills every rank.
 * <ul>
 *   <li>{@code recv-first}: the book's deadlock.</li>
 *   <li>{@code ssend-first}: both call {@code Ssend}, the synchronous send, which returns only when
 *       the receiver has started receiving. It deadlocks every time, under every MPI: the
 *       guaranteed form of the next variant, and what exposes that variant's hidden assumption.</li>
 *   <li>{@code send-first}: both call the standard {@code Send}. MPI allows a standard send to
 *       return once the message is buffered, or only once it is received; the book's "it works if
 *       the library buffers" is exactly that choice. So this is <b>not an MPI deadlock</b>: it is
 *       MPJ Express's multicore device not buffering. There it hangs as surely as
 *       {@code ssend-first}; its niodev device (TCP) sends small messages eagerly, and there the same
 *       code finishes, as it would under most MPIs. Correct MPI code must not depend on buffering,
 *       which is why {@code ssend-first} is the variant that shows the deadlock for sure
 *       ({@link Deadlock#UNDER_EVERY_MPI}).</li>
 *   <li>{@code ordered}: rank 1 sends then receives, rank 5 receives then sends.</li>
 *   <li>{@code sendrecv}: both call {@code Sendrecv}.</li>
 * </ul>
 *
 * <p>Ranks 1 and 5 print {@code rank 1 of 9: sent "a" to rank 5, received "b" from rank 5}; the
 * others {@code rank r of 9: idle}.
 *
 * <p>Run: {@code ./cookbook run ch3.mpi-deadlock [VARIANT...] [--timeout SECONDS]} (all variants,
 * 5 s limit, by default).
 */
@Recipe(id = "ch3.mpi-deadlock", chapter = 3, title = "Avoiding deadlock problems",
        tourArgs = {"recv-first", "sendrecv", "--timeout", "2"})
public final class DeadlockAvoidance {

    public static final int RANKS = 9;
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(5);
    static final int TAG = 7;

    private static final Pattern LINE = Pattern.compile("sent \"(.)\" to rank (\\d+), received \"(.)\" from rank (\\d+)");

    private DeadlockAvoidance() {
    }

    /** Whether an ordering deadlocks, and under which MPI. */
    public enum Deadlock {
        /** Under every conforming MPI: no implementation may let these calls return. */
        UNDER_EVERY_MPI,
        /**
         * Only where a standard {@code Send} waits for its receiver, as on MPJ's multicore device;
         * an MPI that buffers the message (MPJ's niodev for small ones, most MPIs) finishes.
         */
        WITHOUT_BUFFERING,
        /** Never. */
        NEVER
    }

    /** The orderings of the exchange between ranks 1 and 5. */
    public enum Variant {
        RECV_FIRST("recv-first", Deadlock.UNDER_EVERY_MPI),
        SSEND_FIRST("ssend-first", Deadlock.UNDER_EVERY_MPI),
        SEND_FIRST("send-first", Deadlock.WITHOUT_BUFFERING),
        ORDERED("ordered", Deadlock.NEVER),
        SENDRECV("sendrecv", Deadlock.NEVER);

        private final String id;
        private final Deadlock deadlock;

        Variant(String id, Deadlock deadlock) {
            this.id = id;
            this.deadlock = deadlock;
        }

        public String id() {
            return id;
        }

        public Deadlock deadlock() {
            return deadlock;
        }

        /**
         * Whether this ordering deadlocks on MPJ Express's multicore device: the ones that do under
         * every MPI, and {@code send-first}, because that device does not buffer a standard send.
         */
        public boolean deadlocks() {
            return deadlock != Deadlock.NEVER;
        }

        public static Variant parse(String s) {
            for (Variant v : values()) {
                if (v.id.equals(s)) {
                    return v;
                }
            }
            throw new UsageException("variant must be one of "
                    + Arrays.stream(values()).map(Variant::id).toList() + ", got '" + s + "'");
        }
    }

    /** What rank 1 or 5 sent and received. */
    public record Swap(int rank, int size, char sent, int to, char received, int from) {
        public String line() {
            return RankLine.of(rank, size, "sent \"" + sent + "\" to rank " + to + ", received \"" + received
                    + "\" from rank " + from).format();
        }

        static Swap parse(RankLine l) {
            Matcher m = Lines.match(LINE, l);
            return new Swap(l.rank(), l.size(), m.group(1).charAt(0), Integer.parseInt(m.group(2)),
                    m.group(3).charAt(0), Integer.parseInt(m.group(4)));
        }
    }

    /**
     * How one variant went.
     *
     * @param deadlocked true when ranks were still blocked at the time limit (and were killed)
     * @param swaps      the exchanges that completed
     * @param blocked    ranks that never got to print their line
     */
    public record Outcome(Variant variant, boolean deadlocked, List<Swap> swaps, List<Integer> blocked, MpiResult run) {
        public String summary() {
            if (deadlocked) {
                String why = switch (variant.deadlock()) {
                    case UNDER_EVERY_MPI -> " (a deadlock under every MPI)";
                    case WITHOUT_BUFFERING -> " (only because MPJ's multicore device does not buffer a standard Send;"
                            + " an MPI that buffers finishes it)";
                    case NEVER -> " (unexpected: this order cannot deadlock)";
                };
                return String.format(Locale.ROOT, "%-11s DEADLOCK: ranks %s still blocked after %d s; all %d ranks killed%s",
                        variant.id(), blocked, run.timeout().toSeconds(), run.np(), why);
            }
            return String.format(Locale.ROOT, "%-11s finished: %s", variant.id(),
                    swaps.stream().map(s -> s.rank() + " got \"" + s.received() + "\"").toList());
        }
    }

    /** Runs one variant; a deadlock is an outcome, not an exception. */
    public static Outcome run(Variant variant, MpiOptions options) throws IOException, InterruptedException {
        return outcome(variant, options.launch(DeadlockAvoidance.class, variant.id()));
    }

    /** What a run of {@code variant} shows: a time-out is the deadlock; any other failure is thrown. */
    static Outcome outcome(Variant variant, MpiResult r) {
        if (r.outcome() != MpiResult.Outcome.SUCCEEDED && r.outcome() != MpiResult.Outcome.TIMED_OUT) {
            r.requireSuccess();
        }
        List<Swap> swaps = new ArrayList<>();
        List<Integer> blocked = new ArrayList<>();
        for (var rank : r.ranks()) {
            if (rank.lines().isEmpty()) {
                blocked.add(rank.rank());
            }
            rank.lines().stream().filter(l -> !l.text().equals("idle")).map(Swap::parse).forEach(swaps::add);
        }
        return new Outcome(variant, r.outcome() == MpiResult.Outcome.TIMED_OUT, swaps, blocked, r);
    }

    public static void main(String[] args) throws Exception {
        if (RankProtocol.isRankInvocation(args)) {
            OnRank.main(args);
            return;
        }
        var declared = MpiOptions.declare(RecipeOptions.of(DeadlockAvoidance.class), RANKS, 6)
                .rest("variant", "variants to run (default all): " + java.util.Arrays.stream(Variant.values())
                        .map(v -> v.id()).collect(java.util.stream.Collectors.joining(", ")))
                .defaultText("--timeout", DEFAULT_LIMIT.toSeconds() + " per variant: the deadlocking ones are stopped then");
        RecipeMain.run(args, declared, opt -> {
            MpiOptions options = MpiOptions.from(opt);
            if (!opt.given("--timeout")) {
                options = options.withTimeout(DEFAULT_LIMIT);
            }
            List<Variant> variants = opt.rest("variant").isEmpty() ? List.of(Variant.values())
                    : opt.rest("variant").stream().map(Variant::parse).toList();
            List<Outcome> outcomes = new ArrayList<>();
            for (Variant v : variants) {
                System.out.println("== " + v.id());
                outcomes.add(run(v, options));
            }
            System.out.println();
            outcomes.forEach(o -> System.out.println(o.summary()));
        });
    }

    /** The code every rank runs. */
    static final class OnRank {
        private OnRank() {
        }

        static void main(String[] args) throws Exception {
            MpiRank.run(args, (world, rest) -> {
                Variant v = Variant.parse(rest.length == 0 ? "sendrecv" : rest[0]);
                Swap s = swap(world, v);
                System.out.println(s == null ? RankLine.of(world.Rank(), world.Size(), "idle").format() : s.line());
            });
        }

        /** Ranks 1 and 5 swap "a" and "b" in the given order; other ranks return {@code null}. */
        static Swap swap(Intracomm comm, Variant variant) {
            int rank = comm.Rank();
            if (rank != 1 && rank != 5) {
                return null;
            }
            int other = rank == 1 ? 5 : 1;
            char[] out = {rank == 1 ? 'a' : 'b'};
            char[] in = new char[1];
            switch (variant) {
                case RECV_FIRST -> {
                    comm.Recv(in, 0, 1, MPI.CHAR, other, TAG);
                    comm.Send(out, 0, 1, MPI.CHAR, other, TAG);
                }
                case SSEND_FIRST -> {
                    comm.Ssend(out, 0, 1, MPI.CHAR, other, TAG);
                    comm.Recv(in, 0, 1, MPI.CHAR, other, TAG);
                }
                case SEND_FIRST -> {
                    comm.Send(out, 0, 1, MPI.CHAR, other, TAG);
                    comm.Recv(in, 0, 1, MPI.CHAR, other, TAG);
                }
                case ORDERED -> {
                    if (rank == 1) {
                        comm.Send(out, 0, 1, MPI.CHAR, other, TAG);
                        comm.Recv(in, 0, 1, MPI.CHAR, other, TAG);
                    } else {
                        comm.Recv(in, 0, 1, MPI.CHAR, other, TAG);
                        comm.Send(out, 0, 1, MPI.CHAR, other, TAG);
                    }
                }
                case SENDRECV -> comm.Sendrecv(out, 0, 1, MPI.CHAR, other, TAG, in, 0, 1, MPI.CHAR, other, TAG);
            }
            return new Swap(rank, comm.Size(), out[0], other, in[0], other);
        }
    }
}
