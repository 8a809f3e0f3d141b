package org.parallelcookbook.examples.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.parallelcookbook.core.intro.PerformanceEvaluation.MonteCarloPi;

/**
 * The JMH reference for {@code ./cookbook bench ch1.performance}: the very same workload
 * ({@link MonteCarloPi}, 32 million samples) at the same worker counts. JMH stays the reference for
 * microbenchmarks; the cookbook's own runner must agree with it (see docs/chapter-1.md for both
 * figures and the commands).
 *
 * <p>Run: {@code ./cookbook jmh MonteCarloPiBenchmark} (any JMH options may follow, e.g. {@code -f 1 -wi 3 -i 5}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 20)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m"})
public class MonteCarloPiBenchmark {

    @Param({"1", "2"})
    public int workers;

    private MonteCarloPi workload;

    @Setup
    public void setUp() {
        workload = new MonteCarloPi();
    }

    @Benchmark
    public long hits() throws Exception {
        return workload.hits(workers);
    }
}
