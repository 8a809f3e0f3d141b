package org.parallelcookbook.distributed;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.UsageException;
import org.parallelcookbook.distributed.HazelcastSetup.MemberOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hazelcast cluster as a recipe sees it, closed with try-with-resources: either members embedded
 * in this JVM (the default: nothing to install, nothing left running) or a client connected to
 * members that run elsewhere ({@code ./cookbook worker} on this or other machines). The recipe code
 * is the same in both cases: it talks to {@link #entry()}.
 *
 * <pre>{@code
 * try (var cluster = Cluster.fromArgs(args, 2, false)) {   // --member HOST:PORT switches to a client
 *     var executor = cluster.executor();
 *     ...
 * }
 * }</pre>
 */
public final class Cluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    /** How long forming or connecting may take before it is reported as a failure. */
    public static final Duration FORM_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final MemberOptions template;
    private final List<HazelcastInstance> members = new CopyOnWriteArrayList<>();
    private final HazelcastInstance client;

    private Cluster(String name, MemberOptions template, HazelcastInstance client) {
        this.name = name;
        this.template = template;
        this.client = client;
    }

    /** {@code count} loopback members in this JVM, in a cluster with a fresh name. */
    public static Cluster embedded(int count, boolean jet) {
        return embedded(MemberOptions.loopback(HazelcastSetup.freshClusterName()).withJet(jet), count);
    }

    /** {@code count} members in this JVM, all built from {@code template} (ports are chosen here). */
    public static Cluster embedded(MemberOptions template, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a cluster needs at least one member");
        }
        var cluster = new Cluster(template.clusterName(), template, null);
        try {
            for (int i = 0; i < count; i++) {
                cluster.startMember();
            }
            cluster.awaitSize(count, FORM_TIMEOUT);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        } catch (Exception e) {
            cluster.close();
            throw new IllegalStateException("cluster did not form: " + e.getMessage(), e);
        }
    }

    /** A client of the cluster {@code clusterName} whose members listen at {@code addresses}. */
    public static Cluster connect(String clusterName, List<String> addresses) {
        addresses.forEach(HazelcastSetup::checkAddress);
        var client = HazelcastClient.newHazelcastClient(HazelcastSetup.clientConfig(clusterName, addresses));
        return new Cluster(clusterName, null, client);
    }

    /**
     * What a recipe's {@code main} uses: with {@code --member HOST:PORT} (repeatable, or a comma list)
     * a client of that cluster ({@code --cluster NAME}, default {@value HazelcastSetup#DEFAULT_CLUSTER}),
     * otherwise {@code defaultMembers} embedded members.
     */
    public static Cluster fromArgs(String[] args, int defaultMembers, boolean jet) {
        List<String> seeds = memberArgs(args);
        String clusterName = RecipeMain.option(args, "--cluster", null);
        if (seeds.isEmpty()) {
            String cn = clusterName == null ? HazelcastSetup.freshClusterName() : clusterName;
            return embedded(MemberOptions.loopback(cn).withJet(jet), defaultMembers);
        }
        return connect(clusterName == null ? HazelcastSetup.DEFAULT_CLUSTER : clusterName, seeds);
    }

    /**
     * Declares the cluster options of a recipe's command line: {@code --member HOST:PORT}
     * (repeatable, or a comma list) and {@code --cluster NAME}; {@link #fromOptions} reads them.
     */
    public static org.parallelcookbook.core.RecipeOptions declare(org.parallelcookbook.core.RecipeOptions options) {
        return options.listOption("--member", "join the running cluster with a member at HOST:PORT (repeatable) instead of"
                        + " starting embedded members")
                .stringOption("--cluster", null, "cluster name with --member (default " + HazelcastSetup.DEFAULT_CLUSTER + ")");
    }

    /** {@link #fromArgs} for options declared with {@link #declare}. */
    public static Cluster fromOptions(org.parallelcookbook.core.RecipeOptions.Values options, int defaultMembers, boolean jet) {
        List<String> seeds = memberArgs(options);
        String clusterName = options.string("--cluster");
        if (seeds.isEmpty()) {
            String cn = clusterName == null ? HazelcastSetup.freshClusterName() : clusterName;
            return embedded(MemberOptions.loopback(cn).withJet(jet), defaultMembers);
        }
        return connect(clusterName == null ? HazelcastSetup.DEFAULT_CLUSTER : clusterName, seeds);
    }

    /** The {@code --member} values of options declared with {@link #declare}, checked as HOST:PORT. */
    public static List<String> memberArgs(org.parallelcookbook.core.RecipeOptions.Values options) {
        List<String> out = new ArrayList<>();
        for (String a : options.list("--member")) {
            try {
                out.add(HazelcastSetup.checkAddress(a.strip()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--member: " + e.getMessage());
            }
        }
        return out;
    }

    /** All values of {@code --member} (repeatable, each may be a comma list), checked as HOST:PORT. */
    public static List<String> memberArgs(String[] args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = null;
            if (args[i].equals("--member")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--member needs HOST:PORT");
                }
                value = args[++i];
            } else if (args[i].startsWith("--member=")) {
                value = args[i].substring("--member=".length());
            }
            if (value != null) {
                for (String a : value.split(",")) {
                    try {
                        out.add(HazelcastSetup.checkAddress(a.strip()));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--member: " + e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    /** Starts one more embedded member that joins the live ones, and waits until it is in. */
    public HazelcastInstance startMember() {
        if (template == null) {
            throw new IllegalStateException("a client cannot start members; run ./cookbook worker instead");
        }
        List<String> seeds = members.stream().filter(m -> m.getLifecycleService().isRunning())
                .map(Cluster::address).toList();
        var options = template.withPort(freePort(template.bindAddress())).withSeeds(seeds);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(HazelcastSetup.memberConfig(options));
        members.add(member);
        LOG.debug("member {} started in cluster {}", address(member), name);
        return member;
    }

    /**
     * Kills an embedded member the hard way ({@code terminate}: no graceful hand-over of its tasks
     * or partitions, as if its machine had died) and removes it from this cluster. Its threads that
     * were running tasks die of the kill as they finish; that expected failure prints no stack trace
     * ({@link KilledMembers}): the caller reports the kill.
     */
    public void kill(HazelcastInstance member) {
        if (!members.remove(member)) {
            throw new IllegalArgumentException("not a member of this cluster");
        }
        KilledMembers.expect(member.getName());
        member.getLifecycleService().terminate();
    }

    /** The instance the recipe talks to: the first live embedded member, or the client. */
    public HazelcastInstance entry() {
        if (client != null) {
            return client;
        }
        return members.stream().filter(m -> m.getLifecycleService().isRunning()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no live member"));
    }

    /** The executor every recipe uses ({@value HazelcastSetup#EXECUTOR}). */
    public IExecutorService executor() {
        return entry().getExecutorService(HazelcastSetup.EXECUTOR);
    }

    /** The cluster's name. */
    public String name() {
        return name;
    }

    /** True when this is a client of members that run elsewhere. */
    public boolean isRemote() {
        return client != null;
    }

    /** The live members started in this JVM (empty for a client). */
    public List<HazelcastInstance> embeddedMembers() {
        return members.stream().filter(m -> m.getLifecycleService().isRunning()).toList();
    }

    /** The members of the cluster as the entry instance sees them. */
    public List<Member> memberList() {
        return List.copyOf(entry().getCluster().getMembers());
    }

    /** Waits until every embedded member (or the client) sees exactly {@code size} members. */
    public void awaitSize(int size, Duration timeout) throws TimeoutException, InterruptedException {
        List<HazelcastInstance> views = client != null ? List.of(client) : embeddedMembers();
        Eventually.await(timeout, () -> views.stream().allMatch(v -> v.getLifecycleService().isRunning()
                        && v.getCluster().getMembers().size() == size),
                () -> "cluster " + name + " reaching " + size + " members (seen: "
                        + views.stream().map(v -> String.valueOf(v.getCluster().getMembers().size())).toList() + ")");
    }

    /** Waits until no partition is being migrated and every backup is in place. */
    public void awaitSafe(Duration timeout) throws TimeoutException, InterruptedException {
        Eventually.await(timeout, () -> entry().getPartitionService().isClusterSafe(),
                () -> "cluster " + name + " becoming safe (all backups in place)");
    }

    /** HOST:PORT of a member instance. */
    public static String address(HazelcastInstance member) {
        var a = member.getCluster().getLocalMember().getAddress();
        return a.getHost() + ":" + a.getPort();
    }

    /** A port that was free a moment ago on {@code host} (Hazelcast moves on to the next if it is taken). */
    static int freePort(String host) {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    /** Terminates the client and every embedded member; nothing of this cluster runs afterwards. */
    @Override
    public void close() {
        if (client != null) {
            client.shutdown();
        }
        // terminate, not shutdown: at close nobody needs the data, and graceful migration costs seconds
        for (HazelcastInstance m : members) {
            try {
                m.getLifecycleService().terminate();
            } catch (RuntimeException e) {
                LOG.warn("terminating member: {}", e.toString());
            }
        }
        members.clear();
    }

    @Override
    public String toString() {
        return "cluster " + name + (client != null ? " (client)" : " " + Arrays.toString(embeddedMembers().stream()
                .map(Cluster::address).toArray()));
    }
}
