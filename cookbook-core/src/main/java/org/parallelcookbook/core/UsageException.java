package org.parallelcookbook.core;

/**
 * Bad arguments given to a recipe. {@link RecipeMain} prints the message on one line and exits
 * with status {@value RecipeMain#EXIT_USAGE}, never with a stack trace.
 */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
