package org.parallelcookbook.core.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A running child JVM started by {@link JvmLauncher}. Closing it destroys the child and all its
 * descendants if they still run; a JVM shutdown hook does the same for every child still open when
 * the parent exits, and each child halts itself when its parent disappears (see {@link ChildMain}).
 * So no child outlives the program or test that started it, even when that one fails.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Set<ChildJvm> LIVE = ConcurrentHashMap.newKeySet();
    private static final Duration GRACE = Duration.ofSeconds(2);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ChildJvm::destroyTree),
                "cookbook-child-reaper"));
    }

    private final String name;
    private final Process process;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final List<Thread> pumps = new ArrayList<>();

    ChildJvm(String name, Process process, boolean captureOut, boolean captureErr,
             Consumer<String> outListener, Consumer<String> errListener) {
        this.name = name;
        this.process = process;
        LIVE.add(this);
        if (captureOut) {
            pumps.add(pump(process.getInputStream(), stdout, outListener, name + "-stdout"));
        }
        if (captureErr) {
            pumps.add(pump(process.getErrorStream(), stderr, errListener, name + "-stderr"));
        }
        process.onExit().thenRun(() -> LIVE.remove(this));
    }

    private static Thread pump(InputStream in, StringBuffer into, Consumer<String> listener, String threadName) {
        Thread t = new Thread(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    into.append(line).append('\n');
                    if (listener != null) {
                        listener.accept(line);
                    }
                }
            } catch (IOException e) {
                // the stream closes when the child is destroyed: nothing more to read
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
        return t;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** The underlying process (for {@code onExit}, {@code isAlive}, raw streams when not captured). */
    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The child's standard input (when the launcher left it as a pipe). */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Closes the child's standard input: it reads end of stream. */
    public void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The standard output captured so far. */
    public String stdout() {
        return stdout.toString();
    }

    /** The standard error captured so far. */
    public String stderr() {
        return stderr.toString();
    }

    /**
     * Waits until the child exits and its output has been read completely.
     *
     * @throws TimeoutException when it is still running after {@code timeout} (it is left running;
     *                          {@link #close()} destroys it)
     */
    public ChildResult waitFor(Duration timeout) throws InterruptedException, TimeoutException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("child JVM '" + name + "' (pid " + pid() + ") still running after "
                    + timeout.toMillis() + " ms");
        }
        for (Thread t : pumps) {
            t.join(GRACE.toMillis());
        }
        return new ChildResult(name, pid(), process.exitValue(), stdout(), stderr());
    }

    /** Sends SIGTERM to the child (the JVM runs its shutdown hooks and exits with 143). */
    public void terminate() {
        process.destroy();
    }

    /** Destroys descendants and the child; forcibly if they have not gone after a short grace period. */
    public void destroyTree() {
        List<ProcessHandle> all = new ArrayList<>();
        try {
            process.descendants().forEach(all::add);
        } catch (RuntimeException e) {
            // the process may be gone already
        }
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        boolean interrupted = false;
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0 && !interrupted) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                interrupted = true; // no more grace: kill the rest at once, and keep the interrupt for the caller
            } catch (Exception e) {
                // fall through to the forcible kill
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Destroys the child and its descendants if still alive. */
    @Override
    public void close() {
        if (process.isAlive() || process.descendants().findAny().isPresent()) {
            destroyTree();
        }
        LIVE.remove(this);
    }

    /** Number of children started by this JVM that have not exited yet. */
    public static int liveCount() {
        return (int) LIVE.stream().filter(ChildJvm::isAlive).count();
    }
}
