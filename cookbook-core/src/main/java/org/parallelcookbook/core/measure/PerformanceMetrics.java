package org.parallelcookbook.core.measure;

/**
 * The formulas of "How to evaluate the performance of a parallel program" (chapter 1), as pure
 * functions.
 *
 * <ul>
 *   <li>speedup S = T1 / Tp (linear when S = p, sublinear below, superlinear above);</li>
 *   <li>efficiency E = S / p;</li>
 *   <li>Karp-Flatt experimentally determined serial fraction e = (1/S - 1/p) / (1 - 1/p);</li>
 *   <li>Amdahl's law S(p) = 1 / ((1 - P) + P / p) for parallel fraction P, with limit 1 / (1 - P);</li>
 *   <li>Gustafson's law S(p) = p - alpha (p - 1) for serial fraction alpha.</li>
 * </ul>
 *
 * <p>Book bug: the book says a program that is 90 % parallel can reach a speedup of at most 9;
 * Amdahl's formula gives 1 / (1 - 0.9) = 10 ({@link #amdahlLimit(double)}).
 */
public final class PerformanceMetrics {

    /** How a measured speedup compares with the number of workers. */
    public enum Scaling { SUBLINEAR, LINEAR, SUPERLINEAR }

    private PerformanceMetrics() {
    }

    public static double speedup(double t1, double tp) {
        positive(t1, "T1");
        positive(tp, "Tp");
        return t1 / tp;
    }

    public static double efficiency(double speedup, int workers) {
        workers(workers);
        return speedup / workers;
    }

    /** Karp-Flatt serial fraction; undefined (NaN) for a single worker. */
    public static double karpFlatt(double speedup, int workers) {
        workers(workers);
        positive(speedup, "speedup");
        if (workers == 1) {
            return Double.NaN;
        }
        return (1 / speedup - 1.0 / workers) / (1 - 1.0 / workers);
    }

    /** Amdahl's predicted speedup for parallel fraction P (0..1) on p workers. */
    public static double amdahl(double parallelFraction, int workers) {
        fraction(parallelFraction);
        workers(workers);
        return 1 / ((1 - parallelFraction) + parallelFraction / workers);
    }

    /** Amdahl's upper bound for p to infinity: 1 / (1 - P), infinite for P = 1. */
    public static double amdahlLimit(double parallelFraction) {
        fraction(parallelFraction);
        return 1 / (1 - parallelFraction);
    }

    /** Gustafson's scaled speedup for serial fraction alpha on p workers. */
    public static double gustafson(double serialFraction, int workers) {
        fraction(serialFraction);
        workers(workers);
        return workers - serialFraction * (workers - 1);
    }

    /** Classifies a speedup against p, treating values within {@code tolerance} (relative) as linear. */
    public static Scaling classify(double speedup, int workers, double tolerance) {
        workers(workers);
        if (speedup > workers * (1 + tolerance)) {
            return Scaling.SUPERLINEAR;
        }
        if (speedup < workers * (1 - tolerance)) {
            return Scaling.SUBLINEAR;
        }
        return Scaling.LINEAR;
    }

    private static void positive(double value, String name) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    private static void workers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
    }

    private static void fraction(double f) {
        if (!(f >= 0 && f <= 1)) {
            throw new IllegalArgumentException("fraction must lie in [0, 1], got " + f);
        }
    }
}
