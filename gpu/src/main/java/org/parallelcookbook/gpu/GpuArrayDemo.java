package org.parallelcookbook.gpu;

import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.gpu.cuda.CudaContext;
import org.parallelcookbook.gpu.cuda.GpuArray;

/**
 * <b>Kernel invocations with GPUArray</b> (book chapter 6).
 *
 * <p>PyCUDA's {@code gpuarray.GPUArray} is a NumPy-like array that lives in device memory:
 * {@code a_gpu = gpuarray.to_gpu(randn(4, 4))}, and arithmetic such as {@code 2 * a_gpu} runs as a
 * generated kernel on the GPU; {@code .get()} copies the result back. The book also mentions
 * {@code pycuda.cumath} and {@code pycuda.curandom}. (Its printed output is 5×5 and shows halved
 * values, which the 4×4 doubling code cannot produce.)
 *
 * <p><b>Java vs Python:</b> {@link GpuArray} is a deliberately small analogue: a device pointer
 * plus a shape, {@code toDevice}, {@code times(s)} (a generated element-wise kernel, compiled once
 * per context; the result is a new device array), {@code get()}, and {@code close()} for the
 * device memory that Python frees when the object is collected.
 *
 * <p>Run: {@code ./cookbook run ch6.cuda-gpuarray [--seed 42]} (needs an NVIDIA GPU).
 */
@Recipe(id = "ch6.cuda-gpuarray", chapter = 6, title = "Kernel invocations with GPUArray")
public final class GpuArrayDemo {

    private GpuArrayDemo() {
    }

    /** The data after a round trip and after doubling on the device. */
    public record Result(float[] original, float[] roundTrip, float[] doubled, String device) {
    }

    public static Result run(float[] a, int rows, int cols) {
        try (var cuda = CudaContext.open(null);
             var aGpu = GpuArray.toDevice(cuda, a, rows, cols);
             var twice = aGpu.times(2f)) {
            return new Result(a.clone(), aGpu.get(), twice.get(), cuda.describe());
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(GpuArrayDemo.class)
                .intOption("--seed", 42, 0, Integer.MAX_VALUE, "seed of the random array");
        RecipeMain.run(args, options, opt -> {
            long seed = opt.intValue("--seed");
            var r = run(HostArrays.randomNormalFloats(16, seed), 4, 4);
            System.out.println("device: " + r.device());
            System.out.print("a =\n" + HostArrays.format(r.original(), 4, 4));
            System.out.print("(2 * a_gpu).get() =\n" + HostArrays.format(r.doubled(), 4, 4));
        });
    }
}
