package org.parallelcookbook.core.intro;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.stream.DoubleStream;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.launch.ChildJvm;
import org.parallelcookbook.core.launch.ChildResult;
import org.parallelcookbook.core.launch.JvmLauncher;
import org.parallelcookbook.core.report.TextTable;

/**
 * <b>Serial vs threads vs processes</b> (from the book's 2nd edition, chapter 1; not in the 1st).
 *
 * <p>The Python program's {@code do_something(count, out_list)} appends {@code count} random numbers to
 * a list. It runs it 10 times with 10,000,000 numbers each: serially, in 10 threads, and in 10
 * processes, and prints the time of each. Here the same three variants return, for every job, the
 * size of its list, the thread it ran on and the pid of the process it ran in.
 *
 * <p><b>Java vs Python:</b> in CPython the thread variant cannot be faster than the serial one (the
 * GIL lets one thread run bytecode at a time), so the 2nd edition recommends processes. On the JVM
 * threads run on all cores at once and are the cheap option; the processes (a fresh JVM each, started
 * by core's {@link JvmLauncher}) pay for JVM start-up, class loading and a cold JIT, and must send
 * their results back as text. Each job fills a primitive {@link DoubleStream.Builder}, Java's
 * nearest cheap equivalent of appending to a Python list (a {@code List<Double>} would box every
 * number), and draws from {@link ThreadLocalRandom}, since one shared {@code Random} would make the
 * threads contend on its seed.
 *
 * <p><b>Book bug:</b> the Python thread variant writes
 * {@code threading.Thread(target=do_something(size, out_list))}: the parentheses <em>call</em>
 * {@code do_something} in the main thread and pass its result, {@code None}, as the target, so every
 * "thread" job actually runs serially before its (empty) thread starts. Java's types catch the same
 * slip at compile time: {@code new Thread(doSomething(size, out))} does not compile, because
 * {@code doSomething} returns {@code void}, not a {@link Runnable}. It would compile only if the method
 * returned a {@code Runnable}; the correct form passes a lambda, {@code new Thread(() -> doSomething(size, out))}.
 *
 * <p><b>Reading the times:</b> the work is memory-bound (10 jobs x 10,000,000 doubles is 800 MB
 * written), so the threads gain less than cores would suggest, and the first round also pays for JIT
 * compilation and for the heap growing to hold ten lists at once. The recipe therefore runs the
 * variants for {@code --rounds} rounds (default 2, the book runs once) and prints every round; each
 * process is a cold JVM in every round.
 *
 * <p>Run: {@code ./cookbook run x.serial-threads-processes [--jobs N] [--count N] [--rounds R]
 * [--variants serial,threads,processes]} (the book: 10 jobs of 10,000,000 numbers; about 80 MB per
 * job).
 */
@Recipe(id = "x.serial-threads-processes", chapter = 1, title = "Serial vs threads vs processes", extra = true,
        tourArgs = {"--jobs", "4", "--count", "100000", "--rounds", "1"})
public final class SerialThreadsProcesses {

    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(10);

    private SerialThreadsProcesses() {
    }

    /** One job's trace: how many numbers its list holds, where it ran. */
    public record Job(int index, long size, String thread, boolean onCallerThread, long pid) {
    }

    /** One variant: its jobs and its wall time (printed, never tested). */
    public record Variant(String name, List<Job> jobs, long nanos) {
    }

