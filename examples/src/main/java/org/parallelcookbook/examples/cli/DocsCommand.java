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
 * first line is {@code $ ./cookbook ...}. The command runs each documented command in its own JVM
 * and writes its standard output into the fence; {@code --check} compares instead of writing
 * (exact blocks line for line, shape blocks by their table headers and column counts) and exits 1
 * on drift. The docs test runs the check.
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

    /** One marked block of a page: its kind, attributes and where it sits. */
    record Block(String page, int markerLine, String kind, Map<String, String> attributes, List<String> command,
                 int fenceOpen, int fenceClose, List<String> shown) {

        String commandLine() {
            return "./cookbook " + String.join(" ", command);
        }
    }

    /** A block whose output differs from what the code prints now. */
    record Drift(Block block, String what) {
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
        int blocks = 0;
        for (Path f : files) {
            List<Block> found = blocks(f);
            blocks += found.size();
            if (check) {
                for (Drift d : check(f, found, Duration.ofSeconds(timeoutSeconds))) {
                    System.out.println(f.getFileName() + ":" + (d.block().markerLine() + 1) + ": " + d.block().commandLine()
                            + ": " + d.what());
                    drifts++;
                }
            } else if (!found.isEmpty()) {
                regenerate(f, found, Duration.ofSeconds(timeoutSeconds), all);
            }
        }
        System.out.println(blocks + " marked block(s) in " + files.size() + " page(s)"
                + (check ? (drifts == 0 ? ", all as the code prints them now" : ", " + drifts + " drifted") : " regenerated"));
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
            if (open + 1 >= lines.size() || !lines.get(open + 1).startsWith("$ ./cookbook ")) {
                throw new CookbookCli.UsageError(where + ": a marked block is a fence whose first line is '$ ./cookbook ...'");
            }
            int close = open + 2;
            while (close < lines.size() && !lines.get(close).startsWith("```")) {
                close++;
            }
            if (close >= lines.size()) {
                throw new CookbookCli.UsageError(where + ": the fence is not closed");
            }
            for (int k = open + 2; k < close; k++) {
                if (lines.get(k).startsWith("$ ")) {
                    throw new CookbookCli.UsageError(where + ": a marked fence shows one command; split it at line " + (k + 1));
                }
            }
            // a shell comment after the command ("# 1 vs 2 worker JVMs") is the page's, not an argument
            String commandText = lines.get(open + 1).substring("$ ./cookbook ".length()).replaceFirst("\\s+#.*$", "").strip();
            List<String> command = List.of(commandText.split("\\s+"));
            out.add(new Block(page.getFileName().toString(), i, m.group(1), attributes, command, open, close,
                    List.copyOf(lines.subList(open + 2, close))));
            i = close;
        }
        return out;
    }

    /** Runs a documented command ({@code ./cookbook ARGS}) in its own JVM; its standard output. */
    static List<String> output(List<String> command, Duration timeout) throws IOException, InterruptedException {
        JvmLauncher launcher = JvmLauncher.forMain(CookbookCli.class).name("docs " + String.join(" ", command)).args(command)
                .jvmOptions(TourCommand.JVM_OPTIONS.toArray(String[]::new))
                .jvmOptions(Runtime.version().feature() >= 24 ? new String[] {"--sun-misc-unsafe-memory-access=allow"} : new String[0]);
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
        if (r.exitCode() != 0) {
            String last = r.stderrLines().stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
            throw new IllegalStateException("./cookbook " + String.join(" ", command) + " exited " + r.exitCode() + ": " + last);
        }
        return r.stdoutLines().stream().map(String::stripTrailing).toList();
    }

    /** The note the generator writes under a marker: where and when, and what may differ. */
    static String note(Block b) {
        String machine = machine();
        return switch (b.kind()) {
            case "exact" -> "*Output of `" + b.commandLine() + "` (the same on every run; checked by the docs test).*";
            case "shape" -> "*One run on " + machine + "; the times differ from run to run and machine to machine (the docs"
                    + " test checks the table's columns).*";
            case "varies" -> "*One run on " + machine + "; the output varies from run to run ("
                    + b.attributes().getOrDefault("why", "scheduling") + ").*";
            default -> "*Measured earlier on an idle machine (" + b.attributes().getOrDefault("why", "benchmark figures")
                    + "); kept as it is until someone regenerates it on an idle machine: `./cookbook docs --all " + b.page() + "`.*";
        };
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

    /** Runs every block's command (but not the blocks marked regenerate) and writes the page. */
    static void regenerate(Path page, List<Block> blocks, Duration timeout, boolean all) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>(Files.readAllLines(page));
        for (int k = blocks.size() - 1; k >= 0; k--) { // from the end, so earlier line numbers stay valid
            Block b = blocks.get(k);
            List<String> fresh = new ArrayList<>();
            fresh.add(lines.get(b.markerLine()));
            String old = lines.get(b.markerLine() + 1);
            boolean keep = b.kind().equals("regenerate") && !all;
            fresh.add(keep && old.startsWith("*Measured") ? old
                    : b.kind().equals("regenerate") ? note(b).replace("Measured earlier on an idle machine", "Measured on " + machine()) : note(b));
            fresh.add("");
            fresh.add(lines.get(b.fenceOpen()));
            fresh.add(lines.get(b.fenceOpen() + 1));
            if (keep) {
                fresh.addAll(b.shown());
            } else {
                System.err.println("docs: " + b.page() + ": " + b.commandLine());
                fresh.addAll(output(b.command(), timeout));
            }
            fresh.add(lines.get(b.fenceClose()));
            List<String> region = lines.subList(b.markerLine(), b.fenceClose() + 1);
            region.clear();
            region.addAll(fresh);
        }
        Files.write(page, lines);
    }

    /** What differs between each block and what the code prints now. */
    static List<Drift> check(Path page, List<Block> blocks, Duration timeout) throws IOException, InterruptedException {
        List<Drift> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(page);
        for (Block b : blocks) {
            String noteLine = lines.get(b.markerLine() + 1);
            if (!noteFits(b, noteLine)) {
                out.add(new Drift(b, "the note above the block is missing or not the generator's (run ./cookbook docs "
                        + b.page() + ")"));
                continue;
            }
            switch (b.kind()) {
                case "exact" -> {
                    List<String> now = output(b.command(), timeout);
                    if (!now.equals(b.shown())) {
                        out.add(new Drift(b, "prints something else now: " + firstDifference(b.shown(), now)));
                    }
                }
                case "shape", "regenerate" -> {
                    if (b.kind().equals("regenerate") && !b.attributes().containsKey("test-args")) {
                        continue; // a benchmark table that waits for the idle machine: not compared
                    }
                    List<String> args = new ArrayList<>(b.command());
                    String extra = b.attributes().get("test-args");
                    if (extra != null) {
                        args.addAll(List.of(extra.split("\\s+")));
                    }
                    List<String> now = output(args, timeout);
                    String was = shape(b.shown());
                    String is = shape(now);
                    if (!was.equals(is)) {
                        out.add(new Drift(b, "the tables' shape changed: was [" + was + "], is [" + is + "]"));
                    }
                }
                default -> {
                    // varies, regenerate: not compared; the command must still be one the code accepts
                }
            }
        }
        return out;
    }

    /** Whether the note under a marker is the generator's for that kind of block (any machine, any date). */
    static boolean noteFits(Block b, String line) {
        return switch (b.kind()) {
            case "exact" -> line.equals(note(b));
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
