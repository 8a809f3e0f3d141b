package org.parallelcookbook.gpu.cuda;

import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/** A module loaded from NVRTC's PTX ({@code cuModuleLoadData}), unloaded by {@link #close()}. */
public final class CudaModule implements AutoCloseable {
    private final CUmodule module;
    private final String ptx;

    CudaModule(CUmodule module, String ptx) {
        this.module = module;
        this.ptx = ptx;
    }

    /** {@code cuModuleGetFunction}: an {@code extern "C" __global__} function by name. */
    public CUfunction function(String name) {
        var f = new CUfunction();
        JCudaDriver.cuModuleGetFunction(f, module, name);
        return f;
    }

    /** The PTX assembly NVRTC produced (what the driver JIT-compiles for the GPU). */
    public String ptx() {
        return ptx;
    }

    @Override
    public void close() {
        JCudaDriver.cuModuleUnload(module);
    }
}
