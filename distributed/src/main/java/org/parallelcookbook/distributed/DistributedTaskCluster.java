package org.parallelcookbook.distributed;

import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.distributed.HazelcastSetup.MemberOptions;

/**
 * <b>Using Celery to distribute tasks</b> (book chapter 5).
 *
 * <p>The book installs three programs: Celery (the task library and its workers), RabbitMQ (the
 * AMQP broker that queues tasks between the caller and the workers) and Flower (a monitor), and
 * checks them with {@code celery --version} and {@code celery status}.
 *
 * <p><b>Java:</b> one library, Hazelcast, plays broker and worker at once. Its members form a
 * peer-to-peer cluster; a task submitted to the distributed executor is sent straight to the member
 * that runs it, and data lives in partitioned maps with backups on other members, so there is no
 * broker to install or lose. This recipe starts two members in this JVM (or connects to
 * {@code ./cookbook worker} JVMs with {@code --member}) and prints the member list, the
 * {@code celery status} of this world.
 *
 * <p>With {@code --failover} it also shows what a broker must guarantee: a map with one backup
 * keeps every entry when one of three members is killed (terminated without any hand-over).
 *
 * <p>Run: {@code ./cookbook run ch5.celery-setup [--members N] [--failover] [--member HOST:PORT]};
 * member start-up time: {@code ./cookbook bench ch5.celery-setup}.
 */
@Recipe(id = "ch5.celery-setup", chapter = 5, title = "Using Celery to distribute tasks",
        tourArgs = {"--failover", "--entries", "1000"}, bench = MemberStartupBenchmark.class)
public final class DistributedTaskCluster {

    private DistributedTaskCluster() {
    }

    /** One line of the status: a member's address and id as seen by the entry instance. */
    public record MemberStatus(String address, String uuid, boolean local) {
    }

    /**
     * The state of a cluster.
     *
     * @param clusterName the cluster's name
     * @param members     the members the entry instance sees
     * @param views       how many members each embedded member sees (empty for a client)
     */
    public record Status(String clusterName, List<MemberStatus> members, List<Integer> views) {
    }

    /** Reads the member list and every embedded member's view of it. */
    public static Status status(Cluster cluster) {
        var members = cluster.memberList().stream()
                .map(m -> new MemberStatus(m.getAddress().getHost() + ":" + m.getAddress().getPort(),
                        m.getUuid().toString(), m.localMember()))
                .toList();
        var views = cluster.embeddedMembers().stream().map(h -> h.getCluster().getMembers().size()).toList();
        return new Status(cluster.name(), members, views);
    }

    /**
     * What a kill of one member costs a map with one backup.
     *
     * @param members      members before the kill
     * @param backupCount  synchronous backups of every entry
     * @param entries      entries written before the kill
     * @param survivors    entries found, with the right value, after the kill
     * @param killed       address of the member that was killed
     * @param membersAfter members after the kill
     */
    public record Failover(int members, int backupCount, int entries, int survivors, String killed, int membersAfter) {
        public int lost() {
            return entries - survivors;
        }
    }

    /**
     * Starts three embedded members, writes {@code entries} entries into a map with one backup, kills
     * one member (not the one the recipe talks to), waits until the others have noticed, and
     * counts the entries that are still there with their values.
     */
    public static Failover mapFailover(int entries, Duration timeout) throws Exception {
        if (entries < 1) {
            throw new IllegalArgumentException("entries must be >= 1");
        }
        var template = MemberOptions.loopback(HazelcastSetup.freshClusterName()).withExecutorThreads(1);
        try (var cluster = Cluster.embedded(template, 3)) {
            HazelcastInstance entry = cluster.entry();
            var map = entry.<Integer, String>getMap("accounts");
            int backups = entry.getConfig().findMapConfig("accounts").getBackupCount();
            for (int i = 0; i < entries; i++) {
                map.set(i, value(i));
            }
            cluster.awaitSafe(timeout);
            HazelcastInstance victim = cluster.embeddedMembers().get(2);
            String killed = Cluster.address(victim);
            cluster.kill(victim);
            cluster.awaitSize(2, timeout);
            int survivors = 0;
            for (int i = 0; i < entries; i++) {
                if (value(i).equals(map.get(i))) {
                    survivors++;
                }
            }
            return new Failover(3, backups, entries, survivors, killed, cluster.memberList().size());
        }
    }

    private static String value(int i) {
        return "value-" + i;
    }

    public static void main(String[] args) {
        var options = Cluster.declare(RecipeOptions.of(DistributedTaskCluster.class))
                .intOption("--members", 2, 1, Integer.MAX_VALUE, "embedded Hazelcast members")
                .intOption("--entries", 10_000, 1, Integer.MAX_VALUE, "entries written to the distributed map")
                .flag("--failover", "shut a member down mid-run and show no entry is lost");
        RecipeMain.run(args, options, opt -> {
            int members = opt.intValue("--members");
            int entries = opt.intValue("--entries");
            boolean failover = opt.flag("--failover");
            long start = System.nanoTime();
            try (var cluster = Cluster.fromOptions(opt, members, false)) {
                double seconds = (System.nanoTime() - start) / 1e9;
                Status s = status(cluster);
                System.out.printf("cluster '%s' (%s, ready in %s)%n", s.clusterName(),
                        cluster.isRemote() ? "client of remote workers" : "embedded members",
                        RecipeMain.seconds(seconds));
                for (MemberStatus m : s.members()) {
                    System.out.printf("  %s  %s: OK%s%n", m.address(), m.uuid(), m.local() ? "  (this member)" : "");
                }
                System.out.printf("%d node%s online.%n", s.members().size(), s.members().size() == 1 ? "" : "s");
                if (!s.views().isEmpty()) {
                    System.out.println("members seen by each embedded member: " + s.views());
                }
            }
            if (failover) {
                Failover f = mapFailover(entries, Duration.ofSeconds(60));
                System.out.printf(Locale.ROOT, "failover: %d entries, backup count %d, %d members; killed %s; "
                                + "%d members left; %d entries found, %d lost%n",
                        f.entries(), f.backupCount(), f.members(), f.killed(), f.membersAfter(), f.survivors(), f.lost());
            }
        });
    }
}
