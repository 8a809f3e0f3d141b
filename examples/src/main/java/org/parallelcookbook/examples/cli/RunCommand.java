package org.parallelcookbook.examples.cli;

import java.util.ArrayList;
import java.util.List;
import org.parallelcookbook.core.RecipeInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cookbook run <id> [args...]}: runs the recipe's {@code main} in this JVM. */
@Command(name = "run", description = "Run one recipe's main with the given arguments.",
        footer = {"", "./cookbook run ID --help prints that recipe's options with their defaults; ./cookbook list shows the ids."})
final class RunCommand implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Parameters(index = "0", paramLabel = "ID", description = "Recipe id, e.g. ch2.semaphore.")
    String id;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments passed to the recipe.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        RecipeInfo recipe = Recipes.require(id);
        Class<?> type = Class.forName(recipe.className());
        return org.parallelcookbook.core.RecipeMain.statusOf(() -> Mains.invoke(type, args));
    }
}
