package org.parallelcookbook.gpu.opencl;

import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseProgram;

import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_device_id;
import org.jocl.cl_program;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A program built for one device ({@code clCreateProgramWithSource} + {@code clBuildProgram}). */
public final class ClProgram implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClProgram.class);

    private final OpenClContext cl;
    private final cl_program program;

    private ClProgram(OpenClContext cl, cl_program program) {
        this.cl = cl;
        this.program = program;
    }

    static ClProgram build(OpenClContext cl, String source, String options) {
        var program = clCreateProgramWithSource(cl.context(), 1, new String[] {source}, null, null);
        try {
            clBuildProgram(program, 1, new cl_device_id[] {cl.device().id()}, options, null, null);
        } catch (CLException e) {
            String log = buildLog(cl, program);
            clReleaseProgram(program);
            throw new OpenClBuildException(cl.device().describe(), log.isBlank() ? e.getMessage() : log);
        }
        String log = buildLog(cl, program);
        if (!log.isBlank()) {
            LOG.debug("build log on {}:\n{}", cl.device().describe(), log);
        }
        return new ClProgram(cl, program);
    }

    private static String buildLog(OpenClContext cl, cl_program program) {
        long[] size = new long[1];
        clGetProgramBuildInfo(program, cl.device().id(), CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        clGetProgramBuildInfo(program, cl.device().id(), CL_PROGRAM_BUILD_LOG, buffer.length, Pointer.to(buffer), null);
        int n = buffer.length;
        while (n > 0 && buffer[n - 1] == 0) {
            n--;
        }
        return new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    /** A kernel ({@code clCreateKernel}) of this program. */
    public ClKernel kernel(String name) {
        return new ClKernel(cl, org.jocl.CL.clCreateKernel(program, name, null), name);
    }

    public cl_program program() {
        return program;
    }

    @Override
    public void close() {
        clReleaseProgram(program);
    }
}
