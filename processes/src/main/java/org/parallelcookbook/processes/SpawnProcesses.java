package org.parallelcookbook.processes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.launch.ChildResult;
import org.parallelcookbook.core.launch.JvmLauncher;

/**
 * <b>How to spawn a process</b> (book chapter 3).
 *
 * <p>The book starts five {@code multiprocessing.Process(target=foo, args=(i,))}, starting and
 * joining each in turn, and each prints "called function in process: i".
 *
 * <p><b>Java vs Python:</b> Java has no {@code fork}. A new process is a new JVM, started from a
 * {@code main} class that it loads from the class path (the book's advice "keep the target in an
 * importable module" is the same rule: the child must find the code by name). Nothing is shared
 * or copied: the argument {@code i} travels as a string on the command line, the result comes back
 * as printed text. The cost is a whole JVM start-up, tens of milliseconds; {@code ./cookbook bench
 * ch3.spawn} measures it and what the JDK offers to cut it (class data sharing, C1 only, small
 * heap). Every child here is started by core's {@link JvmLauncher}: same {@code java}, same class
 * path, output captured, and the child halts itself if this JVM dies.
 *
 * <p>Run: {@code ./cookbook run ch3.spawn [count]} (default 5); the start-up benchmark:
 * {@code ./cookbook bench ch3.spawn}.
 */
@Recipe(id = "ch3.spawn", chapter = 3, title = "How to spawn a process", tourArgs = {"3"},
        bench = JvmStartupBenchmark.class)
public final class SpawnProcesses {

    private SpawnProcesses() {
    }

    /** One child: its number, pid, exit status and output lines. */
    public record Child(int index, long pid, int exitCode, List<String> output) {
    }

    /** What the parent saw: its own pid and the children in the order they ran. */
    public record Result(long parentPid, List<Child> children) {
    }

    /** Starts {@code count} child JVMs one after the other, each joined before the next starts. */
    public static Result spawn(int count) throws Exception {
        List<Child> children = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ChildResult r = JvmLauncher.forMain(SpawnedWorker.class).name("SpawnedWorker-" + i)
                    .args(Integer.toString(i)).quickStart().run(Duration.ofSeconds(60)).requireSuccess();
            children.add(new Child(i, r.pid(), r.exitCode(), r.stdoutLines()));
        }
        return new Result(ProcessHandle.current().pid(), children);
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(SpawnProcesses.class)
                .intPositional("count", 5, 1, Integer.MAX_VALUE, "child JVMs to spawn");
        RecipeMain.run(args, options, opt -> {
            int count = opt.intValue("count");
            Result result = spawn(count);
            for (Child c : result.children()) {
                c.output().forEach(System.out::println);
            }
            System.out.println("parent pid " + result.parentPid() + ", child pids "
                    + result.children().stream().map(Child::pid).toList());
        });
    }
}
