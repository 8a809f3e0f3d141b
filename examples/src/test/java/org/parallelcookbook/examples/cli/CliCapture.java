package org.parallelcookbook.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picocli.CommandLine;

/**
 * Runs the cookbook command line in the test's JVM with standard output and error captured, and
 * puts the JVM's own streams back after each test. Register it with {@code @RegisterExtension}.
 * Each {@link #run} starts with empty buffers, so {@link #out()} and {@link #err()} hold what that
 * one command printed (picocli's error writer and {@code System.err} together).
 */
final class CliCapture implements BeforeEachCallback, AfterEachCallback {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream rawErr = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(rawErr, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** Runs {@code cookbook args...} and returns its exit status. */
    int run(String... args) {
        out.reset();
        rawErr.reset();
        err.getBuffer().setLength(0);
        CommandLine cli = CookbookCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err + rawErr.toString(StandardCharsets.UTF_8);
    }
}
