package org.parallelcookbook.processes.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool's wire format in one JVM: frames, replies, failures, the filter. */
class WireTest {

    private static DataInputStream in(ByteArrayOutputStream bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    void aRequestFrameIsIdLengthPayloadAndReadsBack() throws Exception {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(new BufferedOutputStream(bytes)); // as on a pipe: buffered
        Wire.writeFrame(out, 0x0102030405060708L, new byte[] {9, 8, 7});
        Wire.writeFrame(out, 2, new byte[0]);
        // each frame is flushed: nothing waits in the buffer for a next write
        var in = in(bytes);
        assertEquals(0x0102030405060708L, in.readLong());
        assertArrayEquals(new byte[] {9, 8, 7}, Wire.readPayload(in));
        assertEquals(2, in.readLong());
        assertArrayEquals(new byte[0], Wire.readPayload(in), "an empty payload is a valid frame");
        assertEquals(-1, in.read(), "nothing more");
    }

    @Test
    void aReplyIsIdStatusLengthPayload() throws Exception {
        var bytes = new ByteArrayOutputStream();
        // buffered, as on the worker's stdout: the reply must be flushed, or the parent waits for it forever
        Wire.writeReply(new DataOutputStream(new BufferedOutputStream(bytes)), 42, Wire.FAILED, new byte[] {1, 2});
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 42, 1, 0, 0, 0, 2, 1, 2}, bytes.toByteArray());
    }

    @Test
    void aNegativeOrHugeFrameLengthIsGarbageNotAnAllocation() throws Exception {
        for (int length : new int[] {-1, Integer.MIN_VALUE, Wire.MAX_FRAME + 1, Integer.MAX_VALUE}) {
            var bytes = new ByteArrayOutputStream();
            new DataOutputStream(bytes).writeInt(length);
            var e = assertThrows(IOException.class, () -> Wire.readPayload(in(bytes)));
            assertEquals("garbage on the pipe: frame length " + length, e.getMessage());
        }
        var cut = new ByteArrayOutputStream();
        var out = new DataOutputStream(cut);
        out.writeInt(5);
        out.write(new byte[] {1, 2});
        assertThrows(EOFException.class, () -> Wire.readPayload(in(cut)), "a payload cut short is an end of stream");
    }

    @Test
    void aFailureTravelsAsTypeMessageAndStackTrace() throws Exception {
        var f = Wire.decodeFailure(Wire.encodeFailure(new ArithmeticException("/ by zero")));
        assertEquals("java.lang.ArithmeticException", f.type());
        assertEquals("/ by zero", f.message());
        assertTrue(f.stackTrace().startsWith("java.lang.ArithmeticException: / by zero"), f.stackTrace());
        assertTrue(f.stackTrace().contains("WireTest.aFailureTravelsAsTypeMessageAndStackTrace"), f.stackTrace());
        var none = Wire.decodeFailure(Wire.encodeFailure(new IllegalStateException()));
        assertEquals("java.lang.IllegalStateException", none.type());
        assertNull(none.message(), "no message stays no message, not an empty one");
        assertEquals("", Wire.decodeFailure(Wire.encodeFailure(new IllegalStateException(""))).message());
    }

    @Test
    void aLongMessageIsClippedToWhatWriteUtfTakes() throws Exception {
        String fits = "\u20ac".repeat(20_000); // 3 bytes each in modified UTF-8: 60,000 bytes
        assertEquals(fits, Wire.decodeFailure(Wire.encodeFailure(new RuntimeException(fits))).message());
        String tooLong = fits + "x";
        assertEquals(fits + "...", Wire.decodeFailure(Wire.encodeFailure(new RuntimeException(tooLong))).message());
        var f = Wire.decodeFailure(Wire.encodeFailure(new RuntimeException("\u20ac".repeat(100_000))));
        assertEquals(20_003, f.message().length());
        assertTrue(f.stackTrace().endsWith("..."), "the trace, which holds the message, is clipped too");
    }

    @Test
    void objectsRoundTripThroughTheFilterAndOthersAreRejected() throws Exception {
        var filter = ObjectInputFilter.Config.createFilter(WorkerPool.DEFAULT_FILTER);
        assertEquals(List.of(1, 2, 3), Wire.deserialize(Wire.serialize(new java.util.ArrayList<>(List.of(1, 2, 3))), filter));
        assertEquals(new TestTasks.Square(3), Wire.deserialize(Wire.serialize(new TestTasks.Square(3)), filter));
        byte[] uri = Wire.serialize(java.net.URI.create("http://example.invalid/"));
        assertThrows(InvalidClassException.class, () -> Wire.deserialize(uri, filter));
    }
}
