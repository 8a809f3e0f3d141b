package org.parallelcookbook.gpu.opencl;

/** A program did not compile for the device; the message ends with the compiler's build log. */
public final class OpenClBuildException extends RuntimeException {
    private final String log;

    public OpenClBuildException(String device, String log) {
        super("OpenCL program failed to build for " + device + "; build log:\n" + log);
        this.log = log;
    }

    /** The compiler's build log. */
    public String log() {
        return log;
    }
}
