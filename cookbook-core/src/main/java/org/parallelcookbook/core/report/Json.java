package org.parallelcookbook.core.report;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for the cookbook's reports, written and read with Jackson jr. Reports are built from maps,
 * lists, strings, numbers and booleans; anything else is written as its {@code toString()}, and
 * numbers that are not finite become {@code null}, as JSON has no NaN.
 */
public final class Json {

    private static final JSON COMPACT = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);
    private static final JSON PRETTY = COMPACT.with(JSON.Feature.PRETTY_PRINT_OUTPUT);

    private Json() {
    }

    /** One line of JSON. */
    public static String write(Object value) {
        try {
            return COMPACT.asString(plain(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Indented JSON, for files a reader may open. */
    public static String pretty(Object value) {
        try {
            return PRETTY.asString(plain(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a JSON object into maps, lists, strings, numbers and booleans. */
    public static Map<String, Object> read(String json) {
        try {
            return JSON.std.mapFrom(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
    }

    /** The value reduced to what JSON can hold, with non-finite numbers as null. */
    static Object plain(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Double d -> Double.isFinite(d) ? d : null;
            case Float f -> Float.isFinite(f) ? f : null;
            case Number n -> n;
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
                yield out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>(c.size());
                c.forEach(v -> out.add(plain(v)));
                yield out;
            }
            case double[] a -> {
                List<Object> out = new ArrayList<>(a.length);
                for (double d : a) {
                    out.add(plain(d));
                }
                yield out;
            }
            default -> value.toString();
        };
    }
}
