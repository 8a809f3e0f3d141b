package org.parallelcookbook.processes;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 * The file lock gives mutual exclusion between processes: the counter is read, incremented and
 * written back by one process at a time. It does <i>not</i> order the memory accesses: the Java
 * memory model knows nothing of file-lock system calls, so plain reads and writes of a mapped
 * buffer could be reordered or kept in registers across them. The longs are therefore accessed
 * through a {@link VarHandle} view of the buffer, as {@link SharedStateManager} does: an acquire
 * read after taking the lock, a release write before giving it up (so the next holder, in any
 * process, sees the value), an atomic add for the barrier arrivals, and acquire reads to poll them
 * (no lock needed for a single aligned long). A JVM can hold only one lock on a file at a time
 * ({@code OverlappingFileLockException} otherwise), so use one instance per process, from one
 * thread at a time.
 */
public final class CrossJvmSync implements AutoCloseable {

    private static final int SIZE = 16;
    private static final int SEQUENCE = 0;
    private static final int ARRIVALS = 8;
    /** The mapped file as longs, with memory-model access modes (the offsets are 8-byte aligned). */
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private final FileChannel channel;
    private final MappedByteBuffer shared;

    public CrossJvmSync(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.shared = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
    }

    /** Runs {@code action} under the inter-process lock, passing it the next sequence number. */
    public <T> T locked(LongFunction<T> action) throws IOException {
        try (FileLock ignored = channel.lock()) {
            long seq = (long) LONGS.getAcquire(shared, SEQUENCE) + 1; // sees the last holder's release
            LONGS.setRelease(shared, SEQUENCE, seq);
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
            LONGS.getAndAdd(shared, ARRIVALS, 1L); // atomic, and a full fence
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

    /** The number of arrivals so far (an acquire read: pairs with the atomic add of each arrival). */
    public long arrivals() {
        return (long) LONGS.getAcquire(shared, ARRIVALS);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

}
