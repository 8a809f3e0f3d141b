package org.parallelcookbook.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every recipe on the class path, found through the index files that {@code RecipeIndexProcessor}
 * wrote for each module ({@value Recipe#INDEX_RESOURCE}). Sorted by chapter, book before extras,
 * then by id.
 */
public final class RecipeRegistry {

    private static final Comparator<RecipeInfo> ORDER = Comparator
            .comparingInt(RecipeInfo::chapter)
            .thenComparing(RecipeInfo::extra)
            .thenComparing(RecipeInfo::id);

    private final Map<String, RecipeInfo> byId;

    private RecipeRegistry(List<RecipeInfo> recipes) {
        Map<String, RecipeInfo> map = new LinkedHashMap<>();
        recipes.stream().sorted(ORDER).forEach(r -> {
            RecipeInfo previous = map.putIfAbsent(r.id(), r);
            if (previous != null && !previous.className().equals(r.className())) {
                throw new IllegalStateException("recipe id " + r.id() + " is used by both "
                        + previous.className() + " and " + r.className());
            }
        });
        this.byId = Collections.unmodifiableMap(map);
    }

    /** Reads every index visible to the given class loader. */
    public static RecipeRegistry load(ClassLoader loader) {
        List<RecipeInfo> recipes = new ArrayList<>();
        try {
            Enumeration<URL> indexes = loader.getResources(Recipe.INDEX_RESOURCE);
            while (indexes.hasMoreElements()) {
                URL url = indexes.nextElement();
                try (var in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        line = line.strip();
                        if (!line.isEmpty() && !line.startsWith("#")) {
                            recipes.add(RecipeInfo.of(Class.forName(line, false, loader)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recipe index", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the recipe index names a class that is not on the class path: "
                    + e.getMessage(), e);
        }
        return new RecipeRegistry(recipes);
    }

    /** Reads every index visible to this class's loader. */
    public static RecipeRegistry load() {
        return load(RecipeRegistry.class.getClassLoader());
    }

    public static RecipeRegistry of(List<RecipeInfo> recipes) {
        return new RecipeRegistry(recipes);
    }

    public List<RecipeInfo> all() {
        return List.copyOf(byId.values());
    }

    public List<RecipeInfo> chapter(int chapter) {
        return byId.values().stream().filter(r -> r.chapter() == chapter).toList();
    }

    public Optional<RecipeInfo> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Up to {@code limit} ids closest to {@code wanted}: substring matches first, then by edit distance. */
    public List<String> closest(String wanted, int limit) {
        String w = wanted.toLowerCase();
        return byId.keySet().stream()
                .sorted(Comparator.<String>comparingInt(id -> id.contains(w) || w.contains(id) ? 0 : 1)
                        .thenComparingInt(id -> distance(w, id))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(limit)
                .toList();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
