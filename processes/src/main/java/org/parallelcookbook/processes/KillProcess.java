package org.parallelcookbook.processes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.launch.ChildJvm;
import org.parallelcookbook.core.launch.JvmLauncher;

/**
 * <b>How to kill a process</b> (book chapter 3).
 *
 * <p>The book starts a process running {@code foo} (print, sleep 0.1 s, print), terminates it at
 * once, and prints {@code is_alive()} before start (False), after start (True), right after
 * {@code terminate()} (may still be True: the signal is delivered asynchronously) and after
 * {@code join()} (False), and finally {@code exitcode} -15.
 *
 * <p><b>Java vs Python:</b> {@link Process#destroy()} sends SIGTERM (the JVM runs its shutdown hooks
 * and exits), {@link Process#destroyForcibly()} sends SIGKILL (nothing runs); {@code isAlive()},
 * {@code waitFor()} and {@code onExit()} are the rest of the API. Python reports a signal death as a
 * negative exit code; a Linux shell, and Java, report 128 + signal: <b>143</b> for SIGTERM, 137 for
 * SIGKILL. Unlike the book, the parent waits until the child says it is running before killing it;
 * otherwise the signal may land while the JVM is still starting, which proves nothing about
 * killing a running program. The child works far longer than the parent waits, so "Finished" is
 * never printed. Before start the book asks an unstarted {@code Process} object; Java has none, so
 * the parent asks the operating system whether any child of it runs the worker yet.
 *
 * <p><b>Elsewhere:</b> macOS reports 143 and 137 as Linux does (128 + signal on every Unix); on
 * Windows both calls end the child with {@code TerminateProcess} and the exit code is 1. The rest
 * (alive after start, not after join, "Finished" never printed) holds everywhere.
 *
 * <p>Run: {@code ./cookbook run ch3.kill [--force]} ({@code --force} uses SIGKILL).
 */
@Recipe(id = "ch3.kill", chapter = 3, title = "How to kill a process")
public final class KillProcess {

    private KillProcess() {
    }

    /**
     * What the parent observed.
     *
     * @param aliveBeforeStart       whether a child of this JVM already ran {@link SleepyWorker} before
     *                               start (Java has no unstarted Process object to ask, so the
     *                               parent looks at its live children instead): false unless one leaked
     * @param aliveAfterStart        true
     * @param aliveRightAfterKill    may be true or false: the signal is asynchronous
     * @param aliveAfterJoin         false
     * @param exitCode               143 after SIGTERM, 137 after SIGKILL (Linux and macOS: Java reports
     *                               128 + signal on every Unix); on Windows both are TerminateProcess
     *                               and the code is 1
     * @param output                 what the child printed before it died
     */
    public record Report(long pid, boolean aliveBeforeStart, boolean aliveAfterStart, boolean aliveRightAfterKill,
                         boolean aliveAfterJoin, int exitCode, List<String> output) {
    }

    /** Starts a child that would work for {@code work}, waits until it runs, kills it and joins it. */
    public static Report killRunningChild(Duration work, boolean force) throws Exception {
        var ready = new CountDownLatch(1);
        boolean aliveBeforeStart = runsSleepyWorker(ProcessHandle.current().children());
        try (ChildJvm child = JvmLauncher.forMain(SleepyWorker.class).quickStart()
                .args(Long.toString(work.toMillis()))
                .onStdoutLine(line -> {
                    if (line.equals(SleepyWorker.READY)) {
                        ready.countDown();
                    }
                }).start()) {
            boolean aliveAfterStart = child.isAlive();
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new TimeoutException("child pid " + child.pid() + " never said it was ready");
            }
            if (force) {
                child.process().destroyForcibly();
            } else {
                child.terminate();
            }
            boolean aliveRightAfterKill = child.isAlive();
            var result = child.waitFor(Duration.ofSeconds(30));
            return new Report(child.pid(), aliveBeforeStart, aliveAfterStart, aliveRightAfterKill, child.isAlive(),
                    result.exitCode(), result.stdoutLines());
        }
    }

    /** Whether one of {@code processes} is alive and runs {@link SleepyWorker}. */
    static boolean runsSleepyWorker(java.util.stream.Stream<ProcessHandle> processes) {
        return processes.filter(ProcessHandle::isAlive)
                .anyMatch(h -> h.info().commandLine().or(() -> h.info().command())
                        .map(c -> c.contains(SleepyWorker.class.getName())).orElse(false));
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(KillProcess.class)
                .flag("--force", "kill with destroyForcibly (SIGKILL) instead of destroy (SIGTERM)");
        RecipeMain.run(args, options, opt -> {
            boolean force = opt.flag("--force");
            Report r = killRunningChild(Duration.ofSeconds(60), force);
            System.out.println("Process before execution: alive=" + r.aliveBeforeStart());
            System.out.println("Process running: alive=" + r.aliveAfterStart() + " (pid " + r.pid() + ")");
            System.out.println("Process " + (force ? "destroyForcibly() (SIGKILL)" : "destroy() (SIGTERM)")
                    + ", right after: alive=" + r.aliveRightAfterKill());
            System.out.println("Process joined: alive=" + r.aliveAfterJoin());
            System.out.println("Process exit code: " + r.exitCode() + (r.exitCode() > 128
                    ? " (128 + signal " + (r.exitCode() - 128) + "; Python would say " + (128 - r.exitCode()) + ")" : ""));
            System.out.println("Child printed: " + r.output());
        });
    }
}
