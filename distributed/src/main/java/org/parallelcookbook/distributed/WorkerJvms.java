package org.parallelcookbook.distributed;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parallelcookbook.core.launch.ChildJvm;
import org.parallelcookbook.core.launch.ChildResult;
import org.parallelcookbook.core.launch.JvmLauncher;

/**
 * Several {@link Worker} JVMs on this machine, forming one cluster: what {@code ./cookbook worker}
 * run in several terminals gives, started from code (benchmarks, tests). Each is a real separate
 * JVM; closing this object destroys them all, and each halts by itself if this JVM dies.
 */
public final class WorkerJvms implements AutoCloseable {

    /** JVM options of a worker: the JIT at full strength (they do CPU work), a modest heap. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED");

    private final String clusterName;
    private final List<ChildJvm> children = new ArrayList<>();
    private final List<String> addresses = new ArrayList<>();

    private final boolean jet;

    private WorkerJvms(String clusterName, boolean jet) {
        this.clusterName = clusterName;
        this.jet = jet;
    }

    /**
     * Starts {@code count} worker JVMs of a new cluster, each with {@code threads} executor threads,
     * and returns once all of them are members.
     */
    public static WorkerJvms start(int count, int threads, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        return start(count, threads, false, timeout);
    }

    /** As {@link #start(int, int, Duration)}, with the Jet engine on the workers when {@code jet}. */
    public static WorkerJvms start(int count, int threads, boolean jet, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        var workers = new WorkerJvms(HazelcastSetup.freshClusterName(), jet);
        try {
            for (int i = 0; i < count; i++) {
                workers.addWorker(threads, timeout);
            }
            return workers;
        } catch (IOException | InterruptedException | TimeoutException | RuntimeException e) {
            workers.close();
            throw e;
        }
    }

    /** Starts one more worker JVM that joins the others; returns its address once it is a member. */
    public String addWorker(int threads, Duration timeout) throws IOException, InterruptedException, TimeoutException {
        var ready = new CompletableFuture<String>();
        List<String> args = new ArrayList<>(List.of("--cluster", clusterName,
                "--port", String.valueOf(Cluster.freePort("127.0.0.1")), "--threads", String.valueOf(threads)));
        if (jet) {
            args.add("--jet"); // off by default: Jet adds seconds to a member's start and only ch5.disco needs it
        }
        for (String a : addresses) {
            args.add("--member");
            args.add(a);
        }
        var launcher = JvmLauncher.forMain(Worker.class).name("worker-" + (children.size() + 1)).args(args)
                .jvmOptions(JVM_OPTIONS.toArray(String[]::new))
                .systemProperty("hazelcast.phone.home.enabled", "false")
                .onStdoutLine(line -> {
                    String address = Worker.addressFromReadyLine(line);
                    if (address != null) {
                        ready.complete(address);
                    }
                });
        String logConfig = System.getProperty("logback.configurationFile");
        if (logConfig != null) {
            launcher.systemProperty("logback.configurationFile", logConfig);
        }
        ChildJvm child = launcher.start();
        children.add(child);
        child.process().onExit().thenRun(() -> ready.completeExceptionally(new IllegalStateException("exited")));
        try {
            String address = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            addresses.add(address);
            return address;
        } catch (ExecutionException e) {
            // it exited first: wait until its stderr has been read to the end (the exit can overtake
            // the pump), then say why, with the worker's own last line ("error: --threads must be ...")
            ChildResult dead = child.waitFor(Duration.ofSeconds(10));
            throw new IllegalStateException("worker JVM '" + dead.name() + "' exited with " + dead.exitCode()
                    + " before it was ready: " + dead.stderr().strip().lines().reduce((x, y) -> y).orElse("(no output)"));
        }
    }

    /** The cluster the workers form. */
    public String clusterName() {
        return clusterName;
    }

    /** HOST:PORT of every worker, in start order. */
    public List<String> addresses() {
        return List.copyOf(addresses);
    }

    /** The worker JVMs, in start order. */
    public List<ChildJvm> jvms() {
        return List.copyOf(children);
    }

    /** A client of these workers (close it before, or together with, this object). */
    public Cluster connect() {
        return Cluster.connect(clusterName, addresses);
    }

    /** Destroys every worker JVM. */
    @Override
    public void close() {
        for (ChildJvm c : children) {
            c.close();
        }
    }
}
