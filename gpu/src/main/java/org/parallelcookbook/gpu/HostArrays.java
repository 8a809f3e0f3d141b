package org.parallelcookbook.gpu;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded host data and printing for the chapter's recipes: the role NumPy's {@code random} and
 * array printing play in the book. (cuRAND's Java binding, JCurand 12.6, is not on Maven Central,
 * so "curand" inputs are made here, seeded, on the host.)
 */
public final class HostArrays {

    private HostArrays() {
    }

    /** {@code n} ints in [0, bound). */
    public static int[] randomInts(int n, int bound, long seed) {
        var random = new SplittableRandom(seed);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextInt(bound);
        }
        return a;
    }

    /** {@code n} longs in [0, bound). */
    public static long[] randomLongs(int n, int bound, long seed) {
        var random = new SplittableRandom(seed);
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextInt(bound);
        }
        return a;
    }

    /** {@code n} floats, standard normal (NumPy's {@code randn}). */
    public static float[] randomNormalFloats(int n, long seed) {
        var random = new java.util.Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }

    /** {@code n} floats, uniform in [0, 1). */
    public static float[] randomFloats(int n, long seed) {
        var random = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextDouble();
        }
        return a;
    }

    /** {@code n} doubles, uniform in [0, 1). */
    public static double[] randomDoubles(int n, long seed) {
        var random = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextDouble();
        }
        return a;
    }

    /** A row-major float matrix, one row a line. */
    public static String format(float[] m, int rows, int cols) {
        var s = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            s.append('[');
            for (int c = 0; c < cols; c++) {
                s.append(String.format(Locale.ROOT, c == 0 ? "%9.5f" : " %9.5f", m[r * cols + c]));
            }
            s.append("]\n");
        }
        return s.toString();
    }

    /** A row-major double matrix, one row a line. */
    public static String format(double[] m, int rows, int cols) {
        var s = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            s.append('[');
            for (int c = 0; c < cols; c++) {
                s.append(String.format(Locale.ROOT, c == 0 ? "%8.4f" : " %8.4f", m[r * cols + c]));
            }
            s.append("]\n");
        }
        return s.toString();
    }

    /** A row-major long matrix, one row a line. */
    public static String format(long[] m, int rows, int cols) {
        int width = 1;
        for (long v : m) {
            width = Math.max(width, Long.toString(v).length());
        }
        var s = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            s.append('[');
            for (int c = 0; c < cols; c++) {
                s.append(String.format(Locale.ROOT, c == 0 ? "%" + width + "d" : " %" + width + "d", m[r * cols + c]));
            }
            s.append("]\n");
        }
        return s.toString();
    }

    /** The first {@code limit} elements of an int array, "..." after. */
    public static String head(int[] a, int limit) {
        var s = new StringBuilder("[");
        for (int i = 0; i < Math.min(limit, a.length); i++) {
            s.append(i == 0 ? "" : " ").append(a[i]);
        }
        return s.append(a.length > limit ? " ...]" : "]").toString();
    }

    /** The first {@code limit} elements of a float array, "..." after. */
    public static String head(float[] a, int limit) {
        var s = new StringBuilder("[");
        for (int i = 0; i < Math.min(limit, a.length); i++) {
            s.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4f", a[i]));
        }
        return s.append(a.length > limit ? " ...]" : "]").toString();
    }
}
