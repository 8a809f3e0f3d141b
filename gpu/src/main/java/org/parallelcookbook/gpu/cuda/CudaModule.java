package org.parallelcookbook.gpu.cuda;

import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * A module loaded from NVRTC's output ({@code cuModuleLoadData}): a CUBIN for the device's
 * architecture or, as the fallback, PTX; unloaded by {@link #close()}.
 */
public final class CudaModule implements AutoCloseable {
    private final CUmodule module;
    private final String format;
    private final String ptx;

    CudaModule(CUmodule module, String format, String ptx) {
        this.module = module;
        this.format = format;
        this.ptx = ptx;
    }

    /** Which image was loaded: {@code "CUBIN sm_90"} or {@code "PTX (...why the CUBIN was not used)"}. */
    public String format() {
        return format;
    }

    /** {@code cuModuleGetFunction}: an {@code extern "C" __global__} function by name. */
    public CUfunction function(String name) {
        var f = new CUfunction();
        JCudaDriver.cuModuleGetFunction(f, module, name);
        return f;
    }

    /** The PTX assembly NVRTC produced (what the driver JIT-compiles for the GPU); null when a CUBIN was loaded. */
    public String ptx() {
        return ptx;
    }

    @Override
    public void close() {
        JCudaDriver.cuModuleUnload(module);
    }
}
