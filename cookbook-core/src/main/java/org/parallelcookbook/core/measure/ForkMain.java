package org.parallelcookbook.core.measure;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main class of one fork of a {@link ScalingExperiment}: started in a fresh JVM, it reads its
 * job (the workload's class, the points in this fork's order, warm-up, trials, batching) from a
 * JSON file, builds the workload with its no-argument constructor, measures the points in rounds in that
 * order with {@link Measurer#sampleRounds}, and writes every raw trial time and its process id to a JSON result
 * file. Progress goes to standard error as {@value #PROGRESS} lines, which the parent turns into
 * its own progress. Any failure is one line on standard error and exit status 3.
 */
public final class ForkMain {

    /** Prefix of a progress line on standard error. */
    public static final String PROGRESS = "@fork-progress ";
    /** Exit status of a fork whose workload failed. */
    public static final int FAILED = 3;

    private ForkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ForkMain JOB.json RESULT.json");
            System.exit(2);
        }
        try {
            Files.writeString(Path.of(args[1]), JSON.std.asString(run(JSON.std.mapFrom(Files.readString(Path.of(args[0]))))));
        } catch (Exception | LinkageError e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            System.err.println("workload failed: " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()));
            System.exit(FAILED);
        }
        System.exit(0);
    }

    static Map<String, Object> run(Map<String, Object> job) throws Exception {
        Class<?> type = Class.forName((String) job.get("workload"));
        Measurer measurer = new Measurer(Clock.system(), num(job, "warmup").intValue(), num(job, "trials").intValue(),
                Duration.ofNanos(num(job, "warmup_ns").longValue()), Duration.ofNanos(num(job, "min_trial_ns").longValue()));
        List<Object> results = new ArrayList<>();
        try (ScalableWorkload workload = (ScalableWorkload) type.getConstructor().newInstance()) {
            workload.setUp();
            List<?> points = (List<?>) job.get("points");
            List<java.util.concurrent.Callable<Object>> works = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (Object o : points) {
                Map<?, ?> point = (Map<?, ?>) o;
                String variant = (String) point.get("variant");
                int workers = ((Number) point.get("workers")).intValue();
                works.add(() -> workload.run(variant, workers));
                labels.add(ScalingExperiment.Key.label(variant, workers));
            }
            Measurer.RoundProgress told = (done, what) -> System.err.println(PROGRESS + done + " " + what);
            List<Measurer.Sample> samples = Boolean.FALSE.equals(job.get("rounds")) ? measurer.sampleBlocks(works, labels, told)
                    : measurer.sampleRounds(works, labels, told,
                    Duration.ofNanos(job.containsKey("measure_ns") ? num(job, "measure_ns").longValue() : 0));
            for (int i = 0; i < points.size(); i++) {
                Map<?, ?> point = (Map<?, ?>) points.get(i);
                Measurer.Sample s = samples.get(i);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("variant", point.get("variant"));
                r.put("workers", ((Number) point.get("workers")).intValue());
                r.put("operations", s.operations());
                r.put("warmup_runs", s.warmupRuns());
                List<Double> seconds = new ArrayList<>();
                for (double x : s.seconds()) {
                    seconds.add(x);
                }
                r.put("seconds", seconds);
                results.add(r);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pid", ProcessHandle.current().pid());
        out.put("points", results);
        return out;
    }

    private static Number num(Map<String, Object> job, String key) {
        return (Number) job.get(key);
    }
}
