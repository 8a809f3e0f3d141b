package org.parallelcookbook.processes.pool;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.Serializable;

/**
 * The main class of a {@link WorkerPool} worker JVM: reads tasks from standard input, runs them one
 * at a time, writes replies on standard output (format in {@link Wire}), and exits at end of input.
 * Standard output belongs to the protocol, so {@code System.out} is pointed at standard error:
 * a task that prints cannot corrupt the stream.
 *
 * <p>Argument: the deserialization filter pattern (the same as the parent's).
 */
public final class PoolWorker {

    private PoolWorker() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PoolWorker <filter-pattern>");
            throw new IllegalArgumentException("PoolWorker needs exactly one argument, the filter pattern");
        }
        ObjectInputFilter filter = ObjectInputFilter.Config.createFilter(args[0]);
        var out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(System.err);
        var in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        out.writeInt(Wire.MAGIC);
        out.writeLong(ProcessHandle.current().pid());
        out.flush();
        while (true) {
            long id;
            try {
                id = in.readLong();
            } catch (EOFException e) {
                return; // the pool closed our standard input: shut down
            }
            byte[] payload = Wire.readPayload(in);
            byte status;
            byte[] reply;
            try {
                RemoteTask<?> task = (RemoteTask<?>) Wire.deserialize(payload, filter);
                Serializable result = task.call();
                reply = Wire.serialize(result);
                status = Wire.OK;
            } catch (Throwable t) {
                reply = Wire.encodeFailure(t);
                status = Wire.FAILED;
            }
            Wire.writeReply(out, id, status, reply);
        }
    }
}
