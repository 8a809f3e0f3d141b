package org.parallelcookbook.processes.pool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The pool's wire format, the same in both directions: length-prefixed frames on a data stream,
 * each payload one complete Java object stream (so no back-reference table grows across tasks).
 *
 * <pre>
 * worker -> parent, once:  HELLO   := magic:int 0x434B5031 ("CKP1"), pid:long
 * parent -> worker:        REQUEST := taskId:long, length:int, payload:byte[length]  (the task)
 *                          end of stream = shut down
 * worker -> parent:        REPLY   := taskId:long, status:byte, length:int, payload:byte[length]
 *                          status 0: payload is the result object
 *                          status 1: payload is a failure: type:UTF, hasMessage:boolean, message:UTF, stack:UTF
 * </pre>
 */
final class Wire {

    static final int MAGIC = 0x434B5031;
    static final byte OK = 0;
    static final byte FAILED = 1;
    /** Frames larger than this are taken as garbage, not as a request to allocate gigabytes. */
    static final int MAX_FRAME = 256 * 1024 * 1024;
    private static final int MAX_UTF = 60_000;

    /** What a worker reports when a task threw. */
    record Failure(String type, String message, String stackTrace) {
    }

    private Wire() {
    }

    static byte[] serialize(Object value) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    static Object deserialize(byte[] payload, ObjectInputFilter filter) throws IOException, ClassNotFoundException {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(payload))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        }
    }

    static void writeFrame(DataOutputStream out, long id, byte[] payload) throws IOException {
        out.writeLong(id);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    static void writeReply(DataOutputStream out, long id, byte status, byte[] payload) throws IOException {
        out.writeLong(id);
        out.writeByte(status);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    static byte[] readPayload(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("garbage on the pipe: frame length " + length);
        }
        return readExactly(in, length);
    }


    private static byte[] readExactly(DataInputStream in, int length) throws IOException {
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    static byte[] encodeFailure(Throwable t) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeUTF(clip(t.getClass().getName()));
            out.writeBoolean(t.getMessage() != null);
            out.writeUTF(t.getMessage() == null ? "" : clip(t.getMessage()));
            var trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            out.writeUTF(clip(trace.toString()));
        }
        return bytes.toByteArray();
    }

    static Failure decodeFailure(byte[] payload) throws IOException {
        try (var in = new DataInputStream(new ByteArrayInputStream(payload))) {
            String type = in.readUTF();
            boolean hasMessage = in.readBoolean();
            String message = in.readUTF();
            String trace = in.readUTF();
            return new Failure(type, hasMessage ? message : null, trace);
        }
    }

    /** writeUTF takes at most 65535 encoded bytes: keep well below, whatever the characters. */
    private static String clip(String s) {
        return s.length() <= MAX_UTF / 3 ? s : s.substring(0, MAX_UTF / 3) + "...";
    }
}
