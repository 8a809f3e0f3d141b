package org.parallelcookbook.core.measure;

import java.util.List;

/**
 * A workload that can be run with any number of workers: what {@code cookbook bench <id>} and
 * {@link ScalingExperiment} measure. The same total work is done for every worker count (strong
 * scaling), so speedup and efficiency compare like with like.
 *
 * <p>When a study forks ({@link ScalingExperiment.Builder#forks(int)}), every fork builds the
 * workload anew with its public no-argument constructor, so a forked workload needs one.
 *
 * <p>A workload may have several variants (for example the four workloads of {@code ch2.performance});
 * each becomes one series of the study and one line of the chart.
 */
public interface ScalableWorkload extends AutoCloseable {

    /** A short name for tables and chart titles. */
    String name();

    /** The variants to measure; one unnamed variant by default. */
    default List<String> variants() {
        return List.of("default");
    }

    /** The worker counts measured when the user gives none. */
    default List<Integer> defaultWorkers() {
        return List.of(1, 2, 4);
    }

    /**
     * What the workers are, named in the report: threads in this JVM by default; a workload whose
     * workers are worker JVMs, Hazelcast members or MPI ranks says so.
     */
    default String model() {
        return "threads in one JVM";
    }

    /**
     * The cores the workers really have: Amdahl's law is fitted to p &lt;= cores. By default the
     * processors of this JVM, which on one machine are also what worker JVMs, members and ranks
     * started here share.
     */
    default int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Whether the whole work runs inside the measuring JVM (threads, not other processes). Such a
     * workload is measured in fresh forked JVMs by {@code cookbook bench} by default; one whose
     * workers are other JVMs is measured from the bench JVM itself.
     */
    default boolean inProcess() {
        return true;
    }

    /**
     * Whether the worker counts may be measured interleaved, in rounds of one trial per point
     * ({@link Measurer#sampleRounds}), which is what makes a study robust to a machine whose speed
     * drifts. True by default; a workload that keeps only one set of workers alive at a time (and
     * would restart them at every switch of worker count) says false and is measured point by
     * point, each point's trials in one block.
     */
    default boolean interleave() {
        return true;
    }

    /** Prepares inputs and resources; called once before any measurement. */
    default void setUp() throws Exception {
    }

    /**
     * Does the whole job with {@code workers} workers and returns its result (which the caller
     * consumes so the JIT cannot drop the work).
     */
    Object run(String variant, int workers) throws Exception;

    /** Releases what {@link #setUp()} acquired (thread pools, servers, files). */
    @Override
    default void close() throws Exception {
    }
}
