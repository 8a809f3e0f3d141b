package org.parallelcookbook.examples.mandelbrot;

/**
 * One way of rendering the Mandelbrot set: one parallel model of the cookbook. A model may need
 * machinery (worker JVMs, MPJ ranks, cluster members, an OpenCL context): {@link #start} builds it
 * and is timed separately from rendering, so the comparison shows when each model pays for itself.
 */
public interface MandelbrotModel extends AutoCloseable {

    /** Short name used on the command line ({@code --models}). */
    String name();

    /** The chapter of the cookbook whose machinery the model uses. */
    String chapter();

    /** Null when the model can run here, otherwise why not (no CUDA device, no MPJ Express, ...). */
    default String unavailableReason() {
        return null;
    }

    /** Builds the model's machinery for {@code workers} workers (threads, JVMs, ranks, members). */
    default void start(int workers) throws Exception {
    }

    /** Renders the whole grid; row-major iteration counts. */
    int[] render(MandelbrotSpec spec, int workers) throws Exception;

    /** What the reader should know about the run (device used, grain, ...). */
    default String notes() {
        return "";
    }

    /**
     * How many workers this model really used for {@code requested}, asked after its first render:
     * an OpenCL device counts its compute units, virtual threads their carriers.
     */
    default int effectiveWorkers(int requested) {
        return requested;
    }

    @Override
    default void close() throws Exception {
    }
}
