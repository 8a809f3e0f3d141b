package org.parallelcookbook.examples.mandelbrot;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.parallelcookbook.distributed.Cluster;
import org.parallelcookbook.distributed.HazelcastSetup;
import org.parallelcookbook.distributed.HazelcastSetup.MemberOptions;

/**
 * The Mandelbrot set on a Hazelcast cluster (chapter 5, the SCOOP and Celery recipes' machinery):
 * {@code workers} members embedded in this JVM, each with one executor thread (one SCOOP worker
 * process each), built by the chapter's {@link Cluster} and {@link HazelcastSetup}. Every block of
 * rows is a {@link RowBlock} task sent round-robin to the members with {@code submitToMember}, so
 * it is serialized even though the members share this JVM (and, for all but the member it is
 * submitted through, crosses a loopback TCP connection); the results are put back in order.
 *
 * <p>Hazelcast deserializes tasks only from the packages its filter trusts: the members trust this
 * package explicitly ({@link MemberOptions#withTrustedPrefixes}), nothing wider.
 */
public final class HazelcastMandelbrot implements MandelbrotModel {

    /** The one package, besides the chapter's own, whose classes the members deserialize. */
    static final String TASK_PACKAGE = RowBlock.class.getPackageName() + ".";
    /** Blocks per member: round-robin is static, so several interleaved blocks each even out the cost. */
    static final int BLOCKS_PER_WORKER = 4;

    private Cluster cluster;
    private int rowsPerBlock;
    private int blocks;

    @Override
    public String name() {
        return "hazelcast";
    }

    @Override
    public String chapter() {
        return "5 (Hazelcast)";
    }

    @Override
    public void start(int workers) {
        close();
        var options = MemberOptions.loopback(HazelcastSetup.freshClusterName()).withExecutorThreads(1)
                .withTrustedPrefixes(TASK_PACKAGE);
        cluster = Cluster.embedded(options, workers);
    }

    @Override
    public int[] render(MandelbrotSpec spec, int workers) throws Exception {
        List<Member> members = cluster.memberList();
        IExecutorService executor = cluster.executor();
        rowsPerBlock = RowBlock.rowsPerBlock(spec, members.size(), BLOCKS_PER_WORKER);
        List<RowBlock> tasks = RowBlock.split(spec, rowsPerBlock);
        blocks = tasks.size();
        List<Future<int[]>> futures = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            futures.add(executor.submitToMember(tasks.get(i), members.get(i % members.size())));
        }
        int[] grid = new int[spec.pixels()];
        for (int i = 0; i < tasks.size(); i++) {
            tasks.get(i).place(futures.get(i).get(), grid);
        }
        return grid;
    }

    @Override
    public int effectiveWorkers(int requested) {
        return cluster == null ? requested : cluster.embeddedMembers().size();
    }

    @Override
    public String notes() {
        return cluster == null ? "" : cluster.embeddedMembers().size() + " embedded members, 1 executor thread each; "
                + blocks + " tasks of " + rowsPerBlock + " rows, round-robin";
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
