package org.parallelcookbook.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cookbook} command: list, run, bench, tour and doctor, plus {@code worker} for the
 * distributed chapter. The {@code ./cookbook} script finds a JDK, installs the system parts and
 * builds this jar, then runs it; {@code ./cookbook test} (the test suite) is handled by the script.
 *
 * <p>Bad input anywhere prints one line that says what is wrong and exits 2, never a stack trace.
 */
@Command(name = "cookbook", mixinStandardHelpOptions = true, versionProvider = CookbookCli.Version.class,
        description = "Runnable recipes of the Python Parallel Programming Cookbook, in Java.",
        subcommands = {ListCommand.class, RunCommand.class, BenchCommand.class, TourCommand.class,
                DoctorCommand.class, WorkerCommand.class, CompareCommand.class, JmhCommand.class, DocsCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Also: ./cookbook test    runs the whole test suite (mvn verify)"})
public final class CookbookCli implements Runnable {

    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing subcommand: one of list, run, bench, tour, doctor, compare, worker, jmh, docs");
    }

    public static void main(String[] args) {
        CommandLine cli = commandLine();
        int status = cli.execute(args);
        CommandLine last = cli.getParseResult() == null ? cli : lastSubcommand(cli);
        boolean runCommand = last.getCommand() instanceof RunCommand || last.getCommand() instanceof WorkerCommand
                || last.getCommand() instanceof JmhCommand;
        if (status == 0 && runCommand) {
            // A recipe may leave non-daemon threads running on purpose (as the book's programs do):
            // return and let the JVM end when they end, exactly like `java Recipe` would.
            return;
        }
        System.out.flush();
        System.exit(status);
    }

    static CommandLine lastSubcommand(CommandLine cli) {
        CommandLine.ParseResult pr = cli.getParseResult();
        while (pr.hasSubcommand()) {
            pr = pr.subcommand();
        }
        return pr.commandSpec().commandLine();
    }

    /** The command line with the cookbook's error handling: one line and exit 2 for bad input. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CookbookCli());
        // everything after the recipe id belongs to the recipe, options included (--np 4, --size ...)
        for (String passThrough : new String[] {"run", "worker", "jmh"}) {
            cli.getSubcommands().get(passThrough).setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        }
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            String name = ex.getCommandLine().getCommandSpec().qualifiedName();
            String hint = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                hint = "; did you mean " + u.getSuggestions().getFirst() + "?";
            }
            err.println(name + ": " + ex.getMessage() + hint + " (see '" + name + " --help')");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof UsageError u) {
                err.println(commandLine.getCommandSpec().qualifiedName() + ": " + u.getMessage());
                return EXIT_USAGE;
            }
            if (Boolean.getBoolean("cookbook.trace")) {
                ex.printStackTrace(err);
            } else {
                err.println(commandLine.getCommandSpec().qualifiedName() + " failed: " + ex.getClass().getSimpleName()
                        + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
                        + "  (-Dcookbook.trace=true shows the stack trace)");
            }
            return 1;
        });
        return cli;
    }

    /** Bad input found after parsing (an unknown recipe id, a recipe without a benchmark). */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    /** The version and git commit written into the jar at build time (META-INF/cookbook/build.properties). */
    static final class Version implements CommandLine.IVersionProvider {
        static final String RESOURCE = "/META-INF/cookbook/build.properties";

        @Override
        public String[] getVersion() throws java.io.IOException {
            var p = new java.util.Properties();
            try (var in = CookbookCli.class.getResourceAsStream(RESOURCE)) {
                if (in != null) {
                    p.load(in);
                }
            }
            String version = p.getProperty("version", "unknown version");
            String commit = p.getProperty("commit", "");
            boolean known = !commit.isBlank() && !commit.startsWith("$");
            return new String[] {"Parallel Cookbook for Java " + version
                    + (known ? " (git " + commit + ")" : " (git commit unknown: built outside ./cookbook or a checkout)"),
                    "JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version()};
        }
    }
}
