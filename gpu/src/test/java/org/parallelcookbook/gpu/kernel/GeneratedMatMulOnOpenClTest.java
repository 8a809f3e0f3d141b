package org.parallelcookbook.gpu.kernel;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_WRITE_ONLY;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.gpu.opencl.OpenClContext;
import org.parallelcookbook.gpu.opencl.OpenClDevices;

/**
 * The OpenCL C that {@link MatMulGenerator} writes, compiled and run on the chapter's OpenCL device
 * (PoCL here) for small shapes of each kind (scalar and vector registers, with and without a local
 * tile of B) at sizes that are no multiple of any block, against the CPU reference. Small sizes
 * keep it quick; the ladder's own test runs the device-sized shapes at n = 1024.
 */
@Timeout(300)
class GeneratedMatMulOnOpenClTest {

    static final List<MatMulBlocking> SHAPES = List.of(
            MatMulBlocking.registers(4, 4, 1),   // scalar registers
            MatMulBlocking.registers(3, 2, 2),   // float2 vectors, an odd number of rows
            MatMulBlocking.registers(2, 1, 4),   // float4
            new MatMulBlocking(4, 1, 4, 8, 4),   // a local tile of B, float4 (the vector copy)
            new MatMulBlocking(2, 2, 2, 4, 2),   // a local tile, two float2 per row: the partial store of the second vector
            new MatMulBlocking(2, 2, 1, 4, 2));  // a local tile of B, scalars

    private static OpenClContext cl;

    @BeforeAll
    static void open() {
        cl = OpenClContext.open(OpenClDevices.choose());
    }

    @AfterAll
    static void close() {
        if (cl != null) {
            cl.close();
        }
    }

    @Test
    void everyShapeMultipliesCorrectlyAtSizesOffItsBlocks() {
        List<String> bad = new ArrayList<>();
        for (var shape : SHAPES) {
            try (var program = cl.build(MatMulGenerator.source(MatMulGenerator.Dialect.OPENCL, shape));
                 var kernel = program.kernel(shape.kernelName())) {
                for (int n : new int[] {1, 5, 13, 20}) {
                    float[] a = random(n * n, n);
                    float[] b = random(n * n, n + 100);
                    float[] c = new float[n * n];
                    try (var bufA = cl.buffer(CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, a);
                         var bufB = cl.buffer(CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, b);
                         var bufC = cl.buffer(CL_MEM_WRITE_ONLY, (long) n * n * Float.BYTES)) {
                        kernel.args(n, bufA, bufB, bufC).launch(shape.global(n), shape.local());
                        cl.read(bufC, c);
                    }
                    double err = MatMulKernels.maxRelativeError(c, MatMulKernels.reference(a, b, n));
                    if (!(err < 1e-4)) {
                        bad.add(shape.kernelName() + " n = " + n + ": max relative error " + err);
                    }
                }
            }
        }
        assertTrue(bad.isEmpty(), bad.toString());
    }

    private static float[] random(int length, long seed) {
        var r = new SplittableRandom(seed);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }
}
