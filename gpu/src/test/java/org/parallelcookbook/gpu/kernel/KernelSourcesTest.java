package org.parallelcookbook.gpu.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelSourcesTest {

    @Test
    void parsesPyCudaStyleArgumentLists() {
        var sig = KernelSignature.parse("float a, const float *x, float b, const float *y, float *c");
        assertEquals(5, sig.params().size());
        var x = sig.params().get(1);
        assertTrue(x.isConst() && x.pointer());
        assertEquals(KernelSignature.Type.FLOAT, x.type());
        assertFalse(sig.params().get(0).pointer());
        assertEquals("__global const float *x", x.openCl());
        assertEquals("const float *x", x.cuda());
        assertEquals("long long *v", KernelSignature.parse("long *v").params().get(0).cuda());
    }

    @Test
    void rejectsWhatItCannotGenerate() {
        assertThrows(IllegalArgumentException.class, () -> KernelSignature.parse("short *s"));
        assertThrows(IllegalArgumentException.class, () -> KernelSignature.parse("int *i"));
        assertThrows(IllegalArgumentException.class, () -> KernelSignature.parse("int *a, float *a"));
        var sig = KernelSignature.parse("const int *a, int *c");
        assertThrows(IllegalArgumentException.class, () -> sig.check(3, new int[3]));
        assertThrows(IllegalArgumentException.class, () -> sig.check(3, new int[3], new float[3]));
        assertThrows(IllegalArgumentException.class, () -> sig.check(4, new int[3], new int[3]));
    }

    @Test
    void bothBackendsGuardTheIndexAndDifferOnlyInSpelling() {
        var sig = KernelSignature.parse("const int *a, const int *b, int *c");
        String cl = KernelSources.elementwise(KernelSources.Backend.OPENCL, "sum", sig, "c[i] = a[i] + b[i]");
        String cuda = KernelSources.elementwise(KernelSources.Backend.CUDA, "sum", sig, "c[i] = a[i] + b[i]");
        assertTrue(cl.contains("__kernel void sum(const int n,") && cl.contains("get_global_id(0)"));
        assertTrue(cuda.contains("extern \"C\" __global__ void sum(const int n,") && cuda.contains("blockIdx.x * blockDim.x"));
        assertTrue(cl.contains("if (i < n)") && cuda.contains("if (i < n)"));
        assertTrue(cl.contains("c[i] = a[i] + b[i];") && cuda.contains("c[i] = a[i] + b[i];"));
    }

    @Test
    void reductionHasTwoStagesWithBarriers() {
        var sig = KernelSignature.parse("const long *x, const long *y");
        String cl = KernelSources.reduction(KernelSources.Backend.OPENCL, "dot", KernelSignature.Type.LONG, "0", "a+b",
                "x[i]*y[i]", sig);
        String cuda = KernelSources.reduction(KernelSources.Backend.CUDA, "dot", KernelSignature.Type.LONG, "0", "a+b",
                "x[i]*y[i]", sig);
        assertTrue(cl.contains("dot_stage1") && cl.contains("dot_stage2") && cl.contains("barrier(CLK_LOCAL_MEM_FENCE)"));
        assertTrue(cuda.contains("dot_stage1") && cuda.contains("dot_stage2") && cuda.contains("__syncthreads()"));
        assertTrue(cuda.contains("long long") && !cl.contains("long long"));
        assertThrows(IllegalArgumentException.class, () -> KernelSources.reduction(KernelSources.Backend.CUDA, "bad name",
                KernelSignature.Type.INT, "0", "a+b", "x[i]", KernelSignature.parse("const int *x")));
    }

    @Test
    void matmulReferenceIsAMatrixProduct() {
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        float[] c = MatMulKernels.reference(a, b, 2);
        assertEquals(19f, c[0]);
        assertEquals(22f, c[1]);
        assertEquals(43f, c[2]);
        assertEquals(50f, c[3]);
        assertEquals(32, MatMulKernels.padded(17));
    }

    @Test
    void checkNamesWhatIsWrongWithTheHostValues() {
        var sig = KernelSignature.parse("float a, const float *x");
        sig.check(0, 1f, new float[0]);
        sig.check(2, 1, new float[2]); // exactly n elements; any Number for a scalar
        assertThrows(IllegalArgumentException.class, () -> sig.check(-1, 1f, new float[0]));
        var count = assertThrows(IllegalArgumentException.class, () -> sig.check(1, 1f));
        assertEquals("kernel takes 2 arguments (float a, const float *x), got 1", count.getMessage());
        var scalar = assertThrows(IllegalArgumentException.class, () -> sig.check(1, "one", new float[1]));
        assertEquals("argument a must be a number, got one", scalar.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> sig.check(1, 1f, null));
        assertEquals("argument x must be a float[], got null", none.getMessage());
        var type = assertThrows(IllegalArgumentException.class, () -> sig.check(1, 1f, new double[1]));
        assertEquals("argument x must be a float[], got double[]", type.getMessage());
        var shorter = assertThrows(IllegalArgumentException.class, () -> sig.check(3, 1f, new float[2]));
        assertEquals("argument x has 2 elements, fewer than n = 3", shorter.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelSignature.parse("float n"));
    }

    @Test
    void aSignatureSpellsItselfForEachBackend() {
        var sig = KernelSignature.parse("float a, const float *x, double *y");
        assertEquals("float a, __global const float *x, __global double *y", sig.openCl());
        assertEquals("float a, const float *x, double *y", sig.cuda());
        assertEquals("float a, const float *x, double *y", sig.toString());
        assertEquals(sig, KernelSignature.parse("  float  a ,const   float*x, double * y "));
        assertTrue(sig.usesDouble());
        assertFalse(KernelSignature.parse("const float *x, int k").usesDouble());
    }

    @Test
    void typesConvertScalarsAndMakeAndReadHostArrays() {
        assertEquals(Integer.valueOf(3), KernelSignature.Type.INT.scalar(3.9));
        assertEquals(Long.valueOf(5_000_000_000L), KernelSignature.Type.LONG.scalar(5e9));
        assertEquals(Float.valueOf(0.5f), KernelSignature.Type.FLOAT.scalar(0.5));
        assertEquals(Double.valueOf(2.0), KernelSignature.Type.DOUBLE.scalar(2));
        assertArrayEquals(new long[3], (long[]) KernelSignature.Type.LONG.newArray(3));
        assertArrayEquals(new float[2], (float[]) KernelSignature.Type.FLOAT.newArray(2));
        assertEquals(7L, KernelSignature.Type.LONG.element(new long[] {0, 7}, 1));
        assertEquals(2.5, KernelSignature.Type.DOUBLE.element(new double[] {2.5}, 0));
        assertEquals(KernelSignature.Type.INT, KernelSignature.Type.ofArray(new int[0]));
        assertEquals(KernelSignature.Type.LONG, KernelSignature.Type.ofArray(new long[0]));
        assertEquals(KernelSignature.Type.FLOAT, KernelSignature.Type.ofArray(new float[0]));
        assertEquals(KernelSignature.Type.DOUBLE, KernelSignature.Type.ofArray(new double[0]));
        var shorts = assertThrows(IllegalArgumentException.class, () -> KernelSignature.Type.ofArray(new short[0]));
        assertTrue(shorts.getMessage().endsWith(": short[]"), shorts.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> KernelSignature.Type.ofArray(null));
        assertTrue(none.getMessage().endsWith(": null"), none.getMessage());
        assertEquals(KernelSignature.Type.FLOAT, KernelSignature.Type.parse(" float "));
        assertThrows(IllegalArgumentException.class, () -> KernelSignature.Type.parse("char"));
        assertEquals(4, KernelSignature.Type.INT.bytes());
        assertEquals(8, KernelSignature.Type.LONG.bytes());
        assertEquals(4, KernelSignature.Type.FLOAT.bytes());
        assertEquals(8, KernelSignature.Type.DOUBLE.bytes());
        assertEquals("long", KernelSignature.Type.LONG.openCl());
        assertEquals("long long", KernelSignature.Type.LONG.cuda());
        assertEquals(double[].class, KernelSignature.Type.DOUBLE.arrayType());
    }

    @Test
    void doublesEnableFp64InOpenClAndNowhereElse() {
        String pragma = "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n";
        var doubles = KernelSignature.parse("const double *x, double *y");
        var floats = KernelSignature.parse("const float *x, float *y");
        assertTrue(KernelSources.elementwise(KernelSources.Backend.OPENCL, "k", doubles, "y[i] = x[i]").startsWith(pragma));
        assertFalse(KernelSources.elementwise(KernelSources.Backend.OPENCL, "k", floats, "y[i] = x[i]").contains("fp64"));
        assertFalse(KernelSources.elementwise(KernelSources.Backend.CUDA, "k", doubles, "y[i] = x[i]").contains("pragma"));
        var fx = KernelSignature.parse("const float *x");
        var dx = KernelSignature.parse("const double *x");
        // a double result, or double arguments, each need it
        assertTrue(KernelSources.reduction(KernelSources.Backend.OPENCL, "r", KernelSignature.Type.DOUBLE, "0", "a+b",
                "x[i]", fx).startsWith(pragma));
        assertTrue(KernelSources.reduction(KernelSources.Backend.OPENCL, "r", KernelSignature.Type.FLOAT, "0", "a+b",
                "x[i]", dx).startsWith(pragma));
        assertFalse(KernelSources.reduction(KernelSources.Backend.OPENCL, "r", KernelSignature.Type.FLOAT, "0", "a+b",
                "x[i]", fx).contains("fp64"));
        assertFalse(KernelSources.reduction(KernelSources.Backend.CUDA, "r", KernelSignature.Type.DOUBLE, "0", "a+b",
                "x[i]", dx).contains("pragma"));
        assertEquals("dot_stage1", KernelSources.stage1("dot"));
        assertEquals("dot_stage2", KernelSources.stage2("dot"));
        assertThrows(IllegalArgumentException.class, () -> KernelSources.elementwise(KernelSources.Backend.OPENCL,
                "2fast", floats, "y[i] = x[i]"));
    }

    @Test
    void theMaximumRelativeErrorIsAbsoluteBelowOne() {
        // 1 vs 1: 0; 2 vs 2.5: 0.5 / 2.5 = 0.2; 300 vs 200: 100 / 200 = 0.5
        assertEquals(0.5, MatMulKernels.maxRelativeError(new float[] {1, 2, 300}, new float[] {1, 2.5f, 200}), 1e-12);
        assertEquals(0.25, MatMulKernels.maxRelativeError(new float[] {0.25f}, new float[] {0f}), 1e-12);
        assertEquals(0.75, MatMulKernels.maxRelativeError(new float[] {-0.5f}, new float[] {0.25f}), 1e-12);
        assertEquals(0.0, MatMulKernels.maxRelativeError(new float[0], new float[0]));
        assertEquals(16, MatMulKernels.padded(1));
        assertEquals(16, MatMulKernels.padded(16));
        // a 2 x 2 product that is not symmetric in A and B
        assertArrayEquals(new float[] {23, 34, 31, 46}, MatMulKernels.reference(new float[] {5, 6, 7, 8},
                new float[] {1, 2, 3, 4}, 2));
    }
}
