package org.parallelcookbook.processes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.launch.ChildJvm;
import org.parallelcookbook.core.launch.JvmLauncher;

/**
 * <b>How to name a process</b> (book chapter 3).
 *
 * <p>The book starts one process named {@code foo_process} and one left with its default name
 * {@code Process-2}; each prints "Starting name", sleeps 3 s and prints "Exiting name", reading
 * {@code multiprocessing.current_process().name}. (The named one is also a daemon in the book,
 * which can swallow its output; that is the next recipe's topic, so here both are plain.)
 *
 * <p><b>Java vs Python:</b> an operating-system process has a pid, not a name. Python's names are
 * bookkeeping inside the {@code multiprocessing} module, and so are ours: the parent gives each
 * child a name as the system property {@value #NAME_PROPERTY} and, like Python, makes up
 * {@code Process-N} from a counter of the processes it created (the named one counts too, hence
 * {@code Process-2}). The two children run at the same time, so their lines interleave in any
 * order; only "Starting" before "Exiting" within each child is guaranteed.
 *
 * <p>Run: {@code ./cookbook run ch3.name [--sleep-ms 3000]}.
 */
@Recipe(id = "ch3.name", chapter = 3, title = "How to name a process", tourArgs = {"--sleep-ms", "100"})
public final class NamedProcesses {

    /** The system property through which a child learns its name. */
    public static final String NAME_PROPERTY = "cookbook.process.name";

    private final AtomicInteger created = new AtomicInteger();

    /** One child's name, pid and the lines it printed, in its own order. */
    public record Named(String name, long pid, List<String> output) {
    }

    /** Gives the next child its name: the one asked for, or {@code Process-N} (N counts every child). */
    public String nameFor(String requested) {
        int n = created.incrementAndGet();
        return requested != null ? requested : "Process-" + n;
    }

    /**
     * Starts one child per entry of {@code requestedNames} (null = default name) at the same time,
     * waits for all, and returns what each printed. {@code live} sees every line as it arrives
     * (from either child, in whatever order they come).
     */
    public List<Named> run(List<String> requestedNames, Duration sleep, Consumer<String> live) throws Exception {
        List<ChildJvm> children = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (String requested : requestedNames) {
                String name = nameFor(requested);
                names.add(name);
                children.add(JvmLauncher.forMain(NamedWorker.class).name(name).quickStart()
                        .systemProperty(NAME_PROPERTY, name).args(Long.toString(sleep.toMillis()))
                        .onStdoutLine(live::accept).start());
            }
            List<Named> result = new ArrayList<>();
            for (int i = 0; i < children.size(); i++) {
                ChildJvm c = children.get(i);
                c.closeStdin();
                var r = c.waitFor(Duration.ofSeconds(60)).requireSuccess();
                result.add(new Named(names.get(i), r.pid(), r.stdoutLines()));
            }
            return result;
        } finally {
            children.forEach(ChildJvm::close);
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(NamedProcesses.class)
                .intOption("--sleep-ms", 3000, 0, Integer.MAX_VALUE, "how long each named process sleeps, in ms");
        RecipeMain.run(args, options, opt -> {
            int sleepMs = opt.intValue("--sleep-ms");
            var names = new java.util.ArrayList<String>();
            names.add("foo_process");
            names.add(null);
            List<Named> result = new NamedProcesses().run(names, Duration.ofMillis(sleepMs),
                    System.out::println);
            result.forEach(n -> System.out.println(n.name() + " ran as pid " + n.pid()));
        });
    }
}
