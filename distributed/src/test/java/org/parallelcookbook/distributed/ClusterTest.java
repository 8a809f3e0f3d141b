package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.UsageException;

/**
 * The cluster every Hazelcast recipe runs on: embedded loopback members in this JVM, or a client of
 * running members ({@code --member}). Real members throughout; no test here connects a client to a
 * member it did not start.
 */
@Timeout(180)
class ClusterTest {

    @Test
    void anEmbeddedClusterHasFormedWhenItIsReturned() {
        assertEquals("a cluster needs at least one member",
                assertThrows(IllegalArgumentException.class, () -> Cluster.embedded(0, false)).getMessage());
        try (var cluster = Cluster.embedded(3, false)) {
            // every member already sees all three: embedded() waited for the cluster to form
            for (var m : cluster.embeddedMembers()) {
                assertEquals(3, m.getCluster().getMembers().size(), Cluster.address(m));
            }
            assertEquals(3, cluster.memberList().size());
            assertFalse(cluster.isRemote());
            assertTrue(cluster.name().startsWith("cookbook-"), cluster.name());
            assertEquals(cluster.name(), cluster.entry().getConfig().getClusterName());
            String text = cluster.toString();
            assertTrue(text.startsWith("cluster " + cluster.name() + " [127.0.0.1:"), text);
            for (var m : cluster.embeddedMembers()) {
                assertTrue(text.contains(Cluster.address(m)), text);
            }
        }
    }

    @Test
    void deadMembersLeaveTheViewAndANewMemberJoinsTheLiveOnes() throws Exception {
        try (var cluster = Cluster.embedded(2, false)) {
            var first = cluster.embeddedMembers().get(0);
            var second = cluster.embeddedMembers().get(1);
            assertSame(first, cluster.entry());
            // a member that dies by itself (here: terminated directly, not through kill) drops out of the view
            first.getLifecycleService().terminate();
            assertEquals(List.of(second), cluster.embeddedMembers(), "a dead member is out of the list");
            assertSame(second, cluster.entry(), "the entry is the first live member");

            // the newcomer is seeded with the live member only (the killed one's address would not answer)
            var third = cluster.startMember();
            assertEquals(List.of(second, third), cluster.embeddedMembers());
            cluster.awaitSize(2, Duration.ofSeconds(60));
            assertEquals(2, third.getCluster().getMembers().size(), "the new member joined the live one");

            cluster.kill(second);
            assertFalse(second.getLifecycleService().isRunning());
            assertEquals("not a member of this cluster",
                    assertThrows(IllegalArgumentException.class, () -> cluster.kill(second)).getMessage());
            cluster.kill(third);
            assertEquals("no live member", assertThrows(IllegalStateException.class, cluster::entry).getMessage());
        }
    }

    @Test
    void waitingForASizeTheClusterNeverReachesTimesOutAndSaysWhatItSaw() {
        try (var cluster = Cluster.embedded(1, false)) {
            var e = assertThrows(TimeoutException.class, () -> cluster.awaitSize(2, Duration.ofMillis(300)));
            assertTrue(e.getMessage().startsWith("cluster " + cluster.name() + " reaching 2 members (seen: [1])"),
                    e.getMessage());
        }
    }

    /** After a member joins a cluster holding data, partitions migrate; awaitSafe returns once every backup is in place. */
    @Test
    void awaitSafeReturnsOnceTheBackupsAreInPlace() throws Exception {
        try (var cluster = Cluster.embedded(1, false)) {
            var map = cluster.entry().<Integer, Integer>getMap("safe-probe");
            for (int i = 0; i < 2_000; i++) {
                map.put(i, i);
            }
            cluster.startMember();
            cluster.awaitSize(2, Duration.ofSeconds(60));
            cluster.awaitSafe(Duration.ofSeconds(60));
            for (var m : cluster.embeddedMembers()) {
                assertTrue(m.getPartitionService().isClusterSafe(), Cluster.address(m));
            }
        }
    }

