package org.parallelcookbook.core;

/**
 * Something the recipe needs is not on this machine (a CUDA device, an OpenCL platform, MPJ
 * Express). The message says what is missing and how to get it; {@link RecipeMain} prints it on one
 * line and exits with status {@value RecipeMain#EXIT_UNAVAILABLE}, which {@code cookbook tour}
 * reports as skipped, not failed.
 */
public final class UnavailableException extends RuntimeException {
    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
