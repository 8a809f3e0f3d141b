package org.parallelcookbook.examples.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.launch.ChildResult;
import org.parallelcookbook.core.launch.JvmLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cookbook docs}: the outputs shown in docs/ are generated, never pasted. A page marks a
 * block with a comment above its fence:
 *
 * <pre>
 * &lt;!-- output: exact --&gt;                      the same every run (seeded, fixed sizes, virtual time)
 * &lt;!-- output: shape; test-args: --repeats 1 --&gt;  timings: only the tables' headers are checked
 * &lt;!-- output: varies; why: thread interleaving --&gt;  differs from run to run
 * &lt;!-- output: regenerate; why: benchmark tables --&gt;  kept until regenerated on an idle machine
 *                                                     (with test-args: its tables' shape is checked)
 * </pre>
 *
 * followed by a note line the command writes (where, when, and what may differ) and a fence whose
 * first line is {@code $ ./cookbook ...}. A fence may show several commands, each on its own
 * {@code $ ./cookbook ...} line followed by its output (a blank line before the next command).
 * The generator runs each documented command in its own JVM, in the checkout (so
 * {@code --chart docs/img/x.png} writes the page's image), and writes its standard output into the
 * fence; {@code --check} compares instead of writing (exact blocks line for line, shape blocks by
 * their table headers and column counts; the commands run in a scratch directory, so the files they
 * write leave the page's alone) and exits 1 on drift. The docs test runs the check.
 *
 * <p>A command that needs a part some machines lack (a recipe exits 77 without it) is marked
 * {@code needs: WHAT}, e.g. {@code <!-- output: varies; why: the GPUs of this machine; needs: an
 * NVIDIA GPU with CUDA -->}. Where it exits 77 the generator keeps the block that a machine with the
 * part wrote, and {@code --check} says in one line that the block was not checked here (no drift);
 * until such a machine ran it, the block shows the skip under a note that says it is not generated
 * yet. A block without {@code needs} whose command exits 77 fails the generator and the check.
 */
@Command(name = "docs", description = "Regenerate the outputs shown in docs/ (between <!-- output: ... --> markers), or --check them.")
final class DocsCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Option(names = "--check", description = "Compare each block with what the code prints now; write nothing; exit 1 on drift.")
    boolean check;

    @Option(names = "--all", description = "Also run the blocks marked regenerate (benchmark tables: on an idle machine only).")
    boolean all;

    @Option(names = "--dir", paramLabel = "DIR", description = "The docs directory (default: docs/ of this checkout).")
    Path dir;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Limit per command (default ${DEFAULT-VALUE}).")
    int timeoutSeconds = 600;

    @Parameters(paramLabel = "PAGE", arity = "0..*", description = "Only these pages (file names in the docs directory).")
    List<String> pages = new ArrayList<>();

    static final Pattern MARKER = Pattern.compile("^<!-- output: (exact|shape|varies|regenerate)(;.*)? -->$");

    static final String PROMPT = "$ ./cookbook ";

    /** Extra options for the JVMs the documented commands run in (a test hook: e.g. hide the CUDA libraries). */
    static volatile List<String> childJvmOptions = List.of();

    /**
     * One marked block of a page: its kind, attributes, where it sits, the commands its fence
     * shows (each on its {@code $ ./cookbook} line, as written) and the fence's lines between them.
     */
    record Block(String page, int markerLine, String kind, Map<String, String> attributes, List<String> commandLines,
                 List<List<String>> commands, int fenceOpen, int fenceClose, List<String> shown) {

        /** The first (in most blocks the only) command's arguments after {@code ./cookbook}. */
        List<String> command() {
            return commands.getFirst();
        }

        String commandLine() {
            return commands.stream().map(c -> "./cookbook " + String.join(" ", c)).reduce((a, b) -> a + "; " + b).orElseThrow();
        }

        /** What the commands need that a machine may lack ({@code needs: an NVIDIA GPU ...}), or null. */
        String needs() {
            return attributes.get("needs");
        }

        String where() {
            return page + ":" + (markerLine + 1);
        }
    }

    /**
     * A block whose output differs from what the code prints now; or, with {@code notice}, one that
     * could not be checked here (its command needs a part this machine lacks), which is no drift.
     */
    record Drift(Block block, String what, boolean notice) {
        Drift(Block block, String what) {
            this(block, what, false);
        }
    }

    /** One documented command's run: its exit status and what it printed. */
    record Run(int exitCode, List<String> stdout, List<String> stderr) {

        /** The last non-blank line of standard error (the one-line reason of a skip or failure). */
        String reason() {
            return stderr.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
        }

        boolean unavailable() {
            return exitCode == RecipeMain.EXIT_UNAVAILABLE;
        }
    }

    @Override
    public Integer call() throws Exception {
        Path docs = dir != null ? dir : defaultDocs();
        List<Path> files = new ArrayList<>();
        if (pages.isEmpty()) {
            try (var s = Files.list(docs)) {
                s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            }
        } else {
            for (String p : pages) {
                Path f = docs.resolve(p);
                if (!Files.isRegularFile(f)) {
                    throw new CookbookCli.UsageError("no page " + f);
                }
                files.add(f);
            }
        }
        int drifts = 0;
        int notices = 0;
        int blocks = 0;
        for (Path f : files) {
            List<Block> found = blocks(f);
            blocks += found.size();
            if (check) {
                for (Drift d : check(f, found, Duration.ofSeconds(timeoutSeconds))) {
                    System.out.println(d.block().where() + ": " + d.block().commandLine() + ": " + d.what());
                    if (d.notice()) {
                        notices++;
                    } else {
                        drifts++;
                    }
                }
            } else if (!found.isEmpty()) {
                regenerate(f, found, Duration.ofSeconds(timeoutSeconds), all);
            }
        }
        String unchecked = notices == 0 ? "" : " (" + notices + " not checked here: they need a part this machine lacks)";
        System.out.println(blocks + " marked block(s) in " + files.size() + " page(s)"
                + (check ? (drifts == 0 ? ", all as the code prints them now" : ", " + drifts + " drifted") + unchecked
                        : " regenerated"));
        return drifts == 0 ? 0 : 1;
    }

    static Path defaultDocs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.isRegularFile(p.resolve("cookbook"))) {
                return p.resolve("docs");
            }
        }
        throw new CookbookCli.UsageError("no docs/ directory here or above; give --dir DIR");
    }

    /** The marked blocks of a page, in order. */
    static List<Block> blocks(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i).strip());
            if (!m.matches()) {
                continue;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            if (m.group(2) != null) {
                for (String part : m.group(2).substring(1).split(";")) {
                    int colon = part.indexOf(':');
                    if (colon > 0) {
                        attributes.put(part.substring(0, colon).strip(), part.substring(colon + 1).strip());
                    }
                }
            }
            int open = i + 1;
            while (open < lines.size() && !lines.get(open).startsWith("```")) {
                open++;
            }
            String where = page.getFileName() + ":" + (i + 1);
            if (open + 1 >= lines.size() || !lines.get(open + 1).startsWith(PROMPT)) {
                throw new CookbookCli.UsageError(where + ": a marked block is a fence whose first line is '$ ./cookbook ...'");
            }
            int close = open + 2;
            while (close < lines.size() && !lines.get(close).startsWith("```")) {
                close++;
            }
            if (close >= lines.size()) {
                throw new CookbookCli.UsageError(where + ": the fence is not closed");
            }
            List<String> commandLines = new ArrayList<>();
            List<List<String>> commands = new ArrayList<>();
            for (int k = open + 1; k < close; k++) {
                String line = lines.get(k);
                if (line.startsWith(PROMPT)) {
                    commandLines.add(line);
                    // a shell comment after the command ("# 1 vs 2 worker JVMs") is the page's, not an argument
                    String text = line.substring(PROMPT.length()).replaceFirst("\\s+#.*$", "").strip();
                    commands.add(List.of(text.split("\\s+")));
                } else if (line.startsWith("$ ")) {
                    throw new CookbookCli.UsageError(where + ": line " + (k + 1) + " of a marked fence is a command the"
                            + " generator cannot run; each command is '$ ./cookbook ...'");
                }
            }
            out.add(new Block(page.getFileName().toString(), i, m.group(1), attributes, List.copyOf(commandLines),
                    List.copyOf(commands), open, close, List.copyOf(lines.subList(open + 1, close))));
            i = close;
        }
        return out;
    }

    /**
     * Runs a documented command ({@code ./cookbook ARGS}) in its own JVM, in {@code workDir} (where
     * its relative paths, such as {@code --chart docs/img/x.png}, resolve).
     */
    static Run execute(List<String> command, Duration timeout, Path workDir) throws IOException, InterruptedException {
        JvmLauncher launcher = JvmLauncher.forMain(CookbookCli.class).name("docs " + String.join(" ", command)).args(command)
                .jvmOptions(TourCommand.JVM_OPTIONS.toArray(String[]::new))
                .jvmOptions(Runtime.version().feature() >= 24 ? new String[] {"--sun-misc-unsafe-memory-access=allow"} : new String[0])
                .jvmOptions(childJvmOptions.toArray(String[]::new))
                .workingDirectory(workDir);
        if (command.get(0).equals("bench")) {
            // as ./cookbook bench: the Vector API row of chapter 6's benchmark needs jdk.incubator.vector
            launcher.jvmOptions(TourCommand.BENCH_JVM_OPTIONS.toArray(String[]::new));
        }
        ChildResult r;
        try {
            r = launcher.run(timeout);
        } catch (TimeoutException e) {
            throw new IllegalStateException("./cookbook " + String.join(" ", command) + " still ran after " + timeout.toSeconds() + " s");
        }
        return new Run(r.exitCode(), r.stdoutLines().stream().map(String::stripTrailing).toList(), r.stderrLines());
    }

    /** A command's standard output; fails unless it exited 0. */
    static List<String> output(List<String> command, Duration timeout, Path workDir) throws IOException, InterruptedException {
        Run r = execute(command, timeout, workDir);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(failure(command, r));
        }
        return r.stdout();
    }

    private static String failure(List<String> command, Run r) {
        return "./cookbook " + String.join(" ", command) + " exited " + r.exitCode() + ": " + r.reason()
                + (r.unavailable() ? " (a block whose command needs a part some machines lack is marked 'needs: WHAT')" : "");
    }

    /** The fence's lines for these outputs: each command's line, then what it printed; a blank line between. */
    static List<String> body(Block b, List<List<String>> outputs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < b.commands().size(); i++) {
            List<String> o = new ArrayList<>(outputs.get(i));
            if (i > 0) {
                out.add("");
            }
            if (i < b.commands().size() - 1) {
                while (!o.isEmpty() && o.getLast().isBlank()) {
                    o.removeLast();
                }
            }
            out.add(b.commandLines().get(i));
            out.addAll(o);
        }
        return out;
    }

    /** The note the generator writes under a marker: where and when, and what may differ. */
    static String note(Block b) {
        String machine = machine();
        String kindNote = switch (b.kind()) {
            case "exact" -> "*Output of `" + b.commandLine() + "` (the same on every run; checked by the docs test).*";
            case "shape" -> "*One run on " + machine + "; the times differ from run to run and machine to machine (the docs"
                    + " test checks the table's columns).*";
            case "varies" -> "*One run on " + machine + "; the output varies from run to run ("
                    + b.attributes().getOrDefault("why", "scheduling") + ").*";
            default -> "*Measured on " + machine + ", idle (" + b.attributes().getOrDefault("why", "benchmark figures")
                    + "); regenerated only on purpose, on an idle machine: `./cookbook docs --all " + b.page() + "`.*";
        };
        return b.needs() == null ? kindNote : kindNote + needsSuffix(b);
    }

    /** What a generated block whose command needs a part adds to its kind's note. */
    static String needsSuffix(Block b) {
        return " *Needs " + b.needs() + ": where that is missing the command exits 77, and the generator keeps this block.*";
    }

    /** The note of a block that needs a part no machine that ran the generator had: it shows the skip. */
    static String pendingNote(Block b) {
        return "*Needs " + b.needs() + ", which " + machine() + " lacks: the output is not generated yet; here the"
                + " command prints why and exits 77 (below). `./cookbook docs " + b.page() + "` on a machine with it"
                + " writes its output here.*";
    }

    /**
     * Whether a block whose command needs a part was never generated on a machine with it (it shows
     * the skip, or nothing yet): its note is not the one the generator writes after a run with the part.
     */
    static boolean pending(Block b, List<String> lines) {
        return b.needs() != null && !lines.get(b.markerLine() + 1).endsWith(needsSuffix(b));
    }

    static String machine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "this machine";
        }
        String memory = "";
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = String.format(Locale.ROOT, ", %.0f GiB", os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return String.format(Locale.ROOT, "%s (%d cores%s, JDK %s, %s)", host, Runtime.getRuntime().availableProcessors(),
                memory, Runtime.version().feature(), LocalDate.now(ZoneOffset.UTC));
    }

    /** The checkout a docs directory belongs to: where the documented commands run. */
    static Path root(Path page) {
        return page.toAbsolutePath().getParent().getParent();
    }

    /**
     * Runs every block's commands (but not the blocks marked regenerate, unless {@code all}) in the
     * checkout and writes the page. A command that exits 77 (a part this machine lacks) leaves its
     * block as it is, and says so; a block not marked {@code needs} fails instead.
     */
    static void regenerate(Path page, List<Block> blocks, Duration timeout, boolean all) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>(Files.readAllLines(page));
        for (int k = blocks.size() - 1; k >= 0; k--) { // from the end, so earlier line numbers stay valid
            Block b = blocks.get(k);
            String old = lines.get(b.markerLine() + 1);
            boolean keep = b.kind().equals("regenerate") && !all;
            List<String> fresh = new ArrayList<>();
            fresh.add(lines.get(b.markerLine()));
            if (keep) {
                fresh.add(old.startsWith("*Measured") || old.startsWith("*Needs ") ? old : note(b));
                fresh.add("");
                fresh.add(lines.get(b.fenceOpen()));
                fresh.addAll(b.shown());
            } else {
                System.err.println("docs: " + b.page() + ": " + b.commandLine());
                List<Run> runs = new ArrayList<>();
                for (List<String> c : b.commands()) {
                    runs.add(execute(c, timeout, root(page)));
                }
                for (int i = 0; i < runs.size(); i++) {
                    Run r = runs.get(i);
                    if (r.exitCode() != 0 && !(r.unavailable() && b.needs() != null)) {
                        throw new IllegalStateException(b.where() + ": " + failure(b.commands().get(i), r) + "; "
                                + page.getFileName() + " not written");
                    }
                }
                Run skipped = runs.stream().filter(Run::unavailable).findFirst().orElse(null);
                if (skipped != null && !pending(b, lines)) {
                    System.err.println("docs: " + b.where() + ": skipped here (exit 77: " + skipped.reason() + "); the block"
                            + " from a machine with " + b.needs() + " is kept as it is");
                    continue;
                }
                if (skipped != null) {
                    System.err.println("docs: " + b.where() + ": needs " + b.needs() + ", skipped here (exit 77: "
                            + skipped.reason() + "); the block shows the skip, marked as not generated yet");
                }
                fresh.add(skipped != null ? pendingNote(b) : note(b));
                fresh.add("");
                fresh.add(lines.get(b.fenceOpen()));
                List<List<String>> outputs = new ArrayList<>();
                for (Run r : runs) {
                    List<String> o = new ArrayList<>(r.stdout());
                    if (r.unavailable()) {
                        o.add(r.reason());
                        o.add("(exit " + r.exitCode() + ")");
                    }
                    outputs.add(o);
                }
                fresh.addAll(body(b, outputs));
            }
            fresh.add(lines.get(b.fenceClose()));
            List<String> region = lines.subList(b.markerLine(), b.fenceClose() + 1);
            region.clear();
            region.addAll(fresh);
        }
        Files.write(page, lines);
    }

    /**
     * What differs between each block and what the code prints now. The commands run in a scratch
     * directory (with the docs directory's folders), so the files they write leave the page's alone.
     */
    static List<Drift> check(Path page, List<Block> blocks, Duration timeout) throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("cookbook-docs-check");
        try {
            Path docs = page.toAbsolutePath().getParent();
            try (var dirs = Files.walk(docs)) {
                for (Path d : dirs.filter(Files::isDirectory).toList()) {
                    Files.createDirectories(scratch.resolve(docs.getFileName().toString()).resolve(docs.relativize(d).toString()));
                }
            }
            return check(page, blocks, timeout, scratch);
        } finally {
            try (var all = Files.walk(scratch)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static List<Drift> check(Path page, List<Block> blocks, Duration timeout, Path workDir)
            throws IOException, InterruptedException {
        List<Drift> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(page);
        for (Block b : blocks) {
            String noteLine = lines.get(b.markerLine() + 1);
            if (!noteFits(b, noteLine)) {
                out.add(new Drift(b, "the note above the block is missing or not the generator's (run ./cookbook docs "
                        + b.page() + ")"));
                continue;
            }
            boolean compared = switch (b.kind()) {
                case "exact", "shape" -> true;
                case "regenerate" -> b.attributes().containsKey("test-args"); // else a table that waits for the idle machine
                default -> false; // varies: not compared
            };
            if (!compared && b.needs() == null) {
                continue;
            }
            List<String> extra = b.kind().equals("exact") || !b.attributes().containsKey("test-args") ? List.of()
                    : List.of(b.attributes().get("test-args").split("\\s+"));
            List<List<String>> outputs = new ArrayList<>();
            Drift failed = null;
            for (List<String> c : b.commands()) {
                List<String> args = new ArrayList<>(c);
                args.addAll(extra);
                Run r = execute(args, timeout, workDir);
                if (r.unavailable() && b.needs() != null) {
                    failed = new Drift(b, "not checked here: needs " + b.needs() + " (exit 77: " + r.reason() + ")", true);
                    break;
                }
                if (r.exitCode() != 0) {
                    failed = new Drift(b, failure(args, r));
                    break;
                }
                outputs.add(r.stdout());
            }
            if (failed != null) {
                out.add(failed);
                continue;
            }
            if (pending(b, lines)) {
                out.add(new Drift(b, "needs " + b.needs() + ", which is here: generate its output with ./cookbook docs " + b.page()));
                continue;
            }
            if (!compared) {
                continue;
            }
            List<String> now = body(b, outputs);
            if (b.kind().equals("exact")) {
                if (!now.equals(b.shown())) {
                    out.add(new Drift(b, "prints something else now: " + firstDifference(b.shown(), now)));
                }
            } else {
                String was = shape(b.shown());
                String is = shape(now);
                if (!was.equals(is)) {
                    out.add(new Drift(b, "the tables' shape changed: was [" + was + "], is [" + is + "]"));
                }
            }
        }
        return out;
    }

    /** Whether the note under a marker is the generator's for that kind of block (any machine, any date). */
    static boolean noteFits(Block b, String line) {
        if (b.needs() != null) {
            if (line.startsWith("*Needs " + b.needs() + ", which ") && line.endsWith(" writes its output here.*")) {
                return true;
            }
            if (!line.endsWith(needsSuffix(b))) {
                return false;
            }
            line = line.substring(0, line.length() - needsSuffix(b).length());
        }
        return switch (b.kind()) {
            case "exact" -> line.equals(note(b).substring(0, note(b).length() - (b.needs() == null ? 0 : needsSuffix(b).length())));
            case "shape" -> line.startsWith("*One run on ") && line.endsWith("(the docs test checks the table's columns).*");
            case "varies" -> line.startsWith("*One run on ") && line.contains("; the output varies from run to run (");
            default -> line.startsWith("*") && line.endsWith("*");
        };
    }

    /**
     * The shape of an output: each table's header line (a line underlined by a rule of dashes) with
     * its column count, and whether every row of it has as many columns.
     */
    static String shape(List<String> lines) {
        List<String> tables = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            String rule = lines.get(i + 1).strip();
            if (rule.matches("-+( +-+)+") || rule.matches("\\|?(-+\\|)+-*\\|?")) {
                int columns = rule.split(" +").length;
                boolean markdown = rule.contains("|");
                if (markdown) {
                    columns = lines.get(i).split("\\|", -1).length - 2;
                }
                String header = lines.get(i).strip().replaceAll(" {2,}", " | ");
                tables.add(header + " (" + columns + " columns)");
            }
        }
        return String.join("; ", tables);
    }

    private static String firstDifference(List<String> was, List<String> now) {
        for (int i = 0; i < Math.max(was.size(), now.size()); i++) {
            String a = i < was.size() ? was.get(i) : "(nothing)";
            String b = i < now.size() ? now.get(i) : "(nothing)";
            if (!a.equals(b)) {
                return "line " + (i + 1) + " was '" + a + "', is '" + b + "'";
            }
        }
        return "no difference";
    }
}
