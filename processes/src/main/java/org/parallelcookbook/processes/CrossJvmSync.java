package org.parallelcookbook.processes;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;

/**
 * Synchronisation between JVMs through one small shared file: an inter-process <b>lock</b>
 * ({@link FileChannel#lock()}, an operating-system file lock, which other processes respect) and,
 * in the same file mapped into memory, a <b>sequence counter</b> and a <b>barrier</b> arrival count.
 *
 * <pre>
 * layout (native order longs): [0] sequence counter   [8] barrier arrivals
 * </pre>
 *
 * Every read and write of the mapped longs happens while holding the file lock, so they are atomic
 * with respect to the other processes, and the lock's system calls order the memory accesses. A
 * JVM can hold only one lock on a file at a time ({@code OverlappingFileLockException} otherwise),
 * so use one instance per process, from one thread at a time.
 */
public final class CrossJvmSync implements AutoCloseable {

    private static final int SIZE = 16;
    private final FileChannel channel;
    private final MappedByteBuffer shared;

    public CrossJvmSync(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.shared = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
    }

    /** Runs {@code action} under the inter-process lock, passing it the next sequence number. */
    public <T> T locked(LongFunction<T> action) throws IOException {
        try (FileLock ignored = channel.lock()) {
            long seq = shared.getLong(0) + 1;
            shared.putLong(0, seq);
            return action.apply(seq);
        }
    }

    /**
     * Barrier for {@code parties} processes: counts this arrival (under the lock, with a sequence
     * number handed to {@code onArrive}), then polls until all have arrived.
     *
     * @throws TimeoutException when the others do not come within {@code timeout} (a broken barrier)
     */
    public void await(int parties, Duration timeout, LongFunction<?> onArrive)
            throws IOException, InterruptedException, TimeoutException {
        locked(seq -> {
            shared.putLong(8, shared.getLong(8) + 1);
            return onArrive.apply(seq);
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 100_000; // 0.1 ms, growing to 5 ms
        while (arrivals() < parties) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("barrier broken: only " + arrivals() + " of " + parties + " arrived within "
                        + timeout.toMillis() + " ms");
            }
            Thread.sleep(Duration.ofNanos(pause));
            pause = Math.min(pause * 2, 5_000_000);
        }
    }

    /** The number of arrivals so far (read under the lock). */
    public long arrivals() throws IOException {
        try (FileLock ignored = channel.lock()) {
            return shared.getLong(8);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

}
