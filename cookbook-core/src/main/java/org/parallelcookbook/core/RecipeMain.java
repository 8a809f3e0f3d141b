package org.parallelcookbook.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one place where a recipe's {@code main} turns problems into exit statuses. A recipe writes
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     RecipeMain.run(args, a -> {
 *         int n = RecipeMain.intArg(a, 0, "count", 5);
 *         System.out.println(compute(n));
 *     });
 * }
 * }</pre>
 *
 * and gets: bad arguments ({@link UsageException}) print one line and exit 2; a missing runtime
 * ({@link UnavailableException}) prints one line and exits 77; any other failure prints the
 * exception (one line, or the stack trace with {@code -Dcookbook.trace=true}) and exits 1. When the
 * body returns normally the method returns too, so non-daemon threads a recipe left on purpose
 * keep the JVM alive exactly as in the book. This is the only class of the library that calls
 * {@code System.exit}, and only from a program's main thread.
 */
public final class RecipeMain {

    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_UNAVAILABLE = 77;

    /** The body of a recipe's main. */
    @FunctionalInterface
    public interface Body {
        void run(String[] args) throws Exception;
    }

    private RecipeMain() {
    }

    public static void run(String[] args, Body body) {
        int status = runAndReport(args, body);
        if (status != 0) {
            System.out.flush();
            System.exit(status);
        }
    }

    /** Runs the body and returns the exit status {@link #run} would use, without exiting. */
    public static int runAndReport(String[] args, Body body) {
        try {
            body.run(args);
            return 0;
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            return EXIT_USAGE;
        } catch (UnavailableException e) {
            System.err.println("unavailable: " + e.getMessage());
            return EXIT_UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("interrupted");
            return EXIT_FAILURE;
        } catch (Exception | Error e) {
            if (Boolean.getBoolean("cookbook.trace")) {
                e.printStackTrace();
            } else {
                System.err.println("failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
                        + "  (run with -Dcookbook.trace=true for the stack trace)");
            }
            return EXIT_FAILURE;
        }
    }

    /** Positional int argument with a default, validated to be at least {@code min}. */
    public static int intArg(String[] args, int index, String name, int defaultValue, int min) {
        if (args.length <= index) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(args[index].strip());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, got '" + args[index] + "'");
        }
        if (value < min) {
            throw new UsageException(name + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    /** Positional long argument with a default, validated to be at least {@code min}. */
    public static long longArg(String[] args, int index, String name, long defaultValue, long min) {
        if (args.length <= index) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(args[index].strip());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, got '" + args[index] + "'");
        }
        if (value < min) {
            throw new UsageException(name + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    /**
     * The value of an option {@code --name value} or {@code --name=value}, or the default.
     * A present option without a value is a usage error.
     */
    public static String option(String[] args, String name, String defaultValue) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name)) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name + " needs a value");
                }
                return args[i + 1];
            }
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        return defaultValue;
    }

    /** An int option {@code --name N} (see {@link #option}), validated to be at least {@code min}. */
    public static int intOption(String[] args, String name, int defaultValue, int min) {
        String raw = option(args, name, null);
        if (raw == null) {
            return defaultValue;
        }
        return intArg(new String[] {raw}, 0, name, defaultValue, min);
    }

    /** True when the flag is present. */
    public static boolean flag(String[] args, String name) {
        return Arrays.asList(args).contains(name);
    }

    /** The arguments that are neither options named in {@code optionsWithValue} nor their values, nor flags ({@code --x}). */
    public static List<String> positional(String[] args, String... optionsWithValue) {
        List<String> withValue = List.of(optionsWithValue);
        List<String> result = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (withValue.contains(a)) {
                i++;
            } else if (!a.startsWith("--")) {
                result.add(a);
            }
        }
        return result;
    }

    /** Formats seconds for humans: "12.3 ms", "1.20 s". */
    public static String seconds(double s) {
        if (s < 1e-3) {
            return String.format(Locale.ROOT, "%.1f us", s * 1e6);
        }
        if (s < 1) {
            return String.format(Locale.ROOT, "%.1f ms", s * 1e3);
        }
        return String.format(Locale.ROOT, "%.2f s", s);
    }
}
