package org.parallelcookbook.mpi.launch;

/** The MPJ Express device a run uses. */
public enum Device {
    /** All ranks as threads of one JVM, one class loader each ({@code -dev multicore}, MPJ's smpdev). */
    MULTICORE("multicore"),
    /** One JVM per rank, started by MPJ daemons on the hosts of a machines file, talking over TCP. */
    NIODEV("niodev");

    private final String mpjName;

    Device(String mpjName) {
        this.mpjName = mpjName;
    }

    /** The name {@code MPJRun -dev} takes. */
    public String mpjName() {
        return mpjName;
    }

    /** Parses {@code multicore} or {@code niodev} (case-insensitive). */
    public static Device parse(String name) {
        for (Device d : values()) {
            if (d.mpjName.equalsIgnoreCase(name.strip())) {
                return d;
            }
        }
        throw new IllegalArgumentException("device must be multicore or niodev, got '" + name + "'");
    }
}