    /** The book's {@code do_something}: append {@code count} random numbers to {@code out}. */
    public static void doSomething(int count, DoubleStream.Builder out) {
        var random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            out.add(random.nextDouble());
        }
    }

    /** Runs one job where it is called and reports it. */
    static Job job(int index, int count, Thread caller) {
        var list = DoubleStream.builder();
        doSomething(count, list);
        long size = list.build().count();
        Thread me = Thread.currentThread();
        return new Job(index, size, me.getName(), me == caller, ProcessHandle.current().pid());
    }

    /** Serial: every job on the calling thread, one after another. */
    public static Variant serial(int jobs, int count) {
        long start = System.nanoTime();
        Thread caller = Thread.currentThread();
        List<Job> done = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            done.add(job(j, count, caller));
        }
        return new Variant("serial", List.copyOf(done), System.nanoTime() - start);
    }

    /** Threads: one platform thread per job, all started, then all joined. */
    public static Variant threads(int jobs, int count) throws InterruptedException {
        long start = System.nanoTime();
        Thread caller = Thread.currentThread();
        Job[] done = new Job[jobs];
        List<Thread> crew = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            int index = j;
            crew.add(Thread.ofPlatform().name("job-" + j).start(() -> done[index] = job(index, count, caller)));
        }
        for (Thread t : crew) {
            t.join(); // join makes done[index] visible here
        }
        return new Variant("threads", List.of(done), System.nanoTime() - start);
    }

    /** Processes: one child JVM per job, all started, then all awaited; each reports its job on one line. */
    public static Variant processes(int jobs, int count) throws IOException, InterruptedException, TimeoutException {
        long start = System.nanoTime();
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int j = 0; j < jobs; j++) {
                children.add(JvmLauncher.forMain(Worker.class).name("job-" + j).quickStart()
                        .args(String.valueOf(j), String.valueOf(count)).start());
            }
            List<Job> done = new ArrayList<>();
            for (ChildJvm child : children) {
                child.closeStdin();
                ChildResult r = child.waitFor(CHILD_TIMEOUT).requireSuccess();
                done.add(parse(r));
            }
            return new Variant("processes", List.copyOf(done), System.nanoTime() - start);
        } finally {
            for (ChildJvm child : children) {
                child.close();
            }
        }
    }

    private static Job parse(ChildResult r) {
        String line = r.stdoutLines().stream().filter(l -> l.startsWith("job ")).findFirst()
                .orElseThrow(() -> new IllegalStateException(r.name() + " printed no job line: " + r.stdout()));
        String[] f = line.split(" ", 5);
        // job <index> <size> <pid> <thread>
        return new Job(Integer.parseInt(f[1]), Long.parseLong(f[2]), f[4], false, Long.parseLong(f[3]));
    }

    /** The child program: {@code Worker <index> <count>}. */
    public static final class Worker {
        private Worker() {
        }

        public static void main(String[] args) {
            RecipeMain.run(args, a -> {
                int index = RecipeMain.intArg(a, 0, "index", 0, 0);
                int count = RecipeMain.intArg(a, 1, "count", 0, 0);
                Job j = job(index, count, Thread.currentThread());
                System.out.println("job " + j.index() + " " + j.size() + " " + j.pid() + " " + j.thread());
            });
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(SerialThreadsProcesses.class)
                .intOption("--jobs", 10, 1, Integer.MAX_VALUE, "jobs, each counting to --count")
                .intOption("--count", 10_000_000, 0, Integer.MAX_VALUE, "how far each job counts")
                .intOption("--rounds", 2, 1, Integer.MAX_VALUE, "timed rounds of each variant")
                .stringOption("--variants", "serial,threads,processes", "variants to run, comma-separated (serial,threads,processes)");
        RecipeMain.run(args, options, opt -> {
            int jobs = opt.intValue("--jobs");
            int count = opt.intValue("--count");
            int rounds = opt.intValue("--rounds");
            List<String> variants = List.of(opt.string("--variants").split(","));
            for (String v : variants) {
                if (!List.of("serial", "threads", "processes").contains(v.strip())) {
                    throw new org.parallelcookbook.core.UsageException(
                            "--variants takes serial, threads and/or processes, comma-separated; got '" + v + "'");
                }
            }
            System.out.printf(Locale.ROOT, "%d jobs, each appending %,d random numbers to its own list (pid %d)%n",
                    jobs, count, ProcessHandle.current().pid());
            var table = new TextTable("round", "variant", "time", "list sizes", "ran on");
            for (int round = 1; round <= rounds; round++) {
                for (String v : variants) {
                    Variant r = switch (v.strip()) {
                        case "serial" -> serial(jobs, count);
                        case "threads" -> threads(jobs, count);
                        default -> processes(jobs, count);
                    };
                    boolean allFull = r.jobs().stream().allMatch(j -> j.size() == count);
                    long pids = r.jobs().stream().mapToLong(Job::pid).distinct().count();
                    long threads = r.jobs().stream().map(Job::thread).distinct().count();
                    String where = switch (r.name()) {
                        case "serial" -> "the main thread";
                        case "threads" -> threads + " threads of this process";
                        default -> pids + " other processes (pids " + r.jobs().get(0).pid() + "...)";
                    };
                    table.row(round, r.name(), RecipeMain.seconds(r.nanos() / 1e9),
                            (allFull ? "all " : "NOT all ") + String.format(Locale.ROOT, "%,d", count), where);
                    System.out.printf(Locale.ROOT, "round %d: %s done in %s%n", round, r.name(),
                            RecipeMain.seconds(r.nanos() / 1e9));
                }
            }
            System.out.println();
            System.out.print(table.render());
            if (rounds > 1) {
                System.out.println("Round 1 also pays for JIT compilation and heap growth; later rounds show the steady state.");
            }
        });
    }
}
