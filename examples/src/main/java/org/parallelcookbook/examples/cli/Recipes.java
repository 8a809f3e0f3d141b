package org.parallelcookbook.examples.cli;

import java.util.List;
import org.parallelcookbook.core.RecipeInfo;
import org.parallelcookbook.core.RecipeRegistry;

/** Lookup of recipes by id for the subcommands, with the "did you mean" message. */
final class Recipes {

    private static RecipeRegistry registry;

    private Recipes() {
    }

    static synchronized RecipeRegistry registry() {
        if (registry == null) {
            registry = RecipeRegistry.load();
        }
        return registry;
    }

    static RecipeInfo require(String id) {
        return registry().find(id).orElseThrow(() -> {
            List<String> close = registry().closest(id, 3);
            return new CookbookCli.UsageError("unknown recipe '" + id + "'"
                    + (close.isEmpty() ? "" : "; closest: " + String.join(", ", close))
                    + " (./cookbook list shows them all)");
        });
    }

    static void checkChapter(Integer chapter) {
        if (chapter != null && (chapter < 1 || chapter > 6)) {
            throw new CookbookCli.UsageError("--chapter must be 1 to 6, got " + chapter);
        }
    }
}
