package org.parallelcookbook.processes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * <b>How to use a process in a subclass</b> (book chapter 3).
 *
 * <p>The book subclasses {@code multiprocessing.Process} as {@code MyProcess}, overrides
 * {@code run()} to print "called run method in process: MyProcess-N", and starts and joins five of
 * them in turn.
 *
 * <p><b>Java vs Python:</b> {@link Process} cannot be subclassed into running Java code: it is a
 * handle on an operating-system process. So the cookbook supplies {@link JvmProcess}, an abstract
 * class with {@code run()}, {@code start()} and {@code join()}; {@code start()} launches a new JVM
 * whose generic main creates a fresh {@code MyProcess} by reflection and calls its {@code run()}.
 * Because nothing is forked, only the name crosses over; the pid shows that each {@code run()}
 * really executed in a different process.
 *
 * <p>Run: {@code ./cookbook run ch3.subclass [count]} (default 5).
 */
@Recipe(id = "ch3.subclass", chapter = 3, title = "How to use a process in a subclass", tourArgs = {"3"})
public final class ProcessSubclass {

    private ProcessSubclass() {
    }

    /** The book's subclass: prints its name and (the Java addition) its pid. */
    public static final class MyProcess extends JvmProcess {
        public MyProcess() {
        }

        @Override
        public void run() {
            System.out.println("called run method in process: " + name() + " (pid " + ProcessHandle.current().pid() + ")");
        }
    }

    /** One process: the name the parent gave it, the pid it ran as, what it printed. */
    public record Run(String name, long pid, List<String> output) {
    }

    /** Starts and joins {@code count} {@link MyProcess} children in turn. */
    public static List<Run> runInTurn(int count) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try (var p = new MyProcess()) {
                p.start();
                var r = p.join(Duration.ofSeconds(60)).requireSuccess();
                runs.add(new Run(p.name(), r.pid(), r.stdoutLines()));
            }
        }
        return runs;
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(ProcessSubclass.class)
                .intPositional("count", 5, 1, Integer.MAX_VALUE, "child JVMs to start");
        RecipeMain.run(args, options, opt -> {
            int count = opt.intValue("count");
            runInTurn(count).forEach(r -> r.output().forEach(System.out::println));
        });
    }
}
