package org.parallelcookbook.distributed;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The one place where this chapter configures Hazelcast: every member and client of every recipe,
 * test and benchmark, and the {@code ./cookbook worker} JVM, is built from here, so no recipe repeats
 * the set-up (and none forgets a safety setting).
 *
 * <p>What every member gets:
 * <ul>
 *   <li>its own cluster name ({@link #freshClusterName()} for embedded clusters), so two runs on one
 *       machine never merge;</li>
 *   <li>TCP-IP join to an explicit member list, multicast and cloud auto-detection off, bound to one
 *       address (127.0.0.1 unless the user names another);</li>
 *   <li>phone-home off, SLF4J logging, no join wait (a member alone starts at once; the defaults wait
 *       5 to 20 s for others), a small partition count (fewer partitions = faster start and
 *       migration for the few entries a recipe stores);</li>
 *   <li>Java deserialization restricted by Hazelcast's filter to Hazelcast's own types, the basic
 *       {@code java.*} types and this module's package: a task class from anywhere else is refused
 *       before its code can run, unless the member's options name its package
 *       ({@link MemberOptions#withTrustedPrefixes});</li>
 *   <li>an executor named {@value #EXECUTOR} with a set number of threads (one thread per SCOOP or
 *       Celery worker process is what the book's speed-ups compare), and maps with one backup.</li>
 * </ul>
 */
public final class HazelcastSetup {

    /** The executor every recipe submits its tasks to. */
    public static final String EXECUTOR = "cookbook";
    /** The cluster name {@code ./cookbook worker} and {@code --member} use when none is given. */
    public static final String DEFAULT_CLUSTER = "cookbook";
    /** The first port a worker tries (Hazelcast's usual 5701). */
    public static final int DEFAULT_PORT = 5701;
    /** Partitions of every map: 271 by default, 23 are plenty for a recipe and start much faster. */
    public static final int PARTITIONS = 23;
    /** The package whose classes may be deserialized besides Hazelcast's and java.*'s. */
    public static final String TRUSTED_PACKAGE = "org.parallelcookbook.distributed.";

    static {
        // Hazelcast logs a few lines before it reads a member's config: send those to SLF4J as well
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "slf4j");
        }
    }

    private HazelcastSetup() {
    }

    /**
     * What one member needs to know.
     *
     * @param clusterName     the cluster to join (members of other clusters are refused)
     * @param bindAddress     the one address the member binds and announces (127.0.0.1 by default)
     * @param port            the first port to try; the next free one is taken if it is busy
     * @param seeds           HOST:PORT of members to join; empty = start a new cluster
     * @param executorThreads threads of the {@value #EXECUTOR} executor
     * @param jet             whether the Jet engine (pipelines, {@code ch5.disco}) runs on this member
     * @param trustedPrefixes further package prefixes (each ending in a dot, e.g.
     *                        {@code "org.parallelcookbook.examples.mandelbrot."}) whose classes this
     *                        member may deserialize besides {@value #TRUSTED_PACKAGE}: how code outside
     *                        this module sends its own task classes; empty by default
     */
    public record MemberOptions(String clusterName, String bindAddress, int port, List<String> seeds,
                                int executorThreads, boolean jet, List<String> trustedPrefixes) {
        public MemberOptions {
            Objects.requireNonNull(clusterName);
            Objects.requireNonNull(bindAddress);
            seeds = List.copyOf(seeds);
            trustedPrefixes = List.copyOf(trustedPrefixes);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            if (executorThreads < 1) {
                throw new IllegalArgumentException("executor threads must be >= 1");
            }
            for (String p : trustedPrefixes) {
                // a whole package, at least two levels deep: "org." or "" would admit far too much
                if (!p.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+\\.")) {
                    throw new IllegalArgumentException("a trusted prefix is a package name of two or more levels "
                            + "ending in a dot, such as 'com.example.tasks.', got '" + p + "'");
                }
            }
        }

        /** Options that trust only this module's package. */
        public MemberOptions(String clusterName, String bindAddress, int port, List<String> seeds, int executorThreads,
                             boolean jet) {
            this(clusterName, bindAddress, port, seeds, executorThreads, jet, List.of());
        }

        /** A loopback member of the named cluster with default settings. */
        public static MemberOptions loopback(String clusterName) {
            return new MemberOptions(clusterName, "127.0.0.1", DEFAULT_PORT, List.of(),
                    Runtime.getRuntime().availableProcessors(), false);
        }

        public MemberOptions withPort(int value) {
            return new MemberOptions(clusterName, bindAddress, value, seeds, executorThreads, jet, trustedPrefixes);
        }

        public MemberOptions withSeeds(List<String> value) {
            return new MemberOptions(clusterName, bindAddress, port, value, executorThreads, jet, trustedPrefixes);
        }

        public MemberOptions withExecutorThreads(int value) {
            return new MemberOptions(clusterName, bindAddress, port, seeds, value, jet, trustedPrefixes);
        }

        public MemberOptions withJet(boolean value) {
            return new MemberOptions(clusterName, bindAddress, port, seeds, executorThreads, value, trustedPrefixes);
        }

        /** These options, also trusting the classes of the packages {@code prefixes} (see the record's doc). */
        public MemberOptions withTrustedPrefixes(String... prefixes) {
            return new MemberOptions(clusterName, bindAddress, port, seeds, executorThreads, jet, List.of(prefixes));
        }
    }

    /** A cluster name no other run uses: {@code cookbook-} and 8 random hex digits. */
    public static String freshClusterName() {
        return "cookbook-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The configuration of one member. */
    public static Config memberConfig(MemberOptions o) {
        var config = new Config();
        config.setClusterName(o.clusterName());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.partition.count", String.valueOf(PARTITIONS));
        config.setProperty("hazelcast.health.monitoring.level", "OFF");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", o.bindAddress());
        // a killed member is noticed in seconds, not the default minute (the fault recipes need it)
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");

        var network = config.getNetworkConfig();
        network.setPort(o.port()).setPortAutoIncrement(true).setPortCount(100);
        network.getInterfaces().setEnabled(true).addInterface(o.bindAddress());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(o.seeds());

        config.getJetConfig().setEnabled(o.jet());
        if (o.jet()) {
            config.getJetConfig().setCooperativeThreadCount(Math.min(2, Runtime.getRuntime().availableProcessors()))
                    .setResourceUploadEnabled(false);
        }
        config.getExecutorConfig(EXECUTOR).setPoolSize(o.executorThreads()).setStatisticsEnabled(false);
        config.getMapConfig("default").setBackupCount(1);
        config.getSerializationConfig().setJavaSerializationFilterConfig(serializationFilter(o.trustedPrefixes()));
        return config;
    }

    /** The configuration of a client that talks to the members at {@code addresses}. */
    public static ClientConfig clientConfig(String clusterName, List<String> addresses) {
        var config = new ClientConfig();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setAddresses(List.copyOf(addresses)).setConnectionTimeout(3000);
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(20_000);
        config.getSerializationConfig().setJavaSerializationFilterConfig(serializationFilter());
        return config;
    }

    /**
     * Hazelcast's deserialization filter: its default list (Hazelcast's types, boxed primitives,
     * strings, collections, {@code SerializedLambda}) plus this module's package; everything else is
     * refused with an exception before the object is built.
     */
    static JavaSerializationFilterConfig serializationFilter() {
        return serializationFilter(List.of());
    }

    /** {@link #serializationFilter()} that also admits the classes of the packages {@code extraPrefixes}. */
    static JavaSerializationFilterConfig serializationFilter(List<String> extraPrefixes) {
        var filter = new JavaSerializationFilterConfig();
        filter.getWhitelist().addPrefixes(TRUSTED_PACKAGE).addPrefixes(extraPrefixes.toArray(String[]::new)).addClasses("java.util.AbstractMap$SimpleImmutableEntry",
                "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12",
                "java.util.CollSer");
        return filter;
    }

    /** Splits {@code HOST:PORT}; throws IllegalArgumentException for anything else. */
    static String checkAddress(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + address + "'");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + address + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range in '" + address + "'");
        }
        return address;
    }
}
