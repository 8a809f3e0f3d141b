package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parallelcookbook.distributed.HazelcastSetup.MemberOptions;

/**
 * The one place that configures Hazelcast, without starting a member: what it accepts as options and
 * addresses, and what a member's and a client's configuration say (the tests with real members show
 * the configuration at work).
 */
class HazelcastSetupTest {

    @Test
    void addressesAreHostColonPortWithAPortInRange() {
        for (String ok : List.of("127.0.0.1:5701", "h:1", "h:65535", "[::1]:5701")) {
            assertEquals(ok, HazelcastSetup.checkAddress(ok));
        }
        for (String bad : List.of("nohost", ":5701", "h:", "h:x", "h:0", "h:65536")) {
            var e = assertThrows(IllegalArgumentException.class, () -> HazelcastSetup.checkAddress(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void memberOptionsRefuseWhatNoMemberCouldUse() {
        var o = MemberOptions.loopback("c");
        assertEquals(0, o.withPort(0).port());
        assertEquals(65535, o.withPort(65535).port());
        assertThrows(IllegalArgumentException.class, () -> o.withPort(-1));
        assertThrows(IllegalArgumentException.class, () -> o.withPort(65536));
        assertEquals(1, o.withExecutorThreads(1).executorThreads());
        assertThrows(IllegalArgumentException.class, () -> o.withExecutorThreads(0));
        assertEquals(List.of("com.example.tasks."), o.withTrustedPrefixes("com.example.tasks.").trustedPrefixes());
        for (String wide : List.of("org.", "", "org.example", "org..x.")) {
            assertThrows(IllegalArgumentException.class, () -> o.withTrustedPrefixes(wide), "'" + wide + "'");
        }
        var seeds = new ArrayList<>(List.of("127.0.0.1:5701"));
        var withSeeds = o.withSeeds(seeds);
        seeds.add("127.0.0.1:5702");
        assertEquals(List.of("127.0.0.1:5701"), withSeeds.seeds(), "the options keep their own copy");
        assertEquals("127.0.0.1", o.bindAddress());
        assertEquals(HazelcastSetup.DEFAULT_PORT, o.port());
        assertFalse(o.jet());
        assertTrue(o.withJet(true).jet());
    }

    @Test
    void aMembersConfigurationSaysWhatTheOptionsSay() {
        var o = new MemberOptions("c1", "127.0.0.1", 6100, List.of("127.0.0.1:6200"), 3, false)
                .withTrustedPrefixes("com.example.tasks.");
        var config = HazelcastSetup.memberConfig(o);
        assertEquals("c1", config.getClusterName());
        assertEquals(6100, config.getNetworkConfig().getPort());
        assertTrue(config.getNetworkConfig().getInterfaces().getInterfaces().contains("127.0.0.1"));
        var join = config.getNetworkConfig().getJoin();
        assertEquals(List.of("127.0.0.1:6200"), join.getTcpIpConfig().getMembers());
        assertFalse(join.getMulticastConfig().isEnabled(), "no multicast: members are named");
        assertEquals(3, config.getExecutorConfig(HazelcastSetup.EXECUTOR).getPoolSize());
        assertEquals(1, config.getMapConfig("default").getBackupCount());
        assertFalse(config.getJetConfig().isEnabled(), "Jet only when asked for");
        var jet = HazelcastSetup.memberConfig(o.withJet(true)).getJetConfig();
        assertTrue(jet.isEnabled());
        assertEquals(Math.min(2, Runtime.getRuntime().availableProcessors()), jet.getCooperativeThreadCount(),
                "Jet's cooperative threads: two at most, beside the executor's");
        assertFalse(jet.isResourceUploadEnabled(), "no code uploaded to a member");
        var trusted = config.getSerializationConfig().getJavaSerializationFilterConfig().getWhitelist().getPrefixes();
        assertTrue(trusted.contains(HazelcastSetup.TRUSTED_PACKAGE) && trusted.contains("com.example.tasks."), trusted.toString());
    }

    @Test
    void aClientsConfigurationNamesTheClusterAndItsMembers() {
        var config = HazelcastSetup.clientConfig("c2", List.of("127.0.0.1:6300", "127.0.0.1:6301"));
        assertEquals("c2", config.getClusterName());
        assertEquals(List.of("127.0.0.1:6300", "127.0.0.1:6301"), config.getNetworkConfig().getAddresses());
        var trusted = config.getSerializationConfig().getJavaSerializationFilterConfig().getWhitelist().getPrefixes();
        assertEquals(java.util.Set.of(HazelcastSetup.TRUSTED_PACKAGE), trusted);
    }

    @Test
    void freshClusterNamesDiffer() {
        String a = HazelcastSetup.freshClusterName();
        assertTrue(a.matches("cookbook-[0-9a-f]{8}"), a);
        assertFalse(a.equals(HazelcastSetup.freshClusterName()));
    }
}
