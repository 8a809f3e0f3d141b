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
 * {@link Squarer}, copies the sender's stdout into the squarer's stdin (the plumbing a shell does
 * for {@code sender | squarer}) and reads the squarer's stdout. The data is binary
 * ({@link IntPipe}: header, big-endian ints, end of stream), so the children point
 * {@code System.out} at stderr and write the protocol on the raw file descriptor. A child that
 * exits non-zero, is killed or writes garbage raises a {@link ChildJvmException} that names the
 * child, its pid and its exit status.
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
        try (ChildJvm sender = first.quickStart().jvmOptions(BINARY_STDOUT).stdout(JvmLauncher.Output.PIPE).start();
             ChildJvm squarer = second.quickStart().jvmOptions(BINARY_STDOUT).stdout(JvmLauncher.Output.PIPE).start()) {
            sender.closeStdin();
            Thread relay = Thread.ofPlatform().daemon().name("pipe-relay").start(() -> {
                try (var in = sender.process().getInputStream(); var out = squarer.stdin()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // the squarer died: its exit status tells the story below
                }
            });
            List<Integer> values;
            try {
                values = IntPipe.readAll(new BufferedInputStream(squarer.process().getInputStream()));
            } catch (IntPipe.Garbage e) {
                // a child that failed explains the bad stream; otherwise the squarer wrote garbage
                for (ChildJvm c : List.of(sender, squarer)) {
                    if (failed(c)) {
                        throw failure(c, "failed (the pipe then carried: " + e.getMessage() + ")");
                    }
                }
                throw failure(squarer, "wrote garbage on its pipe (" + e.getMessage() + ")");
            }
            relay.join(TimeUnit.SECONDS.toMillis(30));
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
        int exit = c.process().waitFor(10, TimeUnit.SECONDS) ? c.process().exitValue() : -1;
        String signal = exit > 128 && exit < 160 ? " (killed by signal " + (exit - 128) + ")" : "";
        String err = c.stderr().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).map(l -> "; stderr: " + l).orElse("");
        return new ChildJvmException(c.name(), c.pid(), exit, "child JVM '" + c.name() + "' (pid " + c.pid() + ") " + what
                + ", exit status " + (exit == -1 ? "unknown (still running)" : exit + signal) + err);
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
        private Squarer() {
        }

        public static void main(String[] args) throws IOException {
            var raw = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
            System.setOut(System.err);
            var in = new DataInputStream(new BufferedInputStream(System.in));
            if (in.readInt() != IntPipe.MAGIC) {
                throw new IntPipe.Garbage("Squarer: bad header on stdin");
            }
            try (var out = IntPipe.writer(raw)) {
                while (true) {
                    int x;
                    try {
                        x = in.readInt();
                    } catch (EOFException e) {
                        break; // Python's EOFError: the sender closed its end
                    }
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
