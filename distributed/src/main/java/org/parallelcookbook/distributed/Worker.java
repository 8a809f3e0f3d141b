package org.parallelcookbook.distributed;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.distributed.HazelcastSetup.MemberOptions;

/**
 * {@code ./cookbook worker}: one Hazelcast member in its own JVM, the counterpart of
 * {@code celery worker} (and of a SCOOP worker process). It joins the cluster named by
 * {@code --cluster}, through the members named by {@code --member}, prints its own address, and
 * runs until it is killed. A recipe started with {@code --member HOST:PORT} then connects as a
 * client and its tasks run here.
 *
 * <pre>
 * ./cookbook worker                                   # 127.0.0.1:5701, cluster "cookbook"
 * ./cookbook worker --member 127.0.0.1:5701           # a second worker joins the first
 * ./cookbook run ch5.celery-task --member 127.0.0.1:5701
 * # on real machines: --bind names this host's address, --member the others'
 * ./cookbook worker --bind 10.0.0.12 --allow-remote --member 10.0.0.11:5701
 * </pre>
 *
 * <p>Options: {@code --cluster NAME} (default {@value HazelcastSetup#DEFAULT_CLUSTER}),
 * {@code --member HOST:PORT} (repeatable), {@code --port N} (first port tried, default 5701; the next
 * free one is taken), {@code --bind ADDRESS} (default 127.0.0.1), {@code --allow-remote} (needed for
 * any {@code --bind} beyond loopback), {@code --threads N} (executor threads, default: the cores),
 * {@code --jet} (run the Jet engine on this member; off by default, {@code --no-jet} is the default
 * spelled out).
 *
 * <p><b>Off loopback:</b> an open-source Hazelcast member has no authentication. Whoever reaches its
 * port joins the cluster or connects as a client and runs tasks (and, with Jet, whole pipelines of
 * code) in the worker's JVM. So a {@code --bind} address that is not loopback is refused unless
 * {@code --allow-remote} says the user means it, and the worker then prints {@link #REMOTE_WARNING};
 * fence such workers off (a private network, a firewall that admits only the cluster's machines),
 * as {@code docs/chapter-5.md} describes.
 */
public final class Worker {

    /** The line a worker prints once it is a member; {@link WorkerJvms} waits for it. */
    static final Pattern READY = Pattern.compile("worker ready: member (\\S+) of cluster '([^']+)'.*");

    /** What a worker bound beyond loopback prints before anything else. */
    static final String REMOTE_WARNING = "WARNING: this worker listens on %s, beyond loopback. An open-source Hazelcast "
            + "member has no authentication: anyone who reaches this address can join the cluster and run code in "
            + "this JVM. Keep it on a private network behind a firewall that admits only the cluster's machines "
            + "(docs/chapter-5.md).";

    private Worker() {
    }

    /** Parses the worker's options; anything unknown or malformed is a {@link UsageException}. */
    public static MemberOptions parse(String[] args) {
        String cluster = HazelcastSetup.DEFAULT_CLUSTER;
        String bind = "127.0.0.1";
        int port = HazelcastSetup.DEFAULT_PORT;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean jet = false;
        boolean allowRemote = false;
        List<String> seeds = new ArrayList<>();
        List<String> split = new ArrayList<>();
        for (String a : args) { // --name=value is --name value
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 2) {
                split.add(a.substring(0, eq));
                split.add(a.substring(eq + 1));
            } else {
                split.add(a);
            }
        }
        args = split.toArray(String[]::new);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--cluster" -> cluster = value(args, ++i, a);
                case "--bind" -> bind = value(args, ++i, a);
                case "--port" -> port = RecipeMain.intArg(new String[] {value(args, ++i, a)}, 0, a, 0, 1);
                case "--threads" -> threads = RecipeMain.intArg(new String[] {value(args, ++i, a)}, 0, a, 0, 1);
                case "--member" -> seeds.addAll(Cluster.memberArgs(new String[] {a, value(args, ++i, a)}));
                case "--jet" -> jet = true;
                case "--no-jet" -> jet = false;
                case "--allow-remote" -> allowRemote = true;
                default -> throw new UsageException("unknown worker option '" + a + "' (use --cluster NAME, --member HOST:PORT, "
                        + "--port N, --bind ADDRESS, --allow-remote, --threads N, --jet)");
            }
        }
        if (port > 65535) {
            throw new UsageException("--port must be at most 65535, got " + port);
        }
        if (cluster.isBlank()) {
            throw new UsageException("--cluster must not be blank");
        }
        if (!allowRemote && !isLoopback(bind)) {
            throw new UsageException("--bind " + bind + " is beyond loopback and the worker has no authentication; "
                    + "add --allow-remote if it is fenced off (docs/chapter-5.md)");
        }
        return new MemberOptions(cluster, bind, port, seeds, threads, jet);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** True when {@code address} names (or resolves to) a loopback address; 0.0.0.0 is not one. */
    static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new UsageException("--bind: unknown host '" + address + "'");
        }
    }

    /** The warning a worker bound beyond loopback prints, or empty on loopback. */
    static Optional<String> remoteWarning(MemberOptions options) {
        return isLoopback(options.bindAddress()) ? Optional.empty()
                : Optional.of(REMOTE_WARNING.formatted(options.bindAddress()));
    }

    /** Starts the member described by {@code options}. */
    public static HazelcastInstance start(MemberOptions options) {
        return Hazelcast.newHazelcastInstance(HazelcastSetup.memberConfig(options));
    }

    public static void main(String[] args) {
        RecipeMain.run(args, a -> {
            if (org.parallelcookbook.core.RecipeOptions.wantsHelp(a)) {
                System.out.print("""
                        Usage: ./cookbook worker [OPTIONS]
                        Start a Hazelcast member in this JVM (chapter 5's Celery worker); Ctrl-C stops it.
                        Options:
                          --cluster NAME      cluster to join (default %s)
                          --member HOST:PORT  a member to join (repeatable, or a comma list)
                          --port N            port to listen on (default %d)
                          --bind ADDRESS      address to bind (default 127.0.0.1, loopback only)
                          --allow-remote      admit a --bind address other than loopback (trusted networks only)
                          --threads N         executor threads (default: the cores)
                          --jet, --no-jet     with or without the Jet engine (default without)
                          -h, --help          print this help and start nothing
                        """.formatted(HazelcastSetup.DEFAULT_CLUSTER, HazelcastSetup.DEFAULT_PORT));
                return;
            }
            MemberOptions options = parse(a);
            remoteWarning(options).ifPresent(System.err::println);
            var stopped = new CountDownLatch(1);
            HazelcastInstance member = start(options);
            member.getLifecycleService().addLifecycleListener(e -> {
                if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                    stopped.countDown();
                }
            });
            if (!member.getLifecycleService().isRunning()) {
                stopped.countDown();
            }
            System.out.printf("worker ready: member %s of cluster '%s', %d member(s), %d executor thread(s), jet %s%n",
                    Cluster.address(member), options.clusterName(), member.getCluster().getMembers().size(),
                    options.executorThreads(), options.jet() ? "on" : "off");
            System.out.println("stop it with Ctrl-C (or kill); recipes reach it with --member "
                    + Cluster.address(member) + (options.clusterName().equals(HazelcastSetup.DEFAULT_CLUSTER)
                    ? "" : " --cluster " + options.clusterName()));
            System.out.flush();
            stopped.await();
        });
    }

    /** Reads the address out of a worker's ready line, or null if the line is something else. */
    static String addressFromReadyLine(String line) {
        Matcher m = READY.matcher(line);
        return m.matches() ? m.group(1) : null;
    }
}
