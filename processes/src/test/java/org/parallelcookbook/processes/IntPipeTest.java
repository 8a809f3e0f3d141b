package org.parallelcookbook.processes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipe format in one JVM: what the parent accepts and what it calls garbage. */
class IntPipeTest {

    private static byte[] written(int... values) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = IntPipe.writer(bytes)) {
            for (int v : values) {
                out.writeInt(v);
            }
        }
        return bytes.toByteArray();
    }

    private static List<Integer> read(byte[] bytes) throws Exception {
        return IntPipe.readAll(new ByteArrayInputStream(bytes));
    }

    @Test
    void theHeaderThenBigEndianIntsRoundTripEveryBitPattern() throws Exception {
        byte[] bytes = written(0x01020304, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 255, 256, 0x80);
        assertArrayEquals(new byte[] {0x49, 0x50, 0x50, 0x31, 1, 2, 3, 4}, java.util.Arrays.copyOf(bytes, 8),
                "\"IPP1\", then the first int's bytes high to low");
        assertEquals(List.of(0x01020304, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 255, 256, 0x80), read(bytes));
        assertEquals(List.of(), read(written()), "a header alone is a clean, empty stream");
    }

    @Test
    void anEmptyStreamIsGarbageNotAnEmptyList() {
        var e = assertThrows(IntPipe.Garbage.class, () -> read(new byte[0]));
        assertEquals("the stream was empty (no header)", e.getMessage());
    }

    @Test
    void aWrongOrShortHeaderIsGarbageAndQuotedInHex() {
        var e = assertThrows(IntPipe.Garbage.class, () -> read(new byte[] {0x12, 0x34, 0x56, 0x78, 0, 0, 0, 1}));
        assertEquals("bad header 0x12345678, expected 0x49505031", e.getMessage());
        e = assertThrows(IntPipe.Garbage.class, () -> read(new byte[] {0x49, 0x50, 0x50}));
        assertEquals("bad header 0x495050, expected 0x49505031", e.getMessage());
    }

    @Test
    void aStreamThatStopsInsideAnIntIsGarbageThatCountsTheWholeOnes() throws Exception {
        byte[] whole = written(7, 8);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length + 3);
        var e = assertThrows(IntPipe.Garbage.class, () -> read(cut));
        assertEquals("the stream ended inside an int after 2 values (3 stray bytes)", e.getMessage());
        byte[] one = java.util.Arrays.copyOf(whole, whole.length + 1);
        e = assertThrows(IntPipe.Garbage.class, () -> read(one));
        assertEquals("the stream ended inside an int after 2 values (1 stray bytes)", e.getMessage());
    }
}
