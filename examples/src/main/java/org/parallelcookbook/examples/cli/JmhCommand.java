package org.parallelcookbook.examples.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cookbook jmh [JMH options]}: runs the JMH reference benchmarks packaged in the jar (JMH's
 * own command line: a benchmark name regex, {@code -f}, {@code -wi}, {@code -i}, {@code -h}).
 */
@Command(name = "jmh", description = "Run the JMH reference benchmarks (JMH's own options follow; -h lists them).")
final class JmhCommand implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Option(names = "--help", usageHelp = true, description = "Show this help (JMH's own: -h).")
    boolean help;

    @Parameters(paramLabel = "ARGS", description = "JMH arguments, e.g. MonteCarloPiBenchmark -f 1.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Mains.invoke(org.openjdk.jmh.Main.class, args);
        return 0;
    }
}
