package org.parallelcookbook.mpi.launch;

/** A run of MPI ranks that did not succeed: a rank threw, the run timed out, or MPJ's runtime failed. */
public final class MpiRunException extends RuntimeException {

    private final transient MpiResult result;

    public MpiRunException(String message, MpiResult result) {
        super(message);
        this.result = result;
    }

    /** Everything known about the run (per-rank states and output). */
    public MpiResult result() {
        return result;
    }
}
