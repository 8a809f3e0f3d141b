package org.parallelcookbook.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.parallelcookbook.core.RecipeInfo;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.UsageException;
import picocli.CommandLine;

/**
 * Every {@code ./cookbook ...} command that README.md and the docs pages show (in fences, in prose
 * code spans, and as {@code java -jar .../cookbook.jar ...}) names a real subcommand, real recipe
 * ids and options the command and the recipe accept: parsed, never run. A synopsis
 * ({@code run <id> [--np N]}) is checked for its subcommand and, where it names one, its recipe.
 */
class DocumentedCommandsTest {

    static final Path ROOT = Path.of(System.getProperty("cookbook.root", ".."));

    /** {@code ./cookbook ARGS}, after an optional prompt and environment settings, up to a comment or a shell operator. */
    static final Pattern FENCED = Pattern.compile("^(?:\\$ )?(?:time )?(?:[A-Z_]+=\\S* )*\\./cookbook(?<args>(?: .*)?)$");
    static final Pattern JAR = Pattern.compile("java (?:-\\S+ )*-jar \\S*cookbook\\.jar(?<args> [^'\"]*)");
    static final Pattern INLINE = Pattern.compile("`(?:[A-Z_]+=\\S* )*\\./cookbook(?<args>(?: [^`]*)?)`");

    record Shown(String where, List<String> args, boolean synopsis) {
        @Override
        public String toString() {
            return where + ": ./cookbook " + String.join(" ", args);
        }
    }

    static List<Shown> commands() throws Exception {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (var s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<Shown> out = new ArrayList<>();
        for (Path page : pages) {
            List<String> lines = Files.readAllLines(page);
            boolean fenced = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String where = ROOT.relativize(page) + ":" + (i + 1);
                if (line.startsWith("```")) {
                    fenced = !fenced;
                    continue;
                }
                if (fenced) {
                    Matcher m = FENCED.matcher(line.strip());
                    if (m.matches()) {
                        out.add(shown(where, m.group("args")));
                    }
                    Matcher j = JAR.matcher(line);
                    if (j.find()) {
                        out.add(shown(where, j.group("args")));
                    }
                } else {
                    Matcher m = INLINE.matcher(line);
                    while (m.find()) {
                        Shown c = shown(where, m.group("args"));
                        // prose that names a subcommand ("shown by `./cookbook bench`") names it, no more
                        out.add(c.args().size() == 1 ? new Shown(c.where(), c.args(), true) : c);
                    }
                }
            }
        }
        return out;
    }

    private static Shown shown(String where, String args) {
        String text = args.replaceFirst("\\s+#.*$", "").split(";|&&|\\|\\||(?<!\\\\)\\| ")[0].strip();
        boolean synopsis = text.contains("<") || text.contains("[") || text.contains("\\|") || text.contains("...");
        return new Shown(where, text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+")), synopsis);
    }

    /** Why the command would be refused, or null. */
    static String refusal(Shown c) throws Exception {
        List<String> a = c.args();
        if (a.isEmpty() || a.getFirst().startsWith("-")) {
            return c.synopsis() ? null : parse(a);
        }
        String sub = a.getFirst();
        if (sub.equals("test")) {
            return null; // the script's: the rest are Maven options
        }
        if (sub.startsWith("<")) {
            return null; // "./cookbook <command> --help"
        }
        if (!CookbookCli.commandLine().getSubcommands().containsKey(sub)) {
            return "no subcommand '" + sub + "'";
        }
        if ((sub.equals("run") || sub.equals("bench")) && a.size() > 1 && !a.get(1).startsWith("<") && !a.get(1).startsWith("-")) {
            RecipeInfo recipe = Recipes.registry().find(a.get(1)).orElse(null);
            if (recipe == null) {
                return "no recipe '" + a.get(1) + "'";
            }
            if (sub.equals("bench") && recipe.bench() == null) {
                return "recipe '" + a.get(1) + "' has no benchmark";
            }
            if (sub.equals("run") && !c.synopsis()) {
                Class<?> type = Class.forName(recipe.className());
                try {
                    RecipeMain.describe(() -> Mains.invoke(type, List.of("--help"))).orElseThrow()
                            .parse(a.subList(2, a.size()).toArray(String[]::new));
                } catch (UsageException e) {
                    return e.getMessage();
                }
            }
        }
        if (c.synopsis()) {
            return null;
        }
        String refused = parse(a);
        if (refused != null) {
            return refused;
        }
        if (sub.equals("tour")) {
            int ids = a.indexOf("--id");
            if (ids >= 0) {
                for (String id : a.get(ids + 1).split(",")) {
                    if (Recipes.registry().find(id).isEmpty()) {
                        return "no recipe '" + id + "'";
                    }
                }
            }
        }
        if (sub.equals("docs")) {
            for (String p : a.subList(1, a.size())) {
                if (!p.startsWith("-") && !Files.isRegularFile(ROOT.resolve("docs").resolve(p))) {
                    return "no page docs/" + p;
                }
            }
        }
        return null;
    }

    private static String parse(List<String> args) {
        try {
            CommandLine.ParseResult r = CookbookCli.commandLine().parseArgs(args.toArray(String[]::new));
            return r == null ? "not parsed" : null;
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
    }

    @Test
    void everyDocumentedCommandNamesARealSubcommandRecipeAndOptions() throws Exception {
        List<Shown> found = commands();
        List<String> refused = new ArrayList<>();
        for (Shown c : found) {
            String why = refusal(c);
            if (why != null) {
                refused.add(c + ": " + why);
            }
        }
        assertTrue(found.size() > 100, "only " + found.size() + " commands found in README.md and docs/");
        // the pages show these mistakes on purpose: an unknown option, a missing argument
        Set<String> onPurpose = Set.of("run ch2.semaphore --sleepms 5", "run ch4.futures 4");
        refused.removeIf(r -> onPurpose.stream().anyMatch(p -> r.contains("./cookbook " + p + ":")));
        assertEquals(List.of(), refused);
    }

    @Test
    void theExtractionSeesFencesProseAndJarCommandsAndTheRefusalsAreReal() throws Exception {
        List<String> all = commands().stream().map(Shown::toString).toList();
        assertTrue(all.stream().anyMatch(s -> s.endsWith(": ./cookbook run ch1.start-threads --messages 3 --pause-ms 500 --daemon")), all.toString());
        assertTrue(all.stream().anyMatch(s -> s.endsWith(": ./cookbook tour --chapter 1")));
        assertTrue(all.stream().anyMatch(s -> s.endsWith(": ./cookbook run ch3.mpi-topology --dev niodev --machines /tmp/machines.txt")));
        assertTrue(all.stream().anyMatch(s -> s.endsWith(": ./cookbook run ch4.futures 4")), "the shell's '; echo' is cut off");

        assertEquals("no subcommand 'benhc'", refusal(new Shown("t", List.of("benhc", "ch1.performance"), false)));
        assertEquals("no recipe 'ch2.semafore'", refusal(new Shown("t", List.of("run", "ch2.semafore"), false)));
        assertTrue(refusal(new Shown("t", List.of("run", "ch2.semaphore", "--sleepms", "5"), false)).contains("--sleep-ms"));
        assertTrue(refusal(new Shown("t", List.of("list", "--chapterr", "1"), false)) != null);
        assertEquals("recipe 'ch2.lock' has no benchmark", refusal(new Shown("t", List.of("bench", "ch2.lock"), false)));
        assertEquals("no page docs/chapter-9.md", refusal(new Shown("t", List.of("docs", "--check", "chapter-9.md"), false)));
    }
}
