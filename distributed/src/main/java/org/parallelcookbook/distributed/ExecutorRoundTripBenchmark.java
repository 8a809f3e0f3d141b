package org.parallelcookbook.distributed;

import com.hazelcast.cluster.Member;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parallelcookbook.core.measure.CustomBenchmark;
import org.parallelcookbook.core.measure.Latencies;
import org.parallelcookbook.core.measure.Progress;

/**
 * Round-trip time of a trivial task ({@code add(5, 5)}) on the Hazelcast executor: submitted to
 * the caller's own member and to the other member of a two-member loopback cluster (serialize,
 * send, run on an executor thread, send the result back). Median, 90th and 99th percentile of
 * {@code trials * 1000} calls, after {@code warmup * 1000} warm-up calls.
 *
 * <p>{@code ./cookbook bench ch5.celery-task [--trials N] [--warmup N]}
 */
public final class ExecutorRoundTripBenchmark implements CustomBenchmark {

    @Override
    public Report run(Options options, Progress progress) throws Exception {
        int calls = Math.max(1, options.trials()) * 1000;
        int warm = Math.max(1, options.warmup()) * 1000;
        List<List<Object>> rows = new ArrayList<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        try (var cluster = Cluster.embedded(2, false)) {
            var executor = cluster.executor();
            List<Member> members = cluster.memberList();
            Member local = members.stream().filter(Member::localMember).findFirst().orElseThrow();
            Member remote = members.stream().filter(m -> !m.localMember()).findFirst().orElseThrow();
            int step = 0;
            for (var target : List.of(local, remote)) {
                String label = target == local ? "executor, same member" : "executor, other member (loopback)";
                progress.update(step++, 2, label);
                for (int i = 0; i < warm; i++) {
                    executor.submitToMember(new AddTask.Add(i, 1), target).get(30, TimeUnit.SECONDS);
                }
                long[] nanos = new long[calls];
                for (int i = 0; i < calls; i++) {
                    long t0 = System.nanoTime();
                    executor.submitToMember(new AddTask.Add(i, 1), target).get(30, TimeUnit.SECONDS);
                    nanos[i] = System.nanoTime() - t0;
                }
                var p = Latencies.ofNanos(nanos);
                rows.add(List.of(label, calls, round1(p.medianMicros()), p.medianCi().format("%.1f"), round1(p.p90Micros()),
                        round1(p.p99Micros()), round1(p.minMicros())));
                figures.put(label + " median us", round1(p.medianMicros()));
                figures.put(label + " median us 95% CI", List.of(p.medianCi().lo(), p.medianCi().hi()));
            }
            progress.update(2, 2, "done");
        }
        return new Report("Hazelcast executor round trip of a trivial task",
                List.of("call", "calls", "median us", "95 % CI", "p90 us", "p99 us", "min us"), rows, figures, "median us");
    }

    private static double round1(double micros) {
        return Math.round(micros * 10) / 10.0;
    }
}
