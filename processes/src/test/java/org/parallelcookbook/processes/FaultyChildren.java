package org.parallelcookbook.processes;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Children that break the pipe protocol on purpose. */
final class FaultyChildren {

    private FaultyChildren() {
    }

    /** Writes text where the squarer expects the binary format, and exits 0. */
    public static final class GarbageWriter {
        public static void main(String[] args) throws IOException {
            var out = new FileOutputStream(FileDescriptor.out);
            out.write("hello, I am not a number\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** Drains its input, prints two lines and then blank ones on stderr, and exits with status 3. */
    public static final class FailingSquarer {
        public static void main(String[] args) throws IOException {
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
            System.err.println("FailingSquarer: an earlier line");
            System.err.println("FailingSquarer: giving up on purpose");
            System.err.println("   "); // blank lines after the last word: not what the parent should quote
            System.err.println();
            System.err.flush();
            Runtime.getRuntime().halt(3);
        }
    }

    /** Drains its input and exits with the status given as its argument. */
    public static final class ExitWith {
        public static void main(String[] args) throws IOException {
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
            Runtime.getRuntime().halt(Integer.parseInt(args[0]));
        }
    }

    /** Exits with status 3 at once, reading nothing: a sender with more to write than a pipe holds fails too. */
    public static final class QuitAtOnce {
        public static void main(String[] args) {
            Runtime.getRuntime().halt(3);
        }
    }

    /** Writes a valid, empty stream (the header), drains its input, then exits with status 4. */
    public static final class HeaderThenFail {
        public static void main(String[] args) throws IOException {
            var out = IntPipe.writer(new FileOutputStream(FileDescriptor.out));
            out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
            Runtime.getRuntime().halt(4);
        }
    }

    /** Drains its input and kills its own JVM with SIGKILL (Unix: {@code kill -KILL <pid>}). */
    public static final class SelfKiller {
        public static void main(String[] args) throws Exception {
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
            new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(60_000); // the signal ends this JVM before the sleep does
        }
    }

    /** Writes the header and two whole ints, then half of a third, and exits 0 (a sender cut off mid-write). */
    public static final class PartialIntSender {
        public static void main(String[] args) throws IOException {
            var raw = new java.io.BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
            var out = IntPipe.writer(raw);
            out.writeInt(2);
            out.writeInt(3);
            out.writeShort(7); // two bytes of an int, then end of stream
            out.close();
        }
    }
}
