package org.parallelcookbook.distributed;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.parallelcookbook.core.launch.ChildJvm;

/**
 * The check every test of this module ends with: no Hazelcast member or client and no child JVM
 * (a worker, an RMI server) outlives its test. Registered for the whole module through the
 * ServiceLoader ({@code src/test/resources/META-INF/services}; the parent pom turns extension
 * autodetection on), so no test class can forget it. What it finds it reports, and stops, so the
 * next test starts clean.
 */
public final class NothingLeftRunning implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> left = new ArrayList<>();
        for (HazelcastInstance m : Hazelcast.getAllHazelcastInstances()) {
            left.add("member " + m.getName() + " of cluster " + m.getConfig().getClusterName());
            m.getLifecycleService().terminate();
        }
        for (HazelcastInstance c : HazelcastClient.getAllHazelcastClients()) {
            left.add("client " + c.getName());
            c.getLifecycleService().terminate();
        }
        int children = ChildJvm.liveCount();
        if (children > 0) {
            left.add(children + " child JVM(s)");
        }
        if (!left.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " left running: " + String.join(", ", left));
        }
    }
}
