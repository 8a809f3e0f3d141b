package org.parallelcookbook.core.intro;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.Clock;

/**
 * <b>Python in a parallel world</b> (book chapter 1), as "the JVM in a parallel world".
 *
 * <p>The book explains that CPython compiles source to bytecode and interprets it, so speed comes
 * from C extensions, from a JIT such as PyPy, or from running several interpreters at once. The JVM
 * also runs bytecode, but differently in the two ways that matter for this book:
 * <ul>
 *   <li>it <b>JIT-compiles</b> hot methods to machine code while the program runs (HotSpot: C1, then
 *       the optimising C2), so a loop runs interpreted for its first few thousand iterations and
 *       as native code after that; the warm-up table below shows it;</li>
 *   <li>it has <b>no global interpreter lock</b>: Java threads are operating-system threads that run
 *       on all cores at once, so the threads of chapter 2 speed up CPU-bound work, which CPython's
 *       threads cannot.</li>
 * </ul>
 * It prints the VM, its JIT compiler, the processors it sees and the parallelism of the common
 * {@link ForkJoinPool} (the pool behind parallel streams): processors - 1, at least 1, unless
 * {@value #COMMON_PARALLELISM} is set. Containers that limit CPUs (cgroups) lower the processor count.
 *
 * <p>Run: {@code ./cookbook run ch1.parallel-world [--rounds N]}.
 */
@Recipe(id = "ch1.parallel-world", chapter = 1, title = "Python in a parallel world")
public final class JvmParallelWorld {

    /** The system property that overrides the common pool's parallelism. */
    public static final String COMMON_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private JvmParallelWorld() {
    }

    /** What the running JVM says about itself. */
    public record VmInfo(String vmName, String vmVersion, String vendor, Optional<String> jitCompiler,
                         long jitMillis, int availableProcessors, int commonPoolParallelism,
                         Optional<String> parallelismProperty) {
    }

    /** Time of each round of the same small computation (printed, never tested). */
    public record WarmUp(List<Long> roundNanos) {
    }

    /** Reads the VM's facts. */
    public static VmInfo describe() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return new VmInfo(System.getProperty("java.vm.name"), System.getProperty("java.vm.version"),
                System.getProperty("java.vm.vendor"),
                Optional.ofNullable(jit).map(CompilationMXBean::getName),
                jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1,
                Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism(),
                Optional.ofNullable(System.getProperty(COMMON_PARALLELISM)));
    }

    /** The common pool's parallelism the JDK picks when the property is not set. */
    public static int defaultCommonParallelism(int processors) {
        return Math.max(1, processors - 1);
    }

    /** Times {@code rounds} rounds of the same loop; the first ones run in the interpreter. */
    public static WarmUp warmUp(int rounds, Clock clock) {
        List<Long> nanos = new ArrayList<>();
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            long start = clock.nanoTime();
            sink += work(r);
            nanos.add(clock.nanoTime() - start);
        }
        if (sink == 42) {
            System.out.print(""); // keeps the result alive so the JIT cannot drop the work
        }
        return new WarmUp(List.copyOf(nanos));
    }

    private static long work(int seed) {
        long h = seed;
        for (int i = 0; i < 20_000; i++) {
            h = h * 31 + (i ^ (h >>> 7));
        }
        return h;
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(JvmParallelWorld.class)
                .intOption("--rounds", 2_000, 1, Integer.MAX_VALUE, "rounds of the small parallel workload");
        RecipeMain.run(args, options, opt -> {
            int rounds = opt.intValue("--rounds");
            VmInfo vm = describe();
            System.out.println("VM:                     " + vm.vmName() + " " + vm.vmVersion() + " (" + vm.vendor() + ")");
            System.out.println("JIT compiler:           " + vm.jitCompiler().orElse("none (interpreter only)"));
            System.out.println("available processors:   " + vm.availableProcessors());
            System.out.println("common pool parallelism: " + vm.commonPoolParallelism()
                    + vm.parallelismProperty().map(p -> " (set by -D" + COMMON_PARALLELISM + "=" + p + ")")
                            .orElse(" (processors - 1, at least 1)"));
            System.out.println("global interpreter lock: none; Java threads are OS threads");
            System.out.println();
            WarmUp w = warmUp(rounds, Clock.system());
            System.out.println("The same 20,000-step loop, timed round by round (the JIT compiles it as it gets hot):");
            List<Long> t = w.roundNanos();
            java.util.stream.IntStream.of(0, 1, 10, 100, 1_000, t.size() - 1).filter(r -> r < t.size()).distinct().sorted()
                    .forEach(r -> System.out.printf(Locale.ROOT, "  round %5d: %s%n", r + 1,
                            RecipeMain.seconds(t.get(r) / 1e9)));
            System.out.println("JIT compilation time so far: " + describe().jitMillis() + " ms");
        });
    }
}
