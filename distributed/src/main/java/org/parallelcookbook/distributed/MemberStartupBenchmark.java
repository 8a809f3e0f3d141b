package org.parallelcookbook.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parallelcookbook.core.measure.Bootstrap;
import org.parallelcookbook.core.measure.CustomBenchmark;
import org.parallelcookbook.core.measure.Interval;
import org.parallelcookbook.core.measure.Progress;
import org.parallelcookbook.core.measure.Summary;

/**
 * How long a Hazelcast member takes to start with this chapter's settings: the first member of a
 * new cluster, a second one joining it, both in this JVM, and a whole {@code ./cookbook worker}
 * JVM from launch to "ready". The join waits are set to 0 ({@link HazelcastSetup}); with
 * Hazelcast's defaults a lone member waits about 5 s for others before it starts a cluster.
 *
 * <p>{@code ./cookbook bench ch5.celery-setup [--trials N] [--warmup N]}
 */
public final class MemberStartupBenchmark implements CustomBenchmark {

    @Override
    public Report run(Options options, Progress progress) throws Exception {
        int trials = Math.max(1, options.trials());
        int warmup = Math.max(0, options.warmup());
        int jvmTrials = Math.max(1, Math.min(3, trials));
        int total = warmup + trials + jvmTrials;
        double[] first = new double[trials];
        double[] second = new double[trials];
        for (int t = -warmup; t < trials; t++) {
            progress.update(t + warmup, total, "embedded members");
            long start = System.nanoTime();
            try (var cluster = Cluster.embedded(1, false)) {
                long one = System.nanoTime();
                cluster.startMember();
                cluster.awaitSize(2, Duration.ofSeconds(60));
                long two = System.nanoTime();
                if (t >= 0) {
                    first[t] = (one - start) / 1e9;
                    second[t] = (two - one) / 1e9;
                }
            }
        }
        double[] jvm = new double[jvmTrials];
        for (int t = 0; t < jvmTrials; t++) {
            progress.update(warmup + trials + t, total, "worker JVM");
            long start = System.nanoTime();
            try (var workers = WorkerJvms.start(1, 1, Duration.ofSeconds(120))) {
                jvm[t] = (System.nanoTime() - start) / 1e9;
            }
        }
        progress.update(total, total, "done");
        List<List<Object>> rows = new ArrayList<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        add(rows, figures, "first member (new cluster), embedded", first);
        add(rows, figures, "second member joining, embedded", second);
        add(rows, figures, "worker JVM, launch to ready", jvm);
        return new Report("Hazelcast member start-up (" + HazelcastSetup.PARTITIONS + " partitions, join wait 0)",
                List.of("what", "trials", "median ms", "95 % CI", "min ms", "max ms"), rows, figures, "median ms");
    }

    private static void add(List<List<Object>> rows, Map<String, Object> figures, String what, double[] seconds) {
        Summary s = Summary.of(seconds);
        Interval ci = Bootstrap.seeded(rows.size()).medianOf(seconds);
        rows.add(List.of(what, s.trials(), round(s.median() * 1e3),
                "[" + round(ci.lo() * 1e3) + ", " + round(ci.hi() * 1e3) + "]", round(s.min() * 1e3), round(s.max() * 1e3)));
        figures.put(what + " median ms", round(s.median() * 1e3));
        figures.put(what + " median ms 95% CI", List.of(round(ci.lo() * 1e3), round(ci.hi() * 1e3)));
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
