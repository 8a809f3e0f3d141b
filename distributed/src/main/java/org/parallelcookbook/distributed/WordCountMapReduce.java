package org.parallelcookbook.distributed;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.aggregate.AggregateOperations;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.Sources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * <b>Using MapReduce with Disco</b> (book chapter 5).
 *
 * <p>Disco (an Erlang and Python MapReduce framework that needs SSH and Linux) counts the words of a
 * short text: {@code map} strips punctuation and yields (word, 1), {@code reduce} sorts, groups with
 * {@code kvgroup} and sums; the results are written sorted alphabetically and by count. The text is
 * the "known knowns" passage: 47 words, 18 different ones.
 *
 * <p><b>Book bug:</b> the prose says the words are lowercased, the code does not lowercase (so
 * "There" and "there" would be two words), yet the printed table is lowercase. Here words are
 * lowercased, which gives the book's table.
 *
 * <p><b>Java:</b> the real engine first, a Hazelcast Jet batch pipeline on the cluster's members
 * (read the lines from a distributed list, flat-map to words, group by word, count, write to a
 * distributed map): Jet is the Java descendant of what Disco did. Then the same map / shuffle /
 * reduce written out by hand on an {@code ExecutorService} (map tasks per chunk of lines, the
 * shuffle partitions the pairs by the word's hash, one reduce task per partition) to show the
 * mechanics, and a sequential reference. All three agree. The results go to
 * {@code SortAlphabetical.txt} and {@code SortNumerical.txt} (count descending, ties alphabetical).
 *
 * <p>Run: {@code ./cookbook run ch5.disco [--out DIR] [--member HOST:PORT]} (workers need Jet, the
 * default of {@code ./cookbook worker}).
 */
@Recipe(id = "ch5.disco", chapter = 5, title = "Using MapReduce with Disco")
public final class WordCountMapReduce {

    /** The text (47 words). */
    public static final List<String> TEXT = List.of(
            "There are known knowns.",
            "These are things we know that we know.",
            "There are known unknowns.",
            "That is to say, there are things that we know we do not know.",
            "But there are also unknown unknowns.",
            "There are things we do not know we do not know.");

    private WordCountMapReduce() {
    }

    /** The words of a line: punctuation stripped, lowercased. */
    public static String[] words(String line) {
        return Arrays.stream(line.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+"))
                .filter(w -> !w.isEmpty()).toArray(String[]::new);
    }

    /** The reference: a plain loop. */
    public static Map<String, Long> sequential(List<String> lines) {
        var counts = new TreeMap<String, Long>();
        for (String line : lines) {
            for (String w : words(line)) {
                counts.merge(w, 1L, Long::sum);
            }
        }
        return counts;
    }

    /** The Jet pipeline on the cluster. */
    public static Map<String, Long> jet(HazelcastInstance hz, List<String> lines) {
        String id = HazelcastSetup.freshClusterName();
        var input = hz.<String>getList("disco-input-" + id);
        var output = hz.<String, Long>getMap("disco-counts-" + id);
        try {
            input.addAll(lines);
            var pipeline = Pipeline.create();
            pipeline.readFrom(Sources.list(input))
                    .flatMap(line -> Traversers.traverseArray(words(line)))
                    .groupingKey(word -> word)
                    .aggregate(AggregateOperations.counting())
                    .writeTo(Sinks.map(output));
            hz.getJet().newJob(pipeline).join();
            return new TreeMap<>(output);
        } finally {
            input.destroy();
            output.destroy();
        }
    }

    /** Map, shuffle by hash into {@code partitions}, reduce: by hand on a thread pool. */
    public static Map<String, Long> byHand(List<String> lines, int mappers, int partitions) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(mappers, partitions))) {
            // map: each task turns its chunk of lines into (word, 1) pairs, already split by partition
            List<Future<List<List<String>>>> mapped = new ArrayList<>();
            for (int m = 0; m < mappers; m++) {
                List<String> chunk = lines.subList(m * lines.size() / mappers, (m + 1) * lines.size() / mappers);
                mapped.add(pool.submit(() -> {
                    List<List<String>> byPartition = new ArrayList<>();
                    for (int p = 0; p < partitions; p++) {
                        byPartition.add(new ArrayList<>());
                    }
                    for (String line : chunk) {
                        for (String w : words(line)) {
                            byPartition.get(Math.floorMod(w.hashCode(), partitions)).add(w);
                        }
                    }
                    return byPartition;
                }));
            }
            // shuffle: partition p gets every mapper's pairs for p
            List<List<String>> shuffled = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                shuffled.add(new ArrayList<>());
            }
            for (var f : mapped) {
                List<List<String>> parts = f.get();
                for (int p = 0; p < partitions; p++) {
                    shuffled.get(p).addAll(parts.get(p));
                }
            }
            // reduce: sort, group (kvgroup) and sum within each partition
            List<Future<Map<String, Long>>> reduced = new ArrayList<>();
            for (List<String> part : shuffled) {
                reduced.add(pool.submit(() -> part.stream().sorted()
                        .collect(Collectors.groupingBy(w -> w, TreeMap::new, Collectors.counting()))));
            }
            var counts = new TreeMap<String, Long>();
            for (var f : reduced) {
                counts.putAll(f.get()); // partitions hold disjoint words
            }
            return counts;
        }
    }

    /** Count descending, ties alphabetical. */
    public static List<Map.Entry<String, Long>> numerical(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .toList();
    }

    /** Writes SortAlphabetical.txt and SortNumerical.txt ("word count" lines) into {@code dir}. */
    public static List<Path> write(Map<String, Long> counts, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path alpha = dir.resolve("SortAlphabetical.txt");
        Path num = dir.resolve("SortNumerical.txt");
        Files.write(alpha, new TreeMap<>(counts).entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList(),
                StandardCharsets.UTF_8);
        Files.write(num, numerical(counts).stream().map(e -> e.getKey() + " " + e.getValue()).toList(), StandardCharsets.UTF_8);
        return List.of(alpha, num);
    }

    public static void main(String[] args) {
        var options = Cluster.declare(RecipeOptions.of(WordCountMapReduce.class))
                .stringOption("--out", null, "also write the word counts to this file");
        RecipeMain.run(args, options, opt -> {
            String out = opt.string("--out");
            Path dir = out != null ? Path.of(out) : Files.createTempDirectory("ch5-disco");
            Map<String, Long> jet;
            try (var cluster = Cluster.fromOptions(opt, 2, true)) {
                jet = jet(cluster.entry(), TEXT);
                System.out.printf("Jet pipeline on %d members: %d words, %d distinct%n", cluster.memberList().size(),
                        jet.values().stream().mapToLong(Long::longValue).sum(), jet.size());
            }
            var hand = byHand(TEXT, 3, 4);
            var reference = sequential(TEXT);
            System.out.println("by-hand map/shuffle/reduce agrees: " + hand.equals(jet)
                    + "; sequential reference agrees: " + reference.equals(jet));
            var files = write(jet, dir);
            System.out.println("by count (" + files.get(1) + "):");
            for (var e : numerical(jet)) {
                System.out.printf("  %-9s %d%n", e.getKey(), e.getValue());
            }
            System.out.println("alphabetical list in " + files.get(0));
            if (!hand.equals(jet) || !reference.equals(jet)) {
                throw new IllegalStateException("the three word counts disagree");
            }
        });
    }
}
