package org.parallelcookbook.core.intro;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * <b>The parallel computing memory architecture</b> (book chapter 1): Flynn's taxonomy, with one
 * small computation shown in each of the four classes.
 *
 * <p>Flynn sorts machines by how many instruction streams act on how many data streams:
 * <ul>
 *   <li><b>SISD</b>, one instruction stream on one data stream: the von Neumann machine, one CPU
 *       running the fetch-decode-execute cycle. Here: a plain {@code for} loop summing squares.</li>
 *   <li><b>SIMD</b>, one instruction stream over many data: the same operation applied to many
 *       elements at once, the model of vector units and GPUs. Here: the same sum of squares as a
 *       data-parallel {@code IntStream.range(...).parallel()}; the JIT may also turn the loop into
 *       SSE/AVX instructions on its own (auto-vectorisation). Java's explicit SIMD API is the
 *       incubating Vector API ({@code jdk.incubator.vector}, e.g. {@code IntVector.SPECIES_PREFERRED});
 *       it needs {@code --add-modules jdk.incubator.vector} at compile and run time, so the cookbook
 *       only mentions it. Real SIMD hardware (GPUs through OpenCL and CUDA) is chapter 6.</li>
 *   <li><b>MISD</b>, many instruction streams on one data stream: mostly theoretical (fault-tolerant
 *       flight computers come closest). Here: four different reductions (sum, min, max, a checksum)
 *       run concurrently over one shared, read-only array. Nothing writes the array, so no locks are
 *       needed; starting the tasks through an executor publishes it safely to each of them.</li>
 *   <li><b>MIMD</b>, independent processors running independent programs on independent data,
 *       asynchronously: every multicore CPU and every cluster. Here: three threads doing three
 *       unrelated jobs (sum of squares of one half of the array, the maximum of another array, the
 *       primes below a bound).</li>
 * </ul>
 *
 * <p><b>Java vs Python:</b> the book's section is prose only. In CPython the GIL would make the MISD
 * and MIMD threads take turns; the JVM runs them on separate cores at once.
 *
 * <p>Run: {@code ./cookbook run ch1.memory-architecture [--size N] [--seed S]}.
 */
@Recipe(id = "ch1.memory-architecture", chapter = 1, title = "The parallel computing memory architecture",
        tourArgs = {"--size", "200000"})
public final class FlynnTaxonomyDemo {

    private FlynnTaxonomyDemo() {
    }

    /** The four reductions that the MISD variant applies to one input. */
    public record Reductions(long sum, int min, int max, long checksum) {
    }

    /** The three unrelated results of the MIMD variant. */
    public record Independent(long sumOfSquaresFirstHalf, int maxOfOtherData, int primesBelowBound) {
    }

    /** What every class of Flynn's taxonomy computed. */
    public record Taxonomy(int size, long sisd, long simd, Reductions misd, Independent mimd, String mimdThreads) {
    }

    /** The shared input: {@code size} pseudo-random ints in [0, 1000). */
    public static int[] input(int size, long seed) {
        return new SplittableRandom(seed).ints(size, 0, 1000).toArray();
    }

    /** SISD: one instruction stream, one element at a time. */
    public static long sisd(int[] data) {
        long sum = 0;
        for (int x : data) {
            sum += (long) x * x;
        }
        return sum;
    }

    /** SIMD in spirit: the same operation over every element, split across cores by the stream. */
    public static long simd(int[] data) {
        return IntStream.range(0, data.length).parallel().mapToLong(i -> (long) data[i] * data[i]).sum();
    }

    /** The MISD reductions computed one after another on the calling thread (the reference). */
    public static Reductions reductionsSequential(int[] data) {
        return new Reductions(sum(data), min(data), max(data), checksum(data));
    }

