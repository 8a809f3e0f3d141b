package org.parallelcookbook.processes;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.launch.ChildJvm;
import org.parallelcookbook.core.launch.ChildJvmException;
import org.parallelcookbook.core.launch.JvmLauncher;

/**
 * The {@code Pipe} half of {@code ch3.exchange} (see {@link ProcessQueueExchange} for the recipe):
 * process 1 sends 0..n-1 down a pipe and closes it; process 2 reads until end of stream and sends
 * each square down a second pipe; the parent prints the squares, then "End".
 *
 * <p>In Java the pipes are the children's standard streams: the parent starts {@link Sender} and
 * {@link Squarer} as one pipeline ({@link ProcessBuilder#startPipeline}, through
 * {@link JvmLauncher#startPipeline}), so the operating system connects the sender's stdout straight
 * to the squarer's stdin, as a shell does for {@code sender | squarer}: the two children share that
 * pipe and no parent thread copies bytes. The parent reads the squarer's stdout. The data is binary
 * ({@link IntPipe}: header, big-endian ints, end of stream), so the children point
 * {@code System.out} at stderr and write the protocol on the raw file descriptor. A child that
 * exits non-zero, is killed or writes garbage raises a {@link ChildJvmException} that names the
 * child, its pid and its exit status; a squarer whose input ends inside an int fails (it does not
 * take the partial int for a clean end), and that error names it too.
 *
 * <p>Run: {@code ./cookbook run ch3.exchange} (both halves).
 */
public final class ProcessPipeSquares {

    /** JVM options for children that write binary data on stdout: VM messages must not land there. */
    static final String[] BINARY_STDOUT = {"-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr"};

    private ProcessPipeSquares() {
    }

    /** Runs the two-process pipeline for 0..count-1 and returns what came out of the second pipe. */
    public static List<Integer> squares(int count) throws Exception {
        return pipeline(JvmLauncher.forMain(Sender.class).args(Integer.toString(count)),
                JvmLauncher.forMain(Squarer.class));
    }

    /** The pipeline with any two children (tests pass faulty ones). */
    static List<Integer> pipeline(JvmLauncher first, JvmLauncher second) throws Exception {
        List<ChildJvm> stages = JvmLauncher.startPipeline(List.of(
                first.quickStart().jvmOptions(BINARY_STDOUT).stdout(JvmLauncher.Output.PIPE),
                second.quickStart().jvmOptions(BINARY_STDOUT).stdout(JvmLauncher.Output.PIPE)));
        try (ChildJvm sender = stages.get(0); ChildJvm squarer = stages.get(1)) {
            sender.closeStdin(); // the sender reads nothing; its stdout is the squarer's stdin
            List<Integer> values;
            try {
                values = IntPipe.readAll(new BufferedInputStream(squarer.process().getInputStream()));
            } catch (IntPipe.Garbage e) {
                // the squarer wrote what the parent read, so the bad stream is the squarer's: it failed,
                // or it wrote garbage. The sender is only named beside it: once the squarer stops
                // reading, the sender's writes hit a closed pipe and it fails too, as a consequence
                String upstream = failed(sender) ? "; upstream '" + sender.name() + "' (pid " + sender.pid()
                        + ") exit status " + sender.process().exitValue() : "";
                if (failed(squarer)) {
                    throw failure(squarer, "failed (the pipe then carried: " + e.getMessage() + ")", upstream);
                }
                throw failure(squarer, "wrote garbage on its pipe (" + e.getMessage() + ")", upstream);
            }
            for (ChildJvm c : List.of(sender, squarer)) {
                var r = c.waitFor(Duration.ofSeconds(30));
                if (r.exitCode() != 0) {
                    throw failure(c, "failed");
                }
            }
            return values;
        }
    }

    private static boolean failed(ChildJvm c) throws InterruptedException {
        return c.process().waitFor(10, TimeUnit.SECONDS) && c.process().exitValue() != 0;
    }

    private static ChildJvmException failure(ChildJvm c, String what) throws InterruptedException {
        return failure(c, what, "");
    }

    private static ChildJvmException failure(ChildJvm c, String what, String note) throws InterruptedException {
        int exit = c.process().waitFor(10, TimeUnit.SECONDS) ? c.process().exitValue() : -1;
        String signal = exit > 128 && exit < 160 ? " (killed by signal " + (exit - 128) + ")" : "";
        String err = c.stderr().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).map(l -> "; stderr: " + l).orElse("");
        return new ChildJvmException(c.name(), c.pid(), exit, "child JVM '" + c.name() + "' (pid " + c.pid() + ") " + what
                + ", exit status " + (exit == -1 ? "unknown (still running)" : exit + signal) + err + note);
    }

    /** Process 1: writes 0..n-1 on its stdout in the {@link IntPipe} format, then closes it. */
    public static final class Sender {
        private Sender() {
        }

        public static void main(String[] args) throws IOException {
            int n = Integer.parseInt(args[0]);
            var raw = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
            System.setOut(System.err);
            try (var out = IntPipe.writer(raw)) {
                for (int i = 0; i < n; i++) {
                    out.writeInt(i);
                }
            }
        }
    }

    /** Process 2: reads ints from stdin until end of stream, writes their squares on stdout. */
    public static final class Squarer {
        /** The exit status of a squarer whose input ended inside an int (sysexits' EX_DATAERR). */
        public static final int PARTIAL_INT = 65;

        private Squarer() {
        }

        public static void main(String[] args) throws IOException {
            try {
                square();
            } catch (IntPipe.Garbage e) {
                System.err.println(e.getMessage()); // the parent quotes this line when it names the child
                System.err.flush();
                Runtime.getRuntime().halt(PARTIAL_INT);
            }
        }

        private static void square() throws IOException {
            var raw = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
            System.setOut(System.err);
            var in = new DataInputStream(new BufferedInputStream(System.in));
            if (in.readInt() != IntPipe.MAGIC) {
                throw new IntPipe.Garbage("Squarer: bad header on stdin");
            }
            try (var out = IntPipe.writer(raw)) {
                while (true) {
                    int first = in.read();
                    if (first < 0) {
                        break; // Python's EOFError: the sender closed its end, between two ints
                    }
                    int rest;
                    try {
                        rest = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
                    } catch (EOFException e) {
                        // the stream ended inside an int: the sender died mid-write or wrote garbage
                        throw new IntPipe.Garbage("Squarer: stdin ended inside an int (a partial int at end of stream)");
                    }
                    int x = (first << 24) | rest;
                    out.writeInt(x * x);
                }
            }
        }
    }

    public static void main(String[] args) {
        var options = org.parallelcookbook.core.RecipeOptions.of(ProcessPipeSquares.class)
                .intPositional("count", 10, 0, Integer.MAX_VALUE, "numbers sent down the pipe and squared");
        RecipeMain.run(args, options, opt -> {
            squares(opt.intValue("count")).forEach(System.out::println);
            System.out.println("End");
        });
    }
}
