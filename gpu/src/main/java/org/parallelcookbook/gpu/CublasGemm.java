package org.parallelcookbook.gpu;

import static jcuda.jcublas.JCublas2.cublasCreate;
import static jcuda.jcublas.JCublas2.cublasDestroy;
import static jcuda.jcublas.JCublas2.cublasDgemm;
import static jcuda.jcublas.cublasOperation.CUBLAS_OP_N;

import java.util.Locale;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.measure.Clock;
import org.parallelcookbook.core.measure.Measurer;
import org.parallelcookbook.gpu.cuda.CudaContext;
import org.parallelcookbook.gpu.cuda.CudaSupport;

/**
 * <b>Using GPU-accelerated libraries with NumbaPro</b> (book chapter 6).
 *
 * <p>NVIDIA ships tuned libraries: cuBLAS (dense linear algebra, levels 1-3), cuFFT, cuRAND,
 * cuSPARSE. The book multiplies two random 10×10 double matrices with NumPy's {@code dot} and with
 * cuBLAS {@code gemm('T', 'T', 10, 10, 10, 1.0, A, B, 1.0, D)} into a zero, Fortran-ordered D,
 * prints both times and a max error of 0.0.
 *
 * <p><b>The ordering trap:</b> BLAS is column-major (Fortran); Java arrays, like NumPy's default,
 * are row-major. A row-major matrix read as column-major is its transpose. The book therefore asks
 * gemm to transpose both inputs ('T','T') and gets D = A·B back in column-major order. Here the
 * other classic trick is used, which needs no transposes and leaves C row-major: since
 * (A·B)<sup>T</sup> = B<sup>T</sup>·A<sup>T</sup>, call {@code cublasDgemm(N, N, n, m, k, alpha,
 * B, n, A, k, beta, C, n)}: cuBLAS computes B<sup>T</sup>·A<sup>T</sup> in column-major, which is
 * exactly A·B in row-major.
 *
 * <p><b>alpha and beta:</b> gemm computes C = alpha·op(A)·op(B) + beta·C. With beta = 0 the old C
 * is ignored; with beta = 1 (the book's call) the product is <i>added</i> to C, which is why the
 * book must start from a zero D. The test checks both.
 *
 * <p>Run: {@code ./cookbook run ch6.numbapro-libs [--size 10] [--seed 42]} (needs an NVIDIA GPU
 * and cuBLAS 12).
 */
@Recipe(id = "ch6.numbapro-libs", chapter = 6, title = "Using GPU-accelerated libraries with NumbaPro")
public final class CublasGemm {

    private CublasGemm() {
    }

    /** The result, the CPU product and the GPU time (host clock, includes copies). */
    public record Result(double[] d, double[] cpu, double gpuSeconds, double cpuSeconds, String device) {
    }

    /**
     * D = alpha·A·B + beta·D0 for row-major A (m×k), B (k×n), D0 (m×n), on cuBLAS.
     */
    public static Result gemm(double alpha, double[] a, double[] b, double beta, double[] d0, int m, int k, int n) {
        if (a.length != m * k || b.length != k * n || d0.length != m * n) {
            throw new IllegalArgumentException("A must be m x k, B k x n, D m x n");
        }
        CudaSupport.requireCublas();
        double[] d = d0.clone();
        try (var cuda = CudaContext.open(null)) {
            JCublas2.setExceptionsEnabled(true);
            var handle = new cublasHandle();
            cublasCreate(handle);
            try (var da = cuda.copyOf(a); var db = cuda.copyOf(b); var dd = cuda.copyOf(d)) {
                var gpu = Measurer.once(Clock.system(), () -> {
                    cuda.write(dd, d0);
                    // row-major A·B == column-major B^T·A^T: swap the operands, no transposes
                    cublasDgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, n, m, k, Pointer.to(new double[] {alpha}),
                            db.pointer(), n, da.pointer(), k, Pointer.to(new double[] {beta}), dd.pointer(), n);
                    cuda.read(dd, d);
                    return d;
                });
                var cpu = Measurer.once(Clock.system(), () -> reference(alpha, a, b, beta, d0, m, k, n));
                return new Result(d, cpu.value(), gpu.seconds(), cpu.seconds(), cuda.describe());
            } finally {
                cublasDestroy(handle);
            }
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** alpha·A·B + beta·D0 on the CPU. */
    public static double[] reference(double alpha, double[] a, double[] b, double beta, double[] d0, int m, int k, int n) {
        double[] d = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                d[i * n + j] = alpha * s + beta * d0[i * n + j];
            }
        }
        return d;
    }

    public static double maxError(double[] x, double[] y) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]));
        }
        return worst;
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(CublasGemm.class)
                .intOption("--size", 10, 1, Integer.MAX_VALUE, "rows and columns of the square matrices")
                .intOption("--seed", 42, 0, Integer.MAX_VALUE, "seed of the random matrices");
        RecipeMain.run(args, options, opt -> {
            int size = opt.intValue("--size");
            long seed = opt.intValue("--seed");
            double[] x = HostArrays.randomDoubles(size * size, seed);
            double[] y = HostArrays.randomDoubles(size * size, seed + 1);
            var r = gemm(1.0, x, y, 1.0, new double[size * size], size, size, size);
            System.out.println("device: " + r.device());
            System.out.printf(Locale.ROOT, "CPU (Java triple loop) time: %s%n", RecipeMain.seconds(r.cpuSeconds()));
            System.out.printf(Locale.ROOT, "cuBLAS dgemm time (with copies): %s%n", RecipeMain.seconds(r.gpuSeconds()));
            System.out.printf(Locale.ROOT, "max |D - A.B| = %.3g%n", maxError(r.d(), r.cpu()));
        });
    }
}
