package org.parallelcookbook.processes;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.launch.ChildJvm;
import org.parallelcookbook.core.launch.JvmLauncher;

/**
 * <b>How to run a process in the background</b> (book chapter 3).
 *
 * <p>The book starts {@code background_process} (daemon) and {@code NO_background_process}
 * (non-daemon), both running {@code foo} (print "Starting", sleep 3 s, print "Exiting"). The main
 * program ends at once; Python kills daemon children when the parent exits, so only the
 * non-daemon's lines appear. (Daemon processes may not create children of their own.)
 *
 * <p><b>Java vs Python:</b> Java's daemon flag lives on <i>threads</i>: a JVM exits when its last
 * non-daemon thread ends, killing daemon threads mid-work. That is Python's daemon-process
 * behaviour, and part 1 shows it in a driver JVM ({@link DaemonDriver}): the daemon thread's work
 * takes longer than the non-daemon's, so its "Exiting" never appears. Child <i>processes</i> are a
 * different matter: the operating system does not kill a child when its parent exits. Part 2
 * starts a driver JVM ({@link GrandchildDriver}) that starts a grandchild, and ends the driver
 * three ways: a normal exit (core's launcher registered the grandchild, a shutdown hook destroys
 * it; the grandchild's watchdog is off, so the hook alone must do it), a crash (SIGKILL: no hook runs, but the grandchild's parent watchdog halts it), and the wrong
 * way: a crash with the watchdog switched off, where the grandchild is orphaned and lives on until
 * this recipe destroys it.
 *
 * <p>Run: {@code ./cookbook run ch3.background [--sleep-ms 3000]}.
 */
@Recipe(id = "ch3.background", chapter = 3, title = "How to run a process in the background",
        tourArgs = {"--sleep-ms", "200"})
public final class BackgroundProcesses {

    private BackgroundProcesses() {
    }

    /** How the driver of part 2 ends. */
    public enum Ending {
        /** It returns from main: shutdown hooks run and destroy registered children (no watchdog: the hook alone). */
        NORMAL_EXIT,
        /** It is killed with SIGKILL: no hook runs; the grandchild's watchdog halts it. */
        CRASH,
        /** Killed with SIGKILL and the grandchild started without a watchdog: an orphan. */
        CRASH_WITHOUT_WATCHDOG
    }

    /** Part 1: the driver's output lines. */
    public static List<String> daemonThreads(Duration work) throws Exception {
        return JvmLauncher.forMain(DaemonDriver.class).quickStart().args(Long.toString(work.toMillis()))
                .run(Duration.ofSeconds(60)).requireSuccess().stdoutLines();
    }

    /** Part 2's outcome: the grandchild's pid and whether it was alive after its parent was gone. */
    public record Orphan(Ending ending, long driverPid, long grandchildPid, boolean grandchildAliveAfterParent) {
    }

    /**
     * Starts a driver that starts a long-sleeping grandchild, ends the driver as asked, and checks
     * (waiting up to {@code patience}) whether the grandchild went with it. An orphan that survives
     * is destroyed before this method returns.
     */
    public static Orphan endParent(Ending ending, Duration patience) throws Exception {
        try (ChildJvm driver = JvmLauncher.forMain(GrandchildDriver.class).quickStart()
                .args(Boolean.toString(ending == Ending.CRASH)) // the watchdog only where it is the lesson
                .stdout(JvmLauncher.Output.PIPE).start()) {
            var reader = new BufferedReader(new InputStreamReader(driver.process().getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(60, TimeUnit.SECONDS);
            if (line == null || !line.startsWith("grandchild ")) {
                throw new IllegalStateException("driver pid " + driver.pid() + " did not report its grandchild: " + line
                        + "; " + driver.stderr());
            }
            long grandchild = Long.parseLong(line.substring("grandchild ".length()).strip());
            ProcessHandle handle = ProcessHandle.of(grandchild).orElseThrow();
            try {
                if (ending == Ending.NORMAL_EXIT) {
                    driver.closeStdin(); // the driver returns from main when its input ends
                } else {
                    driver.process().destroyForcibly(); // only the driver: no hook runs in it
                }
                driver.process().waitFor(30, TimeUnit.SECONDS);
                boolean gone;
                try {
                    handle.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
                    gone = true;
                } catch (java.util.concurrent.TimeoutException e) {
                    gone = !handle.isAlive();
                }
                return new Orphan(ending, driver.pid(), grandchild, !gone);
            } finally {
                if (handle.isAlive()) {
                    handle.destroyForcibly();
                    handle.onExit().get(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Part 1's driver JVM: a daemon and a non-daemon thread, and a main that returns at once. */
    public static final class DaemonDriver {
        private DaemonDriver() {
        }

        public static void main(String[] args) {
            long work = Long.parseLong(args[0]);
            Thread daemon = new Thread(() -> foo("background_process", work * 10), "background_process");
            daemon.setDaemon(true);
            Thread plain = new Thread(() -> foo("NO_background_process", work), "NO_background_process");
            daemon.start();
            plain.start();
            // main returns now; the JVM waits for the non-daemon thread only
        }

        private static void foo(String name, long millis) {
            System.out.println("Starting " + name);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            System.out.println("Exiting " + name);
        }
    }

    /** Part 2's driver JVM: starts a grandchild, prints its pid, returns when its input ends. */
    public static final class GrandchildDriver {
        private GrandchildDriver() {
        }

        public static void main(String[] args) throws Exception {
            boolean watchdog = Boolean.parseBoolean(args[0]);
            ChildJvm grandchild = JvmLauncher.forMain(SleepyWorker.class).quickStart().watchParent(watchdog)
                    .args("120000").start(); // registered with core's shutdown hook
            System.out.println("grandchild " + grandchild.pid());
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(BackgroundProcesses.class)
                .intOption("--sleep-ms", 3000, 1, Integer.MAX_VALUE, "sleep of each step, in ms");
        RecipeMain.run(args, options, opt -> {
            int sleepMs = opt.intValue("--sleep-ms");
            System.out.println("Part 1: daemon vs non-daemon threads in a driver JVM whose main returns at once");
            daemonThreads(Duration.ofMillis(sleepMs)).forEach(l -> System.out.println("  " + l));
            System.out.println("Part 2: does a grandchild JVM outlive its parent?");
            for (Ending e : Ending.values()) {
                Orphan o = endParent(e, Duration.ofSeconds(5));
                System.out.printf("  %-22s driver pid %d, grandchild pid %d: %s%n", e, o.driverPid(), o.grandchildPid(),
                        o.grandchildAliveAfterParent() ? "STILL ALIVE after its parent died (orphan; destroyed now)"
                                : "gone with its parent");
            }
        });
    }
}