    /** MISD: four different instruction streams over the same, shared, read-only data. */
    public static Reductions misd(int[] data) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            Future<Long> sum = pool.submit(() -> sum(data));
            Future<Integer> min = pool.submit(() -> min(data));
            Future<Integer> max = pool.submit(() -> max(data));
            Future<Long> checksum = pool.submit(() -> checksum(data));
            return new Reductions(sum.get(), min.get(), max.get(), checksum.get());
        }
    }

    /** The MIMD jobs run one after another (the reference). */
    public static Independent independentSequential(int[] data, int[] other, int primeBound) {
        return new Independent(sisd(firstHalf(data)), max(other), primesBelow(primeBound));
    }

    /** MIMD: three threads, three programs, three data sets; {@code threadNames} receives who ran what. */
    public static Independent mimd(int[] data, int[] other, int primeBound, List<String> threadNames) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Callable<Object>> jobs = List.of(
                    () -> named(threadNames, "sum of squares", sisd(firstHalf(data))),
                    () -> named(threadNames, "max", max(other)),
                    () -> named(threadNames, "primes", primesBelow(primeBound)));
            List<Future<Object>> done = pool.invokeAll(jobs);
            return new Independent((Long) done.get(0).get(), (Integer) done.get(1).get(), (Integer) done.get(2).get());
        }
    }

    /** Everything, for one input size. */
    public static Taxonomy classify(int size, long seed) throws Exception {
        int[] data = input(size, seed);
        int[] other = input(Math.max(1, size / 2), seed + 1);
        List<String> threads = new ArrayList<>();
        Independent mimd = mimd(data, other, 50_000, java.util.Collections.synchronizedList(threads));
        return new Taxonomy(size, sisd(data), simd(data), misd(data), mimd, String.join(", ", threads));
    }

    private static Object named(List<String> log, String job, Object result) {
        log.add(job + " on " + Thread.currentThread().getName());
        return result;
    }

    private static int[] firstHalf(int[] data) {
        return java.util.Arrays.copyOf(data, data.length / 2);
    }

    static long sum(int[] data) {
        long s = 0;
        for (int x : data) {
            s += x;
        }
        return s;
    }

    static int min(int[] data) {
        int m = Integer.MAX_VALUE;
        for (int x : data) {
            m = Math.min(m, x);
        }
        return m;
    }

    static int max(int[] data) {
        int m = Integer.MIN_VALUE;
        for (int x : data) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** A position-sensitive checksum (polynomial hash), so a reordered or altered input changes it. */
    static long checksum(int[] data) {
        long h = 17;
        for (int x : data) {
            h = h * 1_000_003L + x;
        }
        return h;
    }

    static int primesBelow(int bound) {
        int count = 0;
        for (int n = 2; n < bound; n++) {
            if (ProgrammingModelsTour.isPrime(n)) {
                count++;
            }
        }
        return count;
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(FlynnTaxonomyDemo.class)
                .longOption("--seed", 42, Long.MIN_VALUE, Long.MAX_VALUE, "seed of the random input")
                .intOption("--size", 10_000_000, 1, Integer.MAX_VALUE, "elements of the SIMD-style array operation");
        RecipeMain.run(args, options, opt -> {
            int size = opt.intValue("--size");
            long seed = opt.longValue("--seed");
            Taxonomy t = classify(size, seed);
            System.out.printf(Locale.ROOT, "input: %,d ints in [0, 1000), seed %d%n", t.size(), seed);
            System.out.printf(Locale.ROOT, "SISD  plain loop, sum of squares:            %,d%n", t.sisd());
            System.out.printf(Locale.ROOT, "SIMD  parallel IntStream, sum of squares:    %,d (%s)%n", t.simd(),
                    t.simd() == t.sisd() ? "same" : "DIFFERENT");
            System.out.printf(Locale.ROOT, "MISD  4 reductions of one input at once:     sum %,d, min %d, max %d, checksum %d%n",
                    t.misd().sum(), t.misd().min(), t.misd().max(), t.misd().checksum());
            System.out.printf(Locale.ROOT, "MIMD  3 programs on 3 data sets:             sum of squares of the first half %,d; "
                    + "max of another array %d; primes below 50,000: %d%n", t.mimd().sumOfSquaresFirstHalf(),
                    t.mimd().maxOfOtherData(), t.mimd().primesBelowBound());
            System.out.println("      ran on: " + t.mimdThreads());
        });
    }
}
