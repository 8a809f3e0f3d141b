package org.parallelcookbook.processes;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire format of {@link ProcessPipeSquares}: a 4-byte header {@code 0x49505031} ("IPP1") then
 * any number of big-endian 32-bit ints ({@link DataOutputStream#writeInt}); the writer closing the
 * stream is the end (Python's {@code EOFError}). A wrong header or a stream that stops in the middle
 * of an int is garbage and raises {@link Garbage}, never a silently wrong number.
 */
public final class IntPipe {

    public static final int MAGIC = 0x49505031;

    /** The bytes on a pipe did not follow the format. */
    public static final class Garbage extends IOException {
        public Garbage(String message) {
            super(message);
        }
    }

    private IntPipe() {
    }

    /** Wraps {@code out} and writes the header. */
    public static DataOutputStream writer(OutputStream out) throws IOException {
        var data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        return data;
    }

    /** Reads a whole stream: header, ints, end. */
    public static List<Integer> readAll(InputStream in) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length == 0) {
            throw new Garbage("the stream was empty (no header)");
        }
        if (header.length < 4 || toInt(header) != MAGIC) {
            throw new Garbage(String.format("bad header %s, expected 0x%08X", hex(header), MAGIC));
        }
        List<Integer> values = new ArrayList<>();
        while (true) {
            byte[] b = in.readNBytes(4);
            if (b.length == 0) {
                return values;
            }
            if (b.length < 4) {
                throw new Garbage("the stream ended inside an int after " + values.size() + " values (" + b.length
                        + " stray bytes)");
            }
            values.add(toInt(b));
        }
    }

    private static int toInt(byte[] b) {
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    private static String hex(byte[] b) {
        var s = new StringBuilder("0x");
        for (byte x : b) {
            s.append(String.format("%02X", x));
        }
        return s.toString();
    }
}
