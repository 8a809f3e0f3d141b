package org.parallelcookbook.gpu.cuda;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/** Device memory from {@code cuMemAlloc}, freed by {@link #close()} ({@code cuMemFree}). */
public record CudaBuffer(CUdeviceptr pointer, long bytes) implements AutoCloseable {
    @Override
    public void close() {
        JCudaDriver.cuMemFree(pointer);
    }
}
