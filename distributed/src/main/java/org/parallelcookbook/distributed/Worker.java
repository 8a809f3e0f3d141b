package org.parallelcookbook.distributed;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import java.util.ArrayList;
import java.util.List;
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
 * ./cookbook worker --bind 10.0.0.12 --member 10.0.0.11:5701
 * </pre>
 *
 * <p>Options: {@code --cluster NAME} (default {@value HazelcastSetup#DEFAULT_CLUSTER}),
 * {@code --member HOST:PORT} (repeatable), {@code --port N} (first port tried, default 5701; the next
 * free one is taken), {@code --bind ADDRESS} (default 127.0.0.1), {@code --threads N} (executor
 * threads, default: the cores), {@code --no-jet} (no Jet engine on this member).
 */
public final class Worker {

    /** The line a worker prints once it is a member; {@link WorkerJvms} waits for it. */
    static final Pattern READY = Pattern.compile("worker ready: member (\\S+) of cluster '([^']+)'.*");

    private Worker() {
    }

    /** Parses the worker's options; anything unknown or malformed is a {@link UsageException}. */
    public static MemberOptions parse(String[] args) {
        String cluster = HazelcastSetup.DEFAULT_CLUSTER;
        String bind = "127.0.0.1";
        int port = HazelcastSetup.DEFAULT_PORT;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean jet = true;
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
                case "--no-jet" -> jet = false;
                default -> throw new UsageException("unknown worker option '" + a
                        + "' (use --cluster NAME, --member HOST:PORT, --port N, --bind ADDRESS, --threads N, --no-jet)");
            }
        }
        if (port > 65535) {
            throw new UsageException("--port must be at most 65535, got " + port);
        }
        if (cluster.isBlank()) {
            throw new UsageException("--cluster must not be blank");
        }
        return new MemberOptions(cluster, bind, port, seeds, threads, jet);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
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
                          --threads N         executor threads (default: the cores)
                          --no-jet            without the Jet engine
                          -h, --help          print this help and start nothing
                        """.formatted(HazelcastSetup.DEFAULT_CLUSTER, HazelcastSetup.DEFAULT_PORT));
                return;
            }
            MemberOptions options = parse(a);
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
