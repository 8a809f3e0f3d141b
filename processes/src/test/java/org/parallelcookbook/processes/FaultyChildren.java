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

    /** Drains its input and exits with status 3. */
    public static final class FailingSquarer {
        public static void main(String[] args) throws IOException {
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
            System.err.println("FailingSquarer: giving up on purpose");
            Runtime.getRuntime().halt(3);
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
