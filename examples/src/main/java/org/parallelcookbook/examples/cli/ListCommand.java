package org.parallelcookbook.examples.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parallelcookbook.core.RecipeInfo;
import org.parallelcookbook.core.report.Json;
import org.parallelcookbook.core.report.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cookbook list}: every recipe found through the {@code @Recipe} index. */
@Command(name = "list", description = "List the recipes (id, chapter, module, class, title, book or extra).")
final class ListCommand implements Runnable {

    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Option(names = "--chapter", paramLabel = "N", description = "Only chapter N (1-6).")
    Integer chapter;

    @Option(names = "--json", description = "Print JSON: {\"recipes\":[...]}.")
    boolean json;

    @Option(names = "--markdown", description = "Print a Markdown table (for docs/README.md).")
    boolean markdown;

    @Override
    public void run() {
        Recipes.checkChapter(chapter);
        if (json && markdown) {
            throw new CookbookCli.UsageError("--json and --markdown are exclusive: pick one");
        }
        List<RecipeInfo> recipes = chapter == null ? Recipes.registry().all() : Recipes.registry().chapter(chapter);
        if (json) {
            List<Object> items = recipes.stream().map(ListCommand::toMap).map(m -> (Object) m).toList();
            System.out.println(Json.write(Map.of("recipes", items)));
        } else if (markdown) {
            TextTable t = new TextTable("id", "ch", "section", "Java class", "module", "runs on", "origin", "bench");
            recipes.forEach(r -> t.row("`" + r.id() + "`", r.chapter(), r.title(), "`" + r.simpleName() + "`",
                    r.module(), runsOn(r), r.origin(), r.bench() == null ? "" : "yes"));
            System.out.print(t.markdown());
        } else {
            TextTable t = new TextTable("id", "ch", "module", "class", "origin", "title");
            recipes.forEach(r -> t.row(r.id(), r.chapter(), r.module(), r.simpleName(), r.origin(), r.title()));
            System.out.print(t.render());
            System.out.println(recipes.size() + " recipes; run one with ./cookbook run <id>");
        }
    }

    /** What machinery runs the recipe, for the docs' recipe table. */
    static String runsOn(RecipeInfo r) {
        String c = r.simpleName();
        return switch (r.module()) {
            case "cookbook-core" -> c.contains("Process") || c.contains("Calling") ? "JDK threads, child JVMs" : "JDK threads";
            case "threads" -> "JDK threads";
            case "processes" -> "child JVMs";
            case "mpi" -> "MPJ Express ranks";
            case "async" -> c.equals("ExecutorPooling") ? "JDK executors, worker JVMs" : "JDK executors, event loop";
            case "distributed" -> c.startsWith("Rmi") || c.equals("RemoteProcedureCall") ? "Java RMI"
                    : c.startsWith("Csp") ? "JCSP" : c.startsWith("Socket") ? "sockets" : "Hazelcast";
            case "gpu" -> c.equals("GpuSumReduce") ? "OpenCL, Aparapi, CUDA" : c.startsWith("Cuda") || c.startsWith("Cublas") || c.startsWith("GpuArray") ? "CUDA (JCuda)"
                    : c.startsWith("Aparapi") ? "Aparapi" : "OpenCL (JOCL)";
            default -> r.module();
        };
    }

    static Map<String, Object> toMap(RecipeInfo r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("chapter", r.chapter());
        m.put("module", r.module());
        m.put("class", r.className());
        m.put("title", r.title());
        m.put("origin", r.origin());
        m.put("extra", r.extra());
        m.put("bench", r.bench() != null);
        return m;
    }
}
