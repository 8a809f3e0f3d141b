package org.parallelcookbook.core.intro;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.launch.ChildResult;
import org.parallelcookbook.core.launch.JvmLauncher;

/**
 * <b>Introducing processes and threads</b> (book chapter 1): a thread shares its process's memory;
 * a process has its own.
 *
 * <p>The main thread creates a {@link Box} holding 1. A <b>thread</b> adds 100 to it; after
 * {@code join()} the main thread sees 101, because both work on the same object in the same heap
 * (and {@code join} is a happens-before edge, so the write is guaranteed visible). A <b>child
 * process</b> (a second JVM, started by core's {@link JvmLauncher}) gets the value as a command-line
 * argument, adds 100 to <em>its</em> copy and prints it; the parent's box still holds what it held.
 * Both print {@code ProcessHandle.current().pid()}: the thread shares the parent's pid, the child has
 * its own.
 *
 * <p><b>Java vs Python:</b> Python's {@code multiprocessing} on Linux traditionally
 * {@code fork}s, so the child starts as a copy-on-write image of the parent's memory (the change still
 * stays in the child). The JVM cannot fork itself safely (other threads, the JIT, the GC): a Java
 * "process" is always a fresh JVM that receives its inputs as arguments, streams or files.
 *
 * <p>Run: {@code ./cookbook run ch1.processes-and-threads}.
 */
@Recipe(id = "ch1.processes-and-threads", chapter = 1, title = "Introducing processes and threads")
public final class ProcessesVsThreads {

    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    private ProcessesVsThreads() {
    }

    /** A mutable holder created by the main thread. */
    public static final class Box {
        private int value;

        public Box(int value) {
            this.value = value;
        }

        public int get() {
            return value;
        }

        public void add(int delta) {
            value += delta;
        }
    }

    /** What a thread saw and did. */
    public record ThreadView(long parentPid, long threadPid, String threadName, int parentValueAfter) {
    }

    /** What a child process saw and did. */
    public record ProcessView(long parentPid, long childPid, int childValue, int parentValueAfter) {
    }

    /** Both, side by side. */
    public record Comparison(ThreadView thread, ProcessView process) {
    }

    /** A thread adds {@code delta} to the parent's box; the parent reads it back after join. */
    public static ThreadView withThread(int initial, int delta) throws InterruptedException {
        var box = new Box(initial);
        long[] seenPid = new long[1];
        Thread t = Thread.ofPlatform().name("worker-thread").start(() -> {
            seenPid[0] = ProcessHandle.current().pid();
            box.add(delta);
        });
        t.join(); // happens-before: the thread's writes are visible from here on
        return new ThreadView(ProcessHandle.current().pid(), seenPid[0], t.getName(), box.get());
    }

    /** A child JVM gets a copy of the value, adds {@code delta} to it, prints it; the parent's box is untouched. */
    public static ProcessView withProcess(int initial, int delta)
            throws java.io.IOException, InterruptedException, TimeoutException {
        var box = new Box(initial);
        ChildResult r = JvmLauncher.forMain(Child.class).quickStart()
                .args(String.valueOf(box.get()), String.valueOf(delta))
                .run(CHILD_TIMEOUT).requireSuccess();
        long childPid = -1;
        int childValue = Integer.MIN_VALUE;
        for (String line : r.stdoutLines()) {
            if (line.startsWith("pid=")) {
                childPid = Long.parseLong(line.substring(4).strip());
            } else if (line.startsWith("value=")) {
                childValue = Integer.parseInt(line.substring(6).strip());
            }
        }
        if (childPid < 0 || childValue == Integer.MIN_VALUE) {
            throw new IllegalStateException("the child printed no pid/value: " + r.stdout());
        }
        return new ProcessView(ProcessHandle.current().pid(), childPid, childValue, box.get());
    }

    public static Comparison compare(int initial, int delta) throws Exception {
        return new Comparison(withThread(initial, delta), withProcess(initial, delta));
    }

    /** The child program: {@code Child <value> <delta>}; prints its pid and its changed copy. */
    public static final class Child {
        private Child() {
        }

        public static void main(String[] args) {
            RecipeMain.run(args, a -> {
                int value = RecipeMain.intArg(a, 0, "value", 0, Integer.MIN_VALUE);
                int delta = RecipeMain.intArg(a, 1, "delta", 0, Integer.MIN_VALUE);
                var box = new Box(value); // the child's own memory
                box.add(delta);
                System.out.println("pid=" + ProcessHandle.current().pid());
                System.out.println("value=" + box.get());
            });
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(ProcessesVsThreads.class);
        RecipeMain.run(args, options, opt -> {
            Comparison c = compare(1, 100);
            ThreadView t = c.thread();
            ProcessView p = c.process();
            System.out.println("parent (main thread)   pid " + t.parentPid() + ", box = 1");
            System.out.println("thread '" + t.threadName() + "'  pid " + t.threadPid()
                    + ", added 100 -> parent's box is now " + t.parentValueAfter() + " (shared memory)");
            System.out.println("child JVM              pid " + p.childPid()
                    + ", added 100 to its copy -> child's value " + p.childValue()
                    + ", parent's box still " + p.parentValueAfter() + " (separate memory)");
        });
    }
}
