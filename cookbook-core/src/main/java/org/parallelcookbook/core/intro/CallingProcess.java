package org.parallelcookbook.core.intro;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.launch.ChildJvm;
import org.parallelcookbook.core.launch.ChildResult;
import org.parallelcookbook.core.launch.JvmLauncher;

/**
 * <b>Start working with processes in Python</b> (book chapter 1): one program starts another.
 *
 * <p>The book's {@code calling_Process.py} prints "Process calling" and calls
 * {@code os.execvp("python", ...)}. {@code exec} does not start a second process: it <em>replaces</em>
 * the running program's image with the new one, keeping the pid. That is why its last line,
 * {@code print("Good Bye!!")}, never runs: there is no calling program left to run it.
 *
 * <p><b>Java vs Python:</b> the JVM cannot {@code exec} (nor {@code fork}); it can only <em>spawn</em>
 * a new process next to itself ({@link ProcessBuilder}, here through core's {@link JvmLauncher}, which
 * runs {@code java -cp <the same class path> CalledProcess} with the {@code java} of
 * {@code java.home}). So the Java version differs on purpose in two visible ways: the child has a
 * different pid, and the parent is still there when the child ends, so it prints its "Good Bye!!"
 * after the child's last line. The parent forwards its standard input to the child (so ENTER on the
 * keyboard reaches {@link CalledProcess}) and relays the child's output line by line; a failing
 * child makes the recipe fail.
 *
 * <p>Run: {@code ./cookbook run ch1.start-processes}, then press ENTER. Under {@code ./cookbook tour}
 * standard input is closed, which the child takes as ENTER.
 */
@Recipe(id = "ch1.start-processes", chapter = 1, title = "Start working with processes in Python")
public final class CallingProcess {

    public static final String CALLING = "Process calling";
    public static final String GOODBYE = "Good Bye!!";

    private CallingProcess() {
    }

    /**
     * What happened.
     *
     * @param parentPid  this JVM's pid
     * @param childPid   the called JVM's pid
     * @param exitCode   the child's exit status
     * @param childLines what the child printed, in order
     * @param transcript every line both programs printed, in the order they were printed
     */
    public record Call(long parentPid, long childPid, int exitCode, List<String> childLines, List<String> transcript) {
    }

    /**
     * Prints "Process calling", runs {@link CalledProcess} in a new JVM with {@code stdin} forwarded
     * to it and its lines handed to {@code out}, waits for it, then prints "Good Bye!!".
     */
    public static Call call(InputStream stdin, Consumer<String> out, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        List<String> transcript = Collections.synchronizedList(new ArrayList<>());
        Consumer<String> say = line -> {
            transcript.add(line);
            out.accept(line);
        };
        say.accept(CALLING);
        ChildResult result;
        try (ChildJvm child = JvmLauncher.forMain(CalledProcess.class).quickStart().onStdoutLine(say).start()) {
            Thread forwarder = Thread.ofPlatform().daemon().name("stdin-forwarder")
                    .start(() -> forward(stdin, child.stdin()));
            result = child.waitFor(timeout);
            forwarder.join(Duration.ofSeconds(1)); // it may still wait on a keyboard; it is a daemon
        }
        result.requireSuccess(); // a failed child fails the recipe, naming the child and its exit status
        say.accept(GOODBYE); // runs, unlike the book's: the JVM spawned a child instead of replacing itself
        return new Call(ProcessHandle.current().pid(), result.pid(), result.exitCode(), result.stdoutLines(),
                List.copyOf(transcript));
    }

    /** Copies bytes as they come (a line at a time from a keyboard), then closes the child's input. */
    private static void forward(InputStream from, OutputStream to) {
        byte[] buffer = new byte[1024];
        try (to) {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // the child has gone and closed its end: nothing more to forward
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(CallingProcess.class);
        RecipeMain.run(args, options, opt -> {
            Call c = call(System.in, System.out::println, Duration.ofHours(1));
            System.out.println("(parent pid " + c.parentPid() + ", child pid " + c.childPid() + ", child exit status "
                    + c.exitCode() + ")");
        });
    }
}
