package org.parallelcookbook.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one place where a recipe's {@code main} turns problems into exit statuses. A recipe declares
 * its options with {@link RecipeOptions} and writes
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     var options = RecipeOptions.of(DefineThread.class)
 *             .intPositional("threads", 5, 1, 10_000, "how many threads to start");
 *     RecipeMain.run(args, options, o -> System.out.println(compute(o.intValue("threads"))));
 * }
 * }</pre>
 *
 * and gets: {@code -h}/{@code --help} prints the options with their defaults and runs nothing
 * (exit 0); an unknown option, a malformed value or any other bad argument ({@link UsageException})
 * prints one line and exits 2; a missing runtime ({@link UnavailableException}) prints one line
 * and exits 77; any other failure prints the exception (one line, or the stack trace with
 * {@code -Dcookbook.trace=true}) and exits 1. When the body returns normally the method returns
 * too, so non-daemon threads a recipe left on purpose keep the JVM alive exactly as in the book.
 * This is the only class of the library that calls {@code System.exit}, and only from a program's
 * main thread; {@link #statusOf} runs a {@code main} in-process and returns its status instead
 * (the {@code cookbook run} command and the tests use it).
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

    /** The body of a recipe's main, given the parsed options. */
    @FunctionalInterface
    public interface OptionsBody {
        void run(RecipeOptions.Values options) throws Exception;
    }

    /** A {@code main} that {@link #statusOf} runs. */
    @FunctionalInterface
    public interface Main {
        void run() throws Exception;
    }

    /** Thrown instead of {@code System.exit} while {@link #statusOf} runs a main on this thread. */
    private static final class ExitRequest extends RuntimeException {
        final int status;

        ExitRequest(int status) {
            super("exit " + status, null, false, false);
            this.status = status;
        }
    }

    private static final ThreadLocal<Boolean> IN_PROCESS = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<java.util.function.Consumer<RecipeOptions>> DESCRIBE = new ThreadLocal<>();

    /**
     * Parses {@code args} against {@code options}, then runs the body; {@code --help} prints the
     * help page and returns without running it. Statuses as described in the class comment.
     */
    public static void run(String[] args, RecipeOptions options, OptionsBody body) {
        exit(runAndReport(args, options, body));
    }

    /** Like {@link #run(String[], RecipeOptions, OptionsBody)}, returning the status instead of exiting. */
    public static int runAndReport(String[] args, RecipeOptions options, OptionsBody body) {
        var describe = DESCRIBE.get();
        if (describe != null) {
            describe.accept(options);
            return 0;
        }
        if (RecipeOptions.wantsHelp(args)) {
            System.out.print(options.help());
            System.out.flush();
            return 0;
        }
        return runAndReport(args, a -> body.run(options.parse(a)));
    }

    /**
     * A body that parses its arguments itself (a program whose options are not a recipe's, or a
     * child-process mode). Recipes declare {@link RecipeOptions} instead.
     */
    public static void run(String[] args, Body body) {
        exit(runAndReport(args, body));
    }

    private static void exit(int status) {
        if (status != 0) {
            System.out.flush();
            if (IN_PROCESS.get()) {
                throw new ExitRequest(status);
            }
            System.exit(status);
        }
    }

    /**
     * Runs a {@code main} on this thread and returns the status it would exit with (0 when it
     * returns normally), without ending the JVM. Failures outside {@code RecipeMain.run} are reported
     * as {@link #runAndReport(String[], Body)} reports them.
     */
    public static int statusOf(Main main) {
        boolean before = IN_PROCESS.get();
        IN_PROCESS.set(true);
        try {
            return runAndReport(new String[0], a -> main.run());
        } catch (ExitRequest e) {
            return e.status;
        } finally {
            IN_PROCESS.set(before);
        }
    }

    /**
     * The options a {@code main} declares: runs it with {@code --help} while capturing the
     * declaration it hands to {@link #run(String[], RecipeOptions, OptionsBody)}; nothing is printed
     * and no body runs. Empty when the main declares none.
     */
    public static java.util.Optional<RecipeOptions> describe(Main main) {
        var found = new java.util.concurrent.atomic.AtomicReference<RecipeOptions>();
        DESCRIBE.set(found::set);
        try {
            statusOf(main);
        } finally {
            DESCRIBE.remove();
        }
        return java.util.Optional.ofNullable(found.get());
    }

    /** Runs the body and returns the exit status {@link #run} would use, without exiting. */
    public static int runAndReport(String[] args, Body body) {
        try {
            body.run(args);
            return 0;
        } catch (ExitRequest e) {
            throw e;
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

    // The helpers below read arguments without a declaration (and so cannot reject what they do not
    // know): for child-process modes and programs with their own parsing. Recipes use RecipeOptions.

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