    @Test
    void connectChecksEveryAddressBeforeItTriesOne() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Cluster.connect("c1", List.of("127.0.0.1:5701", "no-port-here")));
        assertEquals("expected HOST:PORT, got 'no-port-here'", e.getMessage());
    }

    @Test
    void memberArgumentsAreParsedAndChecked() {
        assertEquals(List.of("127.0.0.1:5701", "10.0.0.2:5702", "10.0.0.3:5703"), Cluster.memberArgs(new String[] {
                "--member", "127.0.0.1:5701", "--cluster", "c1", "--member=10.0.0.2:5702, 10.0.0.3:5703"}));
        assertEquals(List.of(), Cluster.memberArgs(new String[] {"--cluster", "c1"}));
        assertEquals("--member needs HOST:PORT",
                assertThrows(UsageException.class, () -> Cluster.memberArgs(new String[] {"--member"})).getMessage());
        assertEquals("--member: port out of range in '127.0.0.1:0'",
                assertThrows(UsageException.class, () -> Cluster.memberArgs(new String[] {"--member", "127.0.0.1:0"}))
                        .getMessage());

        var options = Cluster.declare(RecipeOptions.named("probe", "cluster options"));
        assertEquals(List.of("127.0.0.1:5701", "127.0.0.1:5702"),
                Cluster.memberArgs(options.parse(new String[] {"--member", "127.0.0.1:5701", "--member", "127.0.0.1:5702"})));
        assertEquals("--member: expected HOST:PORT, got 'host'", assertThrows(UsageException.class,
                () -> Cluster.memberArgs(options.parse(new String[] {"--member", "host"}))).getMessage());
    }

    /** Without --member a recipe gets embedded members, with --cluster their name; the two entry points agree. */
    @Test
    void withoutMemberArgumentsARecipeGetsEmbeddedMembers() {
        try (var cluster = Cluster.fromArgs(new String[] {"--cluster", "cookbook-args-probe"}, 2, false)) {
            assertFalse(cluster.isRemote());
            assertEquals("cookbook-args-probe", cluster.name());
            assertEquals(2, cluster.embeddedMembers().size());
        }
        try (var cluster = Cluster.fromArgs(new String[0], 1, false)) {
            assertTrue(cluster.name().startsWith("cookbook-"), "a fresh name: " + cluster.name());
            assertEquals(1, cluster.embeddedMembers().size());
        }
        var declared = Cluster.declare(RecipeOptions.named("probe", "cluster options"));
        try (var cluster = Cluster.fromOptions(declared.parse(new String[] {"--cluster", "cookbook-options-probe"}), 1, false)) {
            assertFalse(cluster.isRemote());
            assertEquals("cookbook-options-probe", cluster.name());
            assertEquals(1, cluster.embeddedMembers().size());
        }
        try (var cluster = Cluster.fromOptions(declared.parse(new String[0]), 1, false)) {
            assertTrue(cluster.name().startsWith("cookbook-"), cluster.name());
        }
    }

    /** With --member a recipe is a client of those members (here: members this test started). */
    @Test
    void withMemberArgumentsARecipeIsAClient() {
        try (var members = Cluster.embedded(1, false)) {
            String address = Cluster.address(members.entry());
            var declared = Cluster.declare(RecipeOptions.named("probe", "cluster options"));
            try (var client = Cluster.fromOptions(declared.parse(new String[] {"--member", address, "--cluster", members.name()}),
                    3, false)) {
                assertTrue(client.isRemote());
                assertEquals(members.name(), client.name());
                assertEquals(List.of(), client.embeddedMembers(), "a client starts no member");
                assertEquals("cluster " + members.name() + " (client)", client.toString());
                assertEquals(1, client.memberList().size());
                assertEquals("a client cannot start members; run ./cookbook worker instead",
                        assertThrows(IllegalStateException.class, client::startMember).getMessage());
            }
            try (var client = Cluster.fromArgs(new String[] {"--member=" + address, "--cluster", members.name()}, 3, false)) {
                assertTrue(client.isRemote());
                assertEquals(1, client.memberList().size());
            }
        }
    }
}
