package org.parallelcookbook.distributed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.parallelcookbook.core.measure.ScalableWorkload;

/**
 * A scaling study whose "workers" are separate {@link Worker} JVMs with one executor thread each,
 * the way SCOOP's workers are separate Python processes: {@code run(variant, p)} sends the batch from
 * a client in this JVM to a cluster of {@code p} worker JVMs. Each cluster is started once, on first
 * use (closing the cluster of the previous size), and every JVM is destroyed by {@link #close()}.
 */
abstract class WorkerJvmWorkload implements ScalableWorkload {

    private final Map<Integer, WorkerJvms> workers = new TreeMap<>();
    private final Map<Integer, Cluster> clients = new TreeMap<>();

    @Override
    public String model() {
        return "Hazelcast worker JVMs, one executor thread each";
    }

    @Override
    public boolean inProcess() {
        return false;
    }

    /** One cluster lives at a time (see {@link #cluster}): rounds would restart it at every trial. */
    @Override
    public boolean interleave() {
        return false;
    }

    @Override
    public List<Integer> defaultWorkers() {
        return List.of(1, 2);
    }

    /**
     * A client of a cluster of {@code p} single-threaded worker JVMs. The cluster of another size,
     * if any, is shut down first: its idle members would still take CPU time (heartbeats, partition
     * housekeeping) from the measured ones on a small machine.
     */
    protected Cluster cluster(int p) throws Exception {
        Cluster c = clients.get(p);
        if (c == null) {
            close();
            var jvms = WorkerJvms.start(p, 1, Duration.ofSeconds(180));
            workers.put(p, jvms);
            c = jvms.connect();
            clients.put(p, c);
            c.awaitSize(p, Duration.ofSeconds(60));
        }
        return c;
    }

    @Override
    public void close() {
        clients.values().forEach(Cluster::close);
        workers.values().forEach(WorkerJvms::close);
        clients.clear();
        workers.clear();
    }
}
