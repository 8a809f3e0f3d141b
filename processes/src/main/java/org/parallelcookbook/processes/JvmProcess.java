package org.parallelcookbook.processes;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.parallelcookbook.core.launch.ChildJvm;
import org.parallelcookbook.core.launch.ChildResult;
import org.parallelcookbook.core.launch.JvmLauncher;

/**
 * Java's stand-in for subclassing {@code multiprocessing.Process}: extend this class, override
 * {@link #run()}, and {@link #start()} runs it in a new JVM.
 *
 * <p>There is no fork, so the object cannot simply continue in the child. {@code start()} launches
 * {@link JvmProcess.Main} with the subclass's name; the child creates a <b>new instance</b> through the
 * public no-argument constructor and calls {@code run()} there. Fields set in the parent therefore
 * do not travel (only the name does, as a system property): pass data through arguments, pipes or
 * files, exactly as for any other child process. A subclass must be a public top-level or static
 * nested class with a public no-argument constructor.
 */
public abstract class JvmProcess implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String NAME_PROPERTY = NamedProcesses.NAME_PROPERTY;

    private final String name;
    private ChildJvm child;

    /** In the parent: names the process {@code <SimpleClassName>-N}, like Python. In the child: reads the name. */
    protected JvmProcess() {
        String inherited = System.getProperty(NAME_PROPERTY);
        this.name = Main.inChild && inherited != null ? inherited
                : getClass().getSimpleName() + "-" + COUNTER.incrementAndGet();
    }

    /** The body, run in the child JVM. */
    public abstract void run() throws Exception;

    /** The process name (Python's {@code self.name}). */
    public final String name() {
        return name;
    }

    /** Starts the child JVM that will call {@link #run()} on a fresh instance. */
    public final synchronized void start() throws IOException {
        if (child != null) {
            throw new IllegalStateException(name + " was started already");
        }
        Class<?> type = getClass();
        if (!Modifier.isPublic(type.getModifiers()) || (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers()))) {
            throw new IllegalStateException(type.getName() + " must be a public top-level or static nested class");
        }
        child = JvmLauncher.forMain(Main.class).name(name).quickStart().systemProperty(NAME_PROPERTY, name)
                .args(type.getName()).start();
        child.closeStdin();
    }

    /** Waits for the child (Python's {@code join()}) and returns its exit status and output. */
    public final ChildResult join(Duration timeout) throws InterruptedException, TimeoutException {
        if (child == null) {
            throw new IllegalStateException(name + " was not started");
        }
        return child.waitFor(timeout);
    }

    public final boolean isAlive() {
        return child != null && child.isAlive();
    }

    /** The child's pid, once started. */
    public final long pid() {
        if (child == null) {
            throw new IllegalStateException(name + " was not started");
        }
        return child.pid();
    }

    /** Destroys the child if it still runs. */
    @Override
    public final void close() {
        if (child != null) {
            child.close();
        }
    }

    /** The child JVM's entry point: {@code Main <JvmProcess subclass>}. */
    public static final class Main {
        static volatile boolean inChild;

        private Main() {
        }

        public static void main(String[] args) throws Exception {
            inChild = true;
            Class<?> type = Class.forName(args[0]);
            if (!JvmProcess.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(args[0] + " is not a JvmProcess");
            }
            var process = (JvmProcess) type.getConstructor().newInstance();
            process.run();
        }
    }
}
