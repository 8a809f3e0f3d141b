package org.parallelcookbook.gpu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated kernels' text. Where {@code nvcc} is installed (a CUDA toolkit needs no GPU), the
 * CUDA twins are compiled to PTX here, so a syntax or type error shows before any NVIDIA machine
 * runs them.
 */
@Timeout(300)
class MatMulGeneratorTest {

    static final List<MatMulBlocking> CUDA_SHAPES = List.of(MatMulBlocking.registers(4, 4, 1),
            MatMulBlocking.registers(4, 1, 4), new MatMulBlocking(4, 1, 4, 512, 128), new MatMulBlocking(2, 2, 2, 16, 8));

    @Test
    void theTextHasOneNamedAccumulatorPerRegisterAndNoLoopOverTheBlock() {
        var p = MatMulBlocking.registers(8, 2, 16);
        String cl = MatMulGenerator.source(MatMulGenerator.Dialect.OPENCL, p);
        assertTrue(cl.contains("__kernel void " + p.kernelName() + "("), cl);
        assertTrue(cl.contains("float16 c7_1 = "), cl);
        assertFalse(cl.contains("c8_0"), cl);
        assertTrue(cl.contains("vload16(1, bk)"), cl);
        String cuda = MatMulGenerator.source(MatMulGenerator.Dialect.CUDA, p);
        assertTrue(cuda.contains("extern \"C\" __global__ void " + p.kernelName() + "("), cuda);
        assertTrue(cuda.contains("float c7_1_15 = 0.0f;"), cuda);
        assertFalse(cuda.contains("vload") || cuda.contains("__local") || cuda.contains("get_global_id"), cuda);
        var local = new MatMulBlocking(4, 1, 4, 64, 32);
        String lc = MatMulGenerator.source(MatMulGenerator.Dialect.CUDA, local);
        assertTrue(lc.contains("__shared__ float tb[256];") && lc.contains("__syncthreads();"), lc);
        assertEquals("matmul_4x1xfloat4_k64_g32", local.kernelName());
    }

    @Test
    void nvccCompilesEveryCudaShapeToPtx(@TempDir Path dir) throws Exception {
        Path nvcc = List.of("/usr/local/cuda/bin/nvcc", "/usr/local/bin/nvcc", "/usr/bin/nvcc").stream().map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(nvcc != null, "nvcc (a CUDA toolkit) is not installed: the CUDA kernel text is not compiled here");
        String all = MatMulKernels.CUDA + String.join("\n", CUDA_SHAPES.stream()
                .map(b -> MatMulGenerator.source(MatMulGenerator.Dialect.CUDA, b)).toList());
        Path cu = Files.writeString(dir.resolve("ladder.cu"), all);
        var proc = new ProcessBuilder(nvcc.toString(), "-ptx", "-arch=compute_75", "-o", dir.resolve("ladder.ptx").toString(),
                cu.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes());
        assertTrue(proc.waitFor(240, TimeUnit.SECONDS), "nvcc did not finish");
        assertEquals(0, proc.exitValue(), out);
        String ptx = Files.readString(dir.resolve("ladder.ptx"));
        for (var b : CUDA_SHAPES) {
            assertTrue(ptx.contains(".entry " + b.kernelName()), b.kernelName());
        }
        assertTrue(ptx.contains(".entry matmul_tiled"));
    }

    @Test
    void theCudaTextHasEveryScalarOfTheBlockOnceInEachRole() {
        // CUDA runs only on an NVIDIA GPU (and compiles here only where nvcc is installed): what can be
        // checked here is that each of the rows x vectors x width accumulators is declared, updated
        // once per k and stored once, from one named scalar of B per column
        for (var p : List.of(MatMulBlocking.registers(3, 2, 4), new MatMulBlocking(2, 2, 2, 16, 8))) {
            String cuda = MatMulGenerator.source(MatMulGenerator.Dialect.CUDA, p);
            int accumulators = p.rows() * p.blockWidth();
            assertEquals(accumulators, count(cuda, "float c\\d+_\\d+_\\d+ = 0\\.0f;"), cuda);
            assertEquals(accumulators, count(cuda, "(c\\d+_\\d+_\\d+) = fmaf\\(x, b\\d+_\\d+, \\1\\);"), cuda);
            assertEquals(accumulators, count(cuda, "if \\(col0 \\+ \\d+ < n\\) dst\\[\\d+\\] = c\\d+_\\d+_\\d+;"), cuda);
            assertEquals(p.blockWidth(), count(cuda, "const float b\\d+_\\d+ = bk\\[\\d+\\];"), cuda);
            assertEquals(p.rows(), count(cuda, "\\{ const float x = a\\d+\\["), cuda);
            // columns from x, rows from y
            assertTrue(cuda.contains("const int row0 = (blockIdx.y * blockDim.y + threadIdx.y) * " + p.rows() + ";"), cuda);
            if (!p.usesLocal()) {
                assertTrue(cuda.contains("const int col0 = (blockIdx.x * blockDim.x + threadIdx.x) * " + p.blockWidth() + ";"), cuda);
            }
            // the last accumulator, by name, in each role
            int m = p.rows() - 1;
            int v = p.vectors() - 1;
            int j = p.width() - 1;
            int col = v * p.width() + j;
            String acc = "c" + m + "_" + v + "_" + j;
            assertTrue(cuda.contains("float " + acc + " = 0.0f;"), cuda);
            assertTrue(cuda.contains(acc + " = fmaf(x, b" + v + "_" + j + ", " + acc + ");"), cuda);
            assertTrue(cuda.contains("const float b" + v + "_" + j + " = bk[" + col + "];"), cuda);
            assertTrue(cuda.contains("if (col0 + " + col + " < n) dst[" + col + "] = " + acc + ";"), cuda);
            assertTrue(cuda.startsWith("// generated by MatMulGenerator: " + p.describe() + "\n"
                    + "extern \"C\" __global__ void " + p.kernelName() + "(const int n, const float *a, const float *b, float *c) {\n"), cuda);
        }
    }

    private static int count(String text, String regex) {
        var m = java.util.regex.Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
