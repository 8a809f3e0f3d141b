package com.example.consumer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.parallelcookbook.core.launch.ChildResult;
import org.parallelcookbook.core.launch.JvmLauncher;
import org.parallelcookbook.core.measure.ScalableWorkload;
import org.parallelcookbook.core.measure.ScalingExperiment;
import org.parallelcookbook.core.measure.ScalingResult;
import org.parallelcookbook.core.report.ScalingReport;
import org.parallelcookbook.gpu.opencl.ClElementwiseKernel;
import org.parallelcookbook.gpu.opencl.OpenClContext;
import org.parallelcookbook.mpi.launch.MpiResult;
import org.parallelcookbook.mpi.launch.MpiRun;
import org.parallelcookbook.processes.pool.RemoteTask;
import org.parallelcookbook.processes.pool.WorkerPool;

/** A project of your own using four cookbook modules as libraries; every result is checked. */
public final class LibraryTour {

    /** A task for the pool's worker JVMs: a record, so it travels as a serialized object. */
    public record Square(int x) implements RemoteTask<Integer> {
        public Integer call() {
            return x * x;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("child")) { // what the child JVM below runs
            System.out.println(2 * Integer.parseInt(args[1]));
            return;
        }

        // cookbook-core: a scaling study of your own workload (warm-up, trials, medians, speedup)
        ScalableWorkload work = new ScalableWorkload() {
            public String name() { return "sum of square roots"; }
            public Object run(String variant, int workers) throws Exception {
                try (var pool = new ForkJoinPool(workers)) { // a parallel stream inside runs on the pool
                    return pool.submit(() -> IntStream.range(0, 4_000_000).parallel().mapToDouble(Math::sqrt).sum()).get();
                }
            }
        };
        ScalingResult study = ScalingExperiment.of(work).workers(List.of(1, 2)).warmup(1).trials(3).build().run();
        System.out.print(ScalingReport.table(study));
        check(study.first().points().size() == 2 && study.first().at(1).speedup() == 1.0, "p = 1 and 2 measured");

        // cookbook-core: a Java "process", a new JVM with the same java and class path
        ChildResult child = JvmLauncher.forMain(LibraryTour.class).args("child", "21")
                .run(Duration.ofSeconds(60)).requireSuccess();
        check(child.stdout().strip().equals("42"), "the child JVM printed 42, not " + child.stdout());

        // processes: a pool of worker JVMs; its filter must admit your task and result classes
        try (WorkerPool pool = WorkerPool.builder().workers(2)
                .filter("com.example.consumer.*;" + WorkerPool.DEFAULT_FILTER).start()) {
            List<Integer> squares = pool.map(IntStream.range(0, 10).mapToObj(Square::new).toList());
            check(squares.equals(IntStream.range(0, 10).map(i -> i * i).boxed().toList()), "squares " + squares);
        }

        // gpu: the device chooser (it says which device it took and why) and one OpenCL kernel
        float[] x = {1, 2, 3, 4}, y = new float[4];
        try (OpenClContext cl = OpenClContext.open(System.out);
             var twice = new ClElementwiseKernel(cl, "const float *x, float *y", "y[i] = 2 * x[i]", "twice")) {
            twice.run(4, x, y);
        }
        check(java.util.Arrays.equals(y, new float[] {2, 4, 6, 8}), "the kernel doubled x");

        // mpi: your own rank class (SumRanks) on 2 ranks of MPJ Express's multicore device
        MpiResult ranks = MpiRun.of(SumRanks.class).np(2).timeout(Duration.ofSeconds(60)).run().requireSuccess();
        check(ranks.rank(0).line().text().equals("sum 3") && ranks.rank(1).line().text().equals("sum 3"),
                "both ranks reduced 1 + 2: " + ranks.describe());

        System.out.println("library tour: all checks passed");
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("check failed: " + what);
        }
    }
}
