package org.parallelcookbook.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The options of one recipe's command line, declared once: the parser, the {@code --help} page
 * and the error messages all come from the declaration. A recipe's {@code main} reads
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     var options = RecipeOptions.of(SemaphoreProducerConsumer.class)
 *             .intOption("--items", 10, 0, 1_000_000, "items the producer makes")
 *             .intOption("--sleep-ms", 1000, 0, 60_000, "pause of the producer before each item").book("1000");
 *     RecipeMain.run(args, options, o -> System.out.println(run(o.intValue("--items"), o.intValue("--sleep-ms"))));
 * }
 * }</pre>
 *
 * <p>What the user gets: {@code --name value} and {@code --name=value}; {@code -h}/{@code --help}
 * prints every option with its default (and the book's value where it differs) and runs nothing; an
 * unknown option, a missing or malformed value, a value out of range or a stray argument is one
 * line naming it (with the closest option as a suggestion) and exit status 2 (see
 * {@link RecipeMain}). Numbers may carry underscores ({@code 32_000_000}).
 */
public final class RecipeOptions {

    /** The kinds of value an option or positional argument takes. */
    enum Kind { INT, LONG, DOUBLE, STRING, CHOICE, FLAG, REST, LIST }

    /** One declared option ({@code --name}) or positional argument (a label without dashes). */
    record Spec(String name, Kind kind, Object defaultValue, double min, double max, List<String> choices,
                String description, String book, boolean hidden, String defaultText) {

        boolean positional() {
            return !name.startsWith("-");
        }

        String label() {
            return switch (kind) {
                case INT, LONG -> "N";
                case DOUBLE -> "X";
                case STRING -> "TEXT";
                case CHOICE -> String.join("|", choices);
                case FLAG -> "";
                case REST -> name.toUpperCase(Locale.ROOT) + "...";
                case LIST -> "A[,B...]";
            };
        }

        Spec withBook(String value) {
            return new Spec(name, kind, defaultValue, min, max, choices, description, value, hidden, defaultText);
        }

        Spec asHidden() {
            return new Spec(name, kind, defaultValue, min, max, choices, description, book, true, defaultText);
        }

        Spec withDefaultText(String text) {
            return new Spec(name, kind, defaultValue, min, max, choices, description, book, hidden, text);
        }
    }

    private final String id;
    private final String title;
    private final List<Spec> specs = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final java.util.Set<String> required = new java.util.HashSet<>();

    private final String command;

    private RecipeOptions(String id, String title, String command) {
        this.id = id;
        this.title = title;
        this.command = command;
    }

    /** The options of the recipe class (its {@link Recipe} annotation names it in messages and help). */
    public static RecipeOptions of(Class<?> recipe) {
        Recipe r = recipe.getAnnotation(Recipe.class);
        return r == null ? new RecipeOptions(recipe.getSimpleName(), "", "java " + recipe.getName())
                : new RecipeOptions(r.id(), r.title(), "./cookbook run " + r.id());
    }

    /** The options of a program that is not a recipe (a worker, a daemon), named {@code name}. */
    public static RecipeOptions named(String name, String title) {
        return new RecipeOptions(name, title, name.contains(".") ? "./cookbook run " + name : name);
    }

    /** The id the messages and the help page use. */
    public String id() {
        return id;
    }

    public RecipeOptions intOption(String name, int defaultValue, int min, int max, String description) {
        return add(new Spec(option(name), Kind.INT, defaultValue, min, max, List.of(), description, null, false, null));
    }

    public RecipeOptions longOption(String name, long defaultValue, long min, long max, String description) {
        return add(new Spec(option(name), Kind.LONG, defaultValue, min, max, List.of(), description, null, false, null));
    }

    public RecipeOptions doubleOption(String name, double defaultValue, double min, double max, String description) {
        return add(new Spec(option(name), Kind.DOUBLE, defaultValue, min, max, List.of(), description, null, false, null));
    }

    /** A text option; {@code defaultValue} may be null (absent unless given). */
    public RecipeOptions stringOption(String name, String defaultValue, String description) {
        return add(new Spec(option(name), Kind.STRING, defaultValue, 0, 0, List.of(), description, null, false, null));
    }

    /** An option whose value is one of {@code choices}. */
    public RecipeOptions choiceOption(String name, String defaultValue, String description, String... choices) {
        return add(new Spec(option(name), Kind.CHOICE, defaultValue, 0, 0, List.of(choices), description, null, false, null));
    }

    /** A flag: present or not. */
    public RecipeOptions flag(String name, String description) {
        return add(new Spec(option(name), Kind.FLAG, false, 0, 0, List.of(), description, null, false, null));
    }

    /** A repeatable option; each value may be a comma list ({@code --member a:1 --member b:2,c:3}). */
    public RecipeOptions listOption(String name, String description) {
        return add(new Spec(option(name), Kind.LIST, List.of(), 0, 0, List.of(), description, null, false, null));
    }

    /** Makes the positional declared last required. */
    public RecipeOptions required() {
        Spec last = specs.getLast();
        if (!last.positional() || last.kind() == Kind.REST) {
            throw new IllegalArgumentException("only a single positional can be required: " + last.name());
        }
        required.add(last.name());
        return this;
    }

    /** An optional positional whole number, in declaration order. */
    public RecipeOptions intPositional(String label, int defaultValue, int min, int max, String description) {
        return add(new Spec(positional(label), Kind.INT, defaultValue, min, max, List.of(), description, null, false, null));
    }

    /** An optional positional long, in declaration order. */
    public RecipeOptions longPositional(String label, long defaultValue, long min, long max, String description) {
        return add(new Spec(positional(label), Kind.LONG, defaultValue, min, max, List.of(), description, null, false, null));
    }

    /** Any number of further positional words (after the declared positionals). */
    public RecipeOptions rest(String label, String description) {
        return add(new Spec(positional(label), Kind.REST, List.of(), 0, 0, List.of(), description, null, false, null));
    }

    /** The book's value of the option declared last, shown by {@code --help} where it differs from the default. */
    public RecipeOptions book(Object value) {
        Spec last = specs.removeLast();
        specs.add(last.withBook(String.valueOf(value)));
        return this;
    }

    /** What the help page says for the default of the option declared last ("random", "the cores"). */
    public RecipeOptions defaultText(String text) {
        specs.add(specs.removeLast().withDefaultText(text));
        return this;
    }

    /** What the help page says for the default of the option {@code name} (declared earlier, e.g. by a launcher). */
    public RecipeOptions defaultText(String name, String text) {
        Spec s = find(name);
        if (s == null) {
            throw new IllegalArgumentException(id + " declares no " + name);
        }
        specs.set(specs.indexOf(s), s.withDefaultText(text));
        return this;
    }

    /** Hides the option declared last from the help page (internal modes used by the recipe itself). */
    public RecipeOptions hidden() {
        specs.add(specs.removeLast().asHidden());
        return this;
    }

    /** A line printed under the options on the help page. */
    public RecipeOptions note(String line) {
        notes.add(line);
        return this;
    }

    private static String option(String name) {
        if (!name.startsWith("--") || name.length() < 3) {
            throw new IllegalArgumentException("an option is named --something, got " + name);
        }
        return name;
    }

    private static String positional(String label) {
        if (label.startsWith("-") || label.isBlank()) {
            throw new IllegalArgumentException("a positional label has no dashes, got " + label);
        }
        return label;
    }

    private RecipeOptions add(Spec spec) {
        if (find(spec.name()) != null) {
            throw new IllegalArgumentException(id + ": " + spec.name() + " declared twice");
        }
        specs.add(spec);
        return this;
    }

    private Spec find(String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** The names of the declared options, in order (for tools and tests). */
    public List<String> optionNames() {
        return specs.stream().filter(s -> !s.positional()).map(Spec::name).toList();
    }

    /** The declared options that take a number (for tools and tests that feed malformed values). */
    public List<String> numericOptions() {
        return specs.stream().filter(s -> !s.positional() && !s.hidden()
                && (s.kind() == Kind.INT || s.kind() == Kind.LONG || s.kind() == Kind.DOUBLE)).map(Spec::name).toList();
    }

    /**
     * Arguments the declaration rejects as a malformed value, for tools and tests: a word where a
     * number goes, a value outside the choices, a value given to a flag, or a stray argument. The
     * first element is what the error message names. Empty when every argument is admitted.
     */
    public List<String> malformedExample() {
        for (Spec s : specs) {
            if (s.hidden()) {
                continue;
            }
            switch (s.kind()) {
                case INT, LONG, DOUBLE -> {
                    return s.positional() ? List.of("abc") : List.of(s.name(), "abc");
                }
                case CHOICE -> {
                    return List.of(s.name(), "no-such-choice");
                }
                case FLAG -> {
                    return List.of(s.name() + "=abc");
                }
                default -> {
                }
            }
        }
        return specs.stream().anyMatch(s -> s.positional()) ? List.of() : List.of("abc");
    }

    /** True when {@code args} asks for the help page ({@code -h} or {@code --help} before any {@code --}). */
    public static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("-h") || a.equals("--help")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses {@code args} against the declaration.
     *
     * @throws UsageException with a one-line message for anything the declaration does not admit
     */
    public Values parse(String[] args) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Spec s : specs) {
            values.put(s.name(), s.defaultValue());
        }
        List<Spec> positionals = specs.stream().filter(Spec::positional).toList();
        List<String> rest = new ArrayList<>();
        java.util.Set<String> given = new java.util.HashSet<>();
        int nextPositional = 0;
        boolean onlyPositionals = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!onlyPositionals && a.equals("--")) {
                onlyPositionals = true;
                continue;
            }
            if (!onlyPositionals && a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a : a.substring(0, eq);
                Spec s = find(name);
                if (s == null || s.positional()) {
                    throw new UsageException(unknown(name));
                }
                if (s.kind() == Kind.FLAG) {
                    if (eq >= 0) {
                        throw new UsageException(id + ": " + name + " is a flag and takes no value" + seeHelp());
                    }
                    values.put(name, true);
                } else {
                    String raw;
                    if (eq >= 0) {
                        raw = a.substring(eq + 1);
                    } else if (i + 1 < args.length) {
                        raw = args[++i];
                    } else {
                        throw new UsageException(id + ": " + name + " needs a value (" + s.label() + ")" + seeHelp());
                    }
                    if (s.kind() == Kind.LIST) {
                        List<String> all = new ArrayList<>(castList(values.get(name)));
                        Arrays.stream(raw.split(",")).map(String::strip).filter(x -> !x.isEmpty()).forEach(all::add);
                        values.put(name, List.copyOf(all));
                    } else {
                        values.put(name, convert(s, raw));
                    }
                }
                given.add(name);
                continue;
            }
            if (nextPositional < positionals.size() && positionals.get(nextPositional).kind() != Kind.REST) {
                Spec s = positionals.get(nextPositional++);
                values.put(s.name(), convert(s, a));
                given.add(s.name());
            } else if (positionals.stream().anyMatch(s -> s.kind() == Kind.REST)) {
                rest.add(a);
            } else if (a.startsWith("-") && a.length() > 1 && !isNumber(a)) {
                throw new UsageException(unknown(a));
            } else {
                throw new UsageException(id + ": unexpected argument '" + a + "'"
                        + (optionNames().isEmpty() ? "; this recipe takes no arguments" : "") + seeHelp());
            }
        }
        for (Spec s : positionals) {
            if (required.contains(s.name()) && !given.contains(s.name())) {
                throw new UsageException(id + ": missing argument " + s.name().toUpperCase(Locale.ROOT) + " (" + s.description() + ")"
                        + seeHelp());
            }
        }
        positionals.stream().filter(s -> s.kind() == Kind.REST).findFirst()
                .ifPresent(s -> values.put(s.name(), List.copyOf(rest)));
        return new Values(id, values, Collections.unmodifiableSet(given));
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.replace("_", ""));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String seeHelp() {
        return " (see " + command + " --help)";
    }

    private String unknown(String name) {
        List<String> names = specs.stream().filter(s -> !s.positional() && !s.hidden()).map(Spec::name).toList();
        if (names.isEmpty()) {
            return id + ": unknown option '" + name + "'; this recipe takes no options" + seeHelp();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : names) {
            int d = distance(strip(name), strip(n));
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        boolean close = bestDistance <= Math.max(2, strip(best).length() / 3)
                || strip(best).startsWith(strip(name)) || strip(name).startsWith(strip(best));
        return id + ": unknown option '" + name + "'"
                + (close ? "; did you mean " + best + "?" : "; the options are " + String.join(", ", names)) + seeHelp();
    }

    private static String strip(String name) {
        return name.replaceFirst("^-+", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance, for the "did you mean" suggestion. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private Object convert(Spec s, String raw) {
        String what = s.positional() ? "argument " + s.name() : s.name();
        String v = raw.strip();
        switch (s.kind()) {
            case INT, LONG -> {
                long n;
                try {
                    n = Long.parseLong(v.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new UsageException(id + ": " + what + " takes a whole number, got '" + raw + "'" + range(s) + seeHelp());
                }
                if (n < s.min() || n > s.max()) {
                    throw new UsageException(id + ": " + what + " must be " + rangeText(s) + ", got " + n + seeHelp());
                }
                return s.kind() == Kind.INT ? (Object) (int) n : (Object) n;
            }
            case DOUBLE -> {
                double d;
                try {
                    d = Double.parseDouble(v.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new UsageException(id + ": " + what + " takes a number, got '" + raw + "'" + range(s) + seeHelp());
                }
                if (!(d >= s.min() && d <= s.max())) {
                    throw new UsageException(id + ": " + what + " must be " + rangeText(s) + ", got " + raw + seeHelp());
                }
                return d;
            }
            case CHOICE -> {
                if (!s.choices().contains(v)) {
                    throw new UsageException(id + ": " + what + " takes one of " + String.join(", ", s.choices())
                            + ", got '" + raw + "'" + seeHelp());
                }
                return v;
            }
            default -> {
                return raw;
            }
        }
    }

    private static String range(Spec s) {
        String r = rangeText(s);
        return r.isEmpty() ? "" : " (" + r + ")";
    }

    private static String rangeText(Spec s) {
        if (s.kind() != Kind.INT && s.kind() != Kind.LONG && s.kind() != Kind.DOUBLE) {
            return "";
        }
        boolean noMin = s.min() <= Integer.MIN_VALUE;
        boolean noMax = s.kind() == Kind.INT ? s.max() >= Integer.MAX_VALUE : s.max() >= Long.MAX_VALUE;
        if (s.kind() == Kind.DOUBLE) {
            noMin = s.min() == -Double.MAX_VALUE || Double.isInfinite(s.min());
            noMax = s.max() == Double.MAX_VALUE || Double.isInfinite(s.max());
        }
        if (noMin && noMax) {
            return "";
        }
        if (noMax) {
            return "at least " + number(s.min());
        }
        if (noMin) {
            return "at most " + number(s.max());
        }
        return number(s.min()) + " to " + number(s.max());
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e18 ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** The help page: usage line, title, each option with its default, range and the book's value. */
    public String help() {
        StringBuilder usage = new StringBuilder("Usage: " + command);
        List<Spec> visible = specs.stream().filter(s -> !s.hidden()).toList();
        if (visible.stream().anyMatch(s -> !s.positional())) {
            usage.append(" [OPTIONS]");
        }
        for (Spec s : visible) {
            if (required.contains(s.name())) {
                usage.append(' ').append(s.name().toUpperCase(Locale.ROOT));
            } else if (s.positional()) {
                usage.append(" [").append(s.kind() == Kind.REST ? s.label() : s.name().toUpperCase(Locale.ROOT)).append(']');
            }
        }
        StringBuilder out = new StringBuilder(usage).append('\n');
        if (!title.isEmpty()) {
            out.append(title).append('\n');
        }
        List<String[]> rows = new ArrayList<>();
        for (Spec s : visible) {
            String left = s.positional() ? (s.kind() == Kind.REST ? s.label() : s.name().toUpperCase(Locale.ROOT))
                    : s.name() + (s.kind() == Kind.FLAG ? "" : " " + s.label());
            StringBuilder right = new StringBuilder(s.description());
            List<String> facts = new ArrayList<>();
            if (required.contains(s.name())) {
                facts.add("required");
            } else if (s.kind() != Kind.FLAG && s.kind() != Kind.REST && s.kind() != Kind.LIST) {
                facts.add("default " + (s.defaultText() != null ? s.defaultText()
                        : s.defaultValue() == null ? "none" : s.defaultValue()));
            }
            String r = rangeText(s);
            if (!r.isEmpty()) {
                facts.add(r);
            }
            if (s.book() != null && !Objects.equals(s.book(), String.valueOf(s.defaultValue()))) {
                facts.add("book " + s.book());
            }
            if (!facts.isEmpty()) {
                right.append(" (").append(String.join("; ", facts)).append(')');
            }
            rows.add(new String[] {left, right.toString()});
        }
        rows.add(new String[] {"-h, --help", "print this help and run nothing"});
        int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0);
        out.append(visible.isEmpty() ? "This recipe takes no options.\n" : "Options:\n");
        for (String[] row : rows) {
            out.append("  ").append(row[0]).append(" ".repeat(width - row[0].length() + 2)).append(row[1]).append('\n');
        }
        notes.forEach(n -> out.append(n).append('\n'));
        return out.toString();
    }

    /** The values of one parsed command line: defaults for what was not given. */
    public static final class Values {
        private final String id;
        private final Map<String, Object> values;
        private final java.util.Set<String> given;

        Values(String id, Map<String, Object> values, java.util.Set<String> given) {
            this.id = id;
            this.values = values;
            this.given = given;
        }

        private Object get(String name) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException(id + " declares no option " + name);
            }
            return values.get(name);
        }

        public int intValue(String name) {
            return (Integer) get(name);
        }

        public long longValue(String name) {
            Object v = get(name);
            return v instanceof Integer i ? i : (Long) v;
        }

        public double doubleValue(String name) {
            return (Double) get(name);
        }

        /** A text or choice option's value (null when it has no default and was not given). */
        public String string(String name) {
            Object v = get(name);
            return v == null ? null : v.toString();
        }

        public boolean flag(String name) {
            return (Boolean) get(name);
        }

        /** True when the user gave the option or positional (not only its default). */
        public boolean given(String name) {
            get(name);
            return given.contains(name);
        }

        /** All values of a {@link RecipeOptions#listOption} (empty when not given). */
        @SuppressWarnings("unchecked")
        public List<String> list(String name) {
            return (List<String>) get(name);
        }

        /** The words collected by {@link RecipeOptions#rest}. */
        @SuppressWarnings("unchecked")
        public List<String> rest(String label) {
            return (List<String>) get(label);
        }

        @Override
        public String toString() {
            return id + " " + values;
        }
    }

    @Override
    public String toString() {
        return id + " " + Arrays.toString(specs.stream().map(Spec::name).toArray());
    }
}
