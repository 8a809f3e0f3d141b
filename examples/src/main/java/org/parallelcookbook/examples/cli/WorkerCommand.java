package org.parallelcookbook.examples.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cookbook worker [--cluster NAME] [--member HOST:PORT ...]}: starts a Hazelcast member in
 * this JVM (the Celery worker of chapter 5). The options are parsed by the distributed module's
 * {@code Worker}.
 */
@Command(name = "worker", description = "Start a Hazelcast cluster member in this JVM (chapter 5's worker).",
        footer = {"", "Worker options (after 'worker'): --cluster NAME, --member HOST:PORT (repeatable), --port N,",
                "  --bind ADDRESS (default 127.0.0.1) with --allow-remote for another address, --threads N,",
                "  --jet | --no-jet (default without Jet). Ctrl-C stops the member."})
final class WorkerCommand implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    static final String WORKER_CLASS = "org.parallelcookbook.distributed.Worker";

    @Parameters(paramLabel = "ARGS", description = "Worker options.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Class<?> type;
        try {
            type = Class.forName(WORKER_CLASS);
        } catch (ClassNotFoundException e) {
            throw new CookbookCli.UsageError("the worker is part of the distributed module, which this build lacks");
        }
        return org.parallelcookbook.core.RecipeMain.statusOf(() -> Mains.invoke(type, args));
    }
}
