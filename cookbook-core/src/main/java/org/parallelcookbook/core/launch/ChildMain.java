package org.parallelcookbook.core.launch;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of every child JVM that {@link JvmLauncher} starts:
 * {@code ChildMain <parent-pid> <main-class> <args...>}. It starts a daemon thread that halts this
 * JVM as soon as the parent process is gone (so a child never outlives a crashed or killed parent,
 * even one killed with SIGKILL, whose shutdown hooks never run), then calls the real {@code main}.
 * A parent pid of 0 switches the watchdog off.
 */
public final class ChildMain {

    /** Exit status of a child halted because its parent disappeared. */
    public static final int ORPHANED = 125;

    private ChildMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: ChildMain <parent-pid> <main-class> [args...]");
            System.exit(2);
        }
        long parent = Long.parseLong(args[0]);
        if (parent > 0) {
            watch(parent);
        }
        Class<?> main = Class.forName(args[1]);
        MethodHandle handle = MethodHandles.publicLookup().findStatic(main, "main",
                MethodType.methodType(void.class, String[].class));
        String[] rest = Arrays.copyOfRange(args, 2, args.length);
        handle.invokeExact(rest);
    }

    private static void watch(long parentPid) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            Runtime.getRuntime().halt(ORPHANED);
        }
        Thread watchdog = new Thread(() -> {
            parent.get().onExit().join();
            Runtime.getRuntime().halt(ORPHANED);
        }, "cookbook-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
