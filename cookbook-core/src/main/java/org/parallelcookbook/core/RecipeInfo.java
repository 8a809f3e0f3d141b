package org.parallelcookbook.core;

import java.util.List;

/**
 * What the registry knows about one recipe: the {@link Recipe} annotation plus where it lives.
 *
 * @param id        stable id, e.g. {@code ch2.semaphore}
 * @param chapter   book chapter
 * @param title     section title
 * @param extra     true when the recipe is not from the book
 * @param module    Maven module (derived from the package: {@code org.parallelcookbook.<module>})
 * @param className binary class name
 * @param tourArgs  arguments for a quick run
 * @param bench     benchmark class name, or {@code null}
 */
public record RecipeInfo(String id, int chapter, String title, boolean extra, String module,
                         String className, List<String> tourArgs, String bench) {

    public RecipeInfo {
        tourArgs = List.copyOf(tourArgs);
    }

    /** Builds the info from an annotated class. */
    public static RecipeInfo of(Class<?> type) {
        Recipe recipe = type.getAnnotation(Recipe.class);
        if (recipe == null) {
            throw new IllegalArgumentException(type.getName() + " has no @Recipe annotation");
        }
        String bench = recipe.bench() == Void.class ? null : recipe.bench().getName();
        return new RecipeInfo(recipe.id(), recipe.chapter(), recipe.title(), recipe.extra(),
                moduleOf(type.getName()), type.getName(), List.of(recipe.tourArgs()), bench);
    }

    /** The simple class name, the one a reader looks for in the source tree. */
    public String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** {@code book} or {@code extra}. */
    public String origin() {
        return extra ? "extra" : "book";
    }

    static String moduleOf(String className) {
        String prefix = "org.parallelcookbook.";
        if (!className.startsWith(prefix)) {
            return "?";
        }
        String rest = className.substring(prefix.length());
        int dot = rest.indexOf('.');
        String first = dot < 0 ? rest : rest.substring(0, dot);
        return switch (first) {
            case "core" -> "cookbook-core";
            case "examples" -> "examples";
            default -> first;
        };
    }
}
