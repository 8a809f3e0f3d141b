package org.parallelcookbook.gpu.opencl;

import org.jocl.CL;
import org.jocl.cl_mem;

/** A device buffer ({@code cl_mem}) of a known size, released by {@link #close()}. */
public record ClBuffer(cl_mem mem, long bytes) implements AutoCloseable {
    @Override
    public void close() {
        CL.clReleaseMemObject(mem);
    }
}
