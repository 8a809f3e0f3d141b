package org.parallelcookbook.gpu;

import java.util.Locale;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.gpu.cuda.CudaContext;

/**
 * <b>How to build a PyCUDA application</b> (book chapter 6).
 *
 * <p>The five steps of every CUDA program: allocate device memory ({@code cuMemAlloc}), copy the
 * input in ({@code cuMemcpyHtoD}), configure and launch the kernel ({@code cuLaunchKernel} with a
 * grid and a block shape), copy the result out ({@code cuMemcpyDtoH}), free ({@code cuMemFree}).
 * The book doubles a random 5×5 float matrix with one block of 5×5 threads; threads are scheduled
 * in warps of 32, so the 25 threads fill one warp, and divergent branches inside a warp run one
 * after the other.
 *
 * <p><b>Book bug, reproduced:</b> the book's kernel indexes {@code a[threadIdx.x + threadIdx.y*4]}:
 * a row stride of 4 for a matrix 5 wide. Thread (4, y) and thread (0, y+1) hit the same element,
 * and elements 21..24 are never touched, so the last row comes back partly undoubled (visible in
 * the book's own output; its prose also miscounts the threads). {@link #BOOK_KERNEL} keeps the bug
 * ({@code --book-bug} runs it), {@link #KERNEL} uses stride = width.
 *
 * <p><b>Java vs Python:</b> PyCUDA's {@code SourceModule} calls {@code nvcc}; here NVRTC compiles
 * the kernel at run time inside the JVM ({@link CudaContext#compile}), so no CUDA toolkit is needed
 * beyond the runtime libraries. Every device allocation sits in try-with-resources.
 *
 * <p>Run: {@code ./cookbook run ch6.cuda-app [--book-bug] [--seed 42]} (needs an NVIDIA GPU).
 */
@Recipe(id = "ch6.cuda-app", chapter = 6, title = "How to build a PyCUDA application")
public final class CudaDoubleMatrix {

    /** Correct: row stride = width. */
    public static final String KERNEL = """
            extern "C" __global__ void doubleMatrix(float *a, const int width) {
                int idx = threadIdx.x + threadIdx.y * width;
                a[idx] *= 2.0f;
            }
            """;

    /** The book's kernel: stride 4 for a 5-wide matrix. */
    public static final String BOOK_KERNEL = """
            extern "C" __global__ void doubleMatrix(float *a, const int width) {
                int idx = threadIdx.x + threadIdx.y * 4;
                a[idx] *= 2.0f;
            }
            """;

    private CudaDoubleMatrix() {
    }

    /** Input, output and the device. */
    public record Result(float[] input, float[] output, int width, String device) {
    }

    /** Doubles a width×width matrix with one block of width×width threads (width ≤ 32). */
    public static Result doubleMatrix(float[] a, int width, boolean bookBug) {
        if (a.length != width * width || width < 1 || width > 32) {
            throw new IllegalArgumentException("need a width x width matrix, 1 <= width <= 32");
        }
        float[] out = a.clone();
        try (var cuda = CudaContext.open(null);
             var module = cuda.compile(bookBug ? BOOK_KERNEL : KERNEL, "double_matrix.cu");
             var device = cuda.copyOf(out)) {                                // 1. allocate, 2. copy in
            var f = module.function("doubleMatrix");
            cuda.launch(f, new int[] {1, 1}, new int[] {width, width}, 0, device, width); // 3. launch (1,1,1),(5,5,1)
            cuda.read(device, out);                                           // 4. copy out
            return new Result(a.clone(), out, width, cuda.describe());
        }                                                                     // 5. free
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(CudaDoubleMatrix.class)
                .intOption("--seed", 42, 0, Integer.MAX_VALUE, "seed of the random matrix")
                .flag("--book-bug", "launch the book's grid (shows the cells it leaves untouched)");
        RecipeMain.run(args, options, opt -> {
            boolean bookBug = opt.flag("--book-bug");
            long seed = opt.intValue("--seed");
            int width = 5;
            var r = doubleMatrix(HostArrays.randomNormalFloats(width * width, seed), width, bookBug);
            System.out.println("device: " + r.device());
            System.out.print("original matrix:\n" + HostArrays.format(r.input(), width, width));
            System.out.print("doubled matrix" + (bookBug ? " (book's kernel, stride 4)" : "") + ":\n"
                    + HostArrays.format(r.output(), width, width));
            int doubled = 0;
            for (int i = 0; i < r.input().length; i++) {
                doubled += r.output()[i] == 2 * r.input()[i] ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "%d of %d elements exactly doubled%n", doubled, r.input().length);
        });
    }
}
