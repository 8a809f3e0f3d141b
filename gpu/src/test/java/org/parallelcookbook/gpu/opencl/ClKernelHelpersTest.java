package org.parallelcookbook.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.gpu.HostArrays;

/** The OpenCL ElementwiseKernel and ReductionKernel against Java references. */
@Timeout(120)
class ClKernelHelpersTest {

    private static OpenClContext cl;

    @BeforeAll
    static void open() {
        cl = OpenClContext.open(System.out);
    }

    @AfterAll
    static void close() {
        if (cl != null) {
            cl.close();
        }
    }

    @Test
    void elementwiseWithScalarsAndALengthThatIsNoMultipleOfAGroup() {
        int n = 1000;
        float[] x = HostArrays.randomFloats(n, 1);
        float[] y = HostArrays.randomFloats(n, 2);
        float[] c = new float[n];
        try (var k = new ClElementwiseKernel(cl, "float a, const float *x, float b, const float *y, float *c",
                "c[i] = a*x[i] + b*y[i]", "lin_comb")) {
            k.run(n, 2f, x, 5f, y, c);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(2f * x[i] + 5f * y[i], c[i], 1e-5f, "element " + i);
        }
    }

    @Test
    void constArraysAreNotCopiedBackAndDoublesWork() {
        double[] x = {1, 2, 3};
        double[] y = new double[3];
        try (var k = new ClElementwiseKernel(cl, "const double *x, double *y", "y[i] = x[i] * x[i]", "square")) {
            k.run(3, x, y);
        }
        assertArrayEquals(new double[] {1, 4, 9}, y);
        assertArrayEquals(new double[] {1, 2, 3}, x);
    }

    @Test
    void dotProductOfArangeLikeTheBook() {
        try (var dot = new ClReductionKernel(cl, "long", "0", "a+b", "x[i]*y[i]", "const long *x, const long *y", "dot")) {
            for (int n : new int[] {400, 1000, 1, 0, 70_001}) {
                long[] v = new long[n];
                long expected = 0;
                for (int i = 0; i < n; i++) {
                    v[i] = i;
                    expected += (long) i * i;
                }
                assertEquals(expected, dot.reduce(n, v, v).longValue(), "n = " + n);
            }
            long[] v400 = new long[400];
            for (int i = 0; i < 400; i++) {
                v400[i] = i;
            }
            assertEquals(21253400L, dot.reduce(400, v400, v400));
        }
    }

    @Test
    void aMaximumReductionWithANonZeroNeutral() {
        double[] x = HostArrays.randomDoubles(5000, 7);
        double max = java.util.Arrays.stream(x).max().orElseThrow();
        try (var k = new ClReductionKernel(cl, "double", "-INFINITY", "fmax(a, b)", "x[i]", "const double *x", "maxval")) {
            assertEquals(max, k.reduce(x.length, x).doubleValue());
        }
    }
}
