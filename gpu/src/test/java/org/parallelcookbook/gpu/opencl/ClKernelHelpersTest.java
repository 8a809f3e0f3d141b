package org.parallelcookbook.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.gpu.HostArrays;
import org.parallelcookbook.gpu.kernel.KernelSignature;

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

    @Test
    void scalarsOfEveryTypeReachTheKernelConverted() {
        long[] x = {1, 2, 3};
        long[] y = new long[3];
        try (var k = new ClElementwiseKernel(cl, "long s, const long *x, long *y", "y[i] = x[i] + s", "add_long")) {
            assertNull(k.lastRun(), "no launch yet");
            k.run(3, 5_000_000_000L, x, y); // only a 64-bit scalar holds it
            assertArrayEquals(new long[] {5_000_000_001L, 5_000_000_002L, 5_000_000_003L}, y);
            assertNotNull(k.lastRun());
            assertTrue(k.lastRun().endNs() >= k.lastRun().startNs(), k.lastRun().toString());
            assertEquals("add_long", k.name());
            assertEquals("OpenCL: " + cl.device().describe(), k.device());
            assertEquals(3, k.signature().params().size());
            assertTrue(k.source().contains("__kernel void add_long(const int n, long s, __global const long *x, __global long *y)"),
                    k.source());
        }
        double[] dy = new double[2];
        try (var k = new ClElementwiseKernel(cl, "double s, const double *x, double *y", "y[i] = x[i] * s", "scale_double")) {
            k.run(2, 0.25, new double[] {1, 2}, dy);
        }
        assertArrayEquals(new double[] {0.25, 0.5}, dy);
        int[] iy = new int[2];
        try (var k = new ClElementwiseKernel(cl, "int s, const int *x, int *y", "y[i] = x[i] + s", "add_int")) {
            k.run(2, 7L, new int[] {1, 2}, iy); // a Long for an int: converted
        }
        assertArrayEquals(new int[] {8, 9}, iy);
    }

    @Test
    void zeroElementsLaunchNothingAndLeaveTheArraysAlone() {
        try (var k = new ClElementwiseKernel(cl, "const float *x, float *y", "y[i] = x[i] + 1", "plus_one")) {
            float[] y = {42f};
            k.run(0, new float[0], y);
            assertArrayEquals(new float[] {42f}, y);
            k.run(0, new float[0], new float[0]);
            assertNull(k.lastRun(), "n = 0 must not launch");
        }
    }

    @Test
    void buffersRoundTripEveryElementType() {
        int[] ints = {3, 1, 4, 1, 5};
        try (var buf = cl.buffer(CL_MEM_READ_WRITE, (long) ints.length * Integer.BYTES)) {
            assertEquals(20, buf.bytes());
            cl.write(buf, ints);
            cl.write(buf, new int[0]); // nothing to copy
            cl.finish();
            int[] back = new int[5];
            cl.read(buf, back);
            assertArrayEquals(ints, back);
            cl.read(buf, new int[0]);
        }
        double[] doubles = {1.5, -2.5};
        try (var buf = cl.buffer(CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, doubles)) {
            assertEquals(16, buf.bytes());
            double[] back = new double[2];
            cl.read(buf, back);
            assertArrayEquals(doubles, back);
        }
        long[] longs = {1L << 40, -7};
        try (var buf = cl.buffer(CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, longs)) {
            assertEquals(16, buf.bytes());
            long[] back = new long[2];
            cl.read(buf, back);
            assertArrayEquals(longs, back);
        }
        byte[] bytes = {1, 2, 3};
        try (var buf = cl.buffer(CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, bytes)) {
            assertEquals(3, buf.bytes());
            byte[] back = new byte[3];
            cl.read(buf, back);
            assertArrayEquals(bytes, back);
        }
        try (var empty = cl.buffer(CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, new float[0])) {
            assertEquals(0, empty.bytes());
        }
        assertThrows(IllegalArgumentException.class, () -> cl.buffer(CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, new short[2]));
    }

    @Test
    void aKernelReportsItsWorkGroupLimitsAndLaunchesInGroups() {
        try (var program = cl.build("__kernel void fill(__global int *a, const int v) { a[get_global_id(0)] = v + get_local_size(0); }");
             var k = program.kernel("fill")) {
            assertNotNull(program.program());
            assertEquals("fill", k.name());
            long max = k.maxWorkGroupSize();
            long multiple = k.preferredWorkGroupMultiple();
            assertTrue(max >= 1 && max <= cl.device().maxWorkGroupSize(), "max work group " + max);
            assertTrue(multiple >= 1 && multiple <= max, "preferred multiple " + multiple);
            int local = max >= 8 ? 8 : 1;
            int[] a = new int[64];
            try (var buf = cl.buffer(CL_MEM_READ_WRITE, (long) a.length * Integer.BYTES)) {
                var run = k.args(buf, 100).launch(new long[] {64}, new long[] {local});
                cl.read(buf, a);
                assertTrue(run.endNs() >= run.startNs());
            }
            for (int v : a) {
                assertEquals(100 + local, v);
            }
            assertThrows(IllegalArgumentException.class, () -> k.arg(0, "not a kernel argument"));
        }
    }

    @Test
    void aRunsSecondsAreItsDeviceTimestampsApart() {
        assertEquals(0.0025, new ClKernel.Run(1_000, 2_501_000).seconds(), 1e-15);
        assertEquals(0.0, new ClKernel.Run(7, 7).seconds());
    }

    @Test
    void aReductionWithAScalarArgumentAndAFloatResult() {
        int[] x = {1, 2, 3, 4, 5};
        try (var k = new ClReductionKernel(cl, "int", "0", "a+b", "x[i] * s", "const int *x, int s", "scaled_sum")) {
            assertEquals(KernelSignature.Type.INT, k.type());
            int g = k.groupSize();
            assertTrue(g >= 1 && g <= 256 && Integer.bitCount(g) == 1 && g <= cl.device().maxWorkGroupSize(), "group " + g);
            assertEquals(45, k.reduce(5, x, 3));
            assertEquals(0, k.reduce(0, new int[0], 3));
            assertEquals("OpenCL: " + cl.device().describe(), k.device());
        }
        float[] f = {0.5f, 0.25f, 2f};
        try (var k = new ClReductionKernel(cl, "float", "0", "a+b", "x[i]", "const float *x", "fsum")) {
            assertEquals(2.75f, k.reduce(3, f));
        }
    }

    @Test
    void buildOptionsReachTheCompiler() {
        try (var program = cl.build("__kernel void k(__global int *a) { a[0] = VALUE; }", "-D VALUE=5");
             var k = program.kernel("k");
             var buf = cl.buffer(CL_MEM_READ_WRITE, Integer.BYTES)) {
            k.arg(0, buf).launch1d(1);
            int[] a = new int[1];
            cl.read(buf, a);
            assertEquals(5, a[0]);
        }
    }

    @Test
    void theHostValuesAreCheckedBeforeAnythingRuns() {
        try (var k = new ClElementwiseKernel(cl, "const float *x, float *y", "y[i] = x[i]", "copy");
             var r = new ClReductionKernel(cl, "float", "0", "a+b", "x[i]", "const float *x", "total")) {
            float[] y = {7, 7};
            assertThrows(IllegalArgumentException.class, () -> k.run(3, new float[3], y)); // y is shorter than n
            assertArrayEquals(new float[] {7, 7}, y);
            assertThrows(IllegalArgumentException.class, () -> k.run(1, new float[1]));
            assertThrows(IllegalArgumentException.class, () -> r.reduce(4, new float[3]));
            assertThrows(IllegalArgumentException.class, () -> r.reduce(1, new double[1]));
            assertNull(k.lastRun());
        }
    }
}
