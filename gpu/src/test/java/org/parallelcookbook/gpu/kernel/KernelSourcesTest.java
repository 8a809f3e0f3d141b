package org.parallelcookbook.gpu.kernel;

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
}
