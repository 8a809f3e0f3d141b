package org.parallelcookbook.gpu.kernel;

import java.util.function.Function;

/**
 * What every generated kernel of the chapter has, whatever the backend: a name, the parsed argument
 * list, the source generated from it, and a description of the device that runs it. The OpenCL
 * and CUDA twins of {@link ElementwiseKernel} and {@link ReductionKernel} extend it, so they differ
 * only in how they build and launch.
 */
public abstract class GeneratedKernel {

    protected final String name;
    protected final KernelSignature signature;
    protected final String source;
    private final String device;

    /**
     * @param name      the kernel's name
     * @param signature its parsed arguments
     * @param generator writes the source for the signature (a {@link KernelSources} method)
     * @param device    "OpenCL: ..." or "CUDA: ..."
     */
    protected GeneratedKernel(String name, KernelSignature signature, Function<KernelSignature, String> generator,
                              String device) {
        this.name = name;
        this.signature = signature;
        this.source = generator.apply(signature);
        this.device = device;
    }

    public String name() {
        return name;
    }

    public KernelSignature signature() {
        return signature;
    }

    public String source() {
        return source;
    }

    public String device() {
        return device;
    }
}
