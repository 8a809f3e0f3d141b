package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class WordCountMapReduceTest {

    static final Map<String, Long> BOOK = Map.ofEntries(Map.entry("are", 6L), Map.entry("know", 6L), Map.entry("we", 6L),
            Map.entry("there", 5L), Map.entry("do", 3L), Map.entry("not", 3L), Map.entry("that", 3L),
            Map.entry("things", 3L), Map.entry("known", 2L), Map.entry("unknowns", 2L), Map.entry("also", 1L),
            Map.entry("but", 1L), Map.entry("is", 1L), Map.entry("knowns", 1L), Map.entry("say", 1L),
            Map.entry("these", 1L), Map.entry("to", 1L), Map.entry("unknown", 1L));

    @Test
    void jetByHandAndSequentialGiveTheBooksCounts(@TempDir Path dir) throws Exception {
        assertEquals(BOOK, WordCountMapReduce.sequential(WordCountMapReduce.TEXT));
        assertEquals(BOOK, WordCountMapReduce.byHand(WordCountMapReduce.TEXT, 3, 4));
        assertEquals(BOOK, WordCountMapReduce.byHand(WordCountMapReduce.TEXT, 1, 1));
        try (var cluster = Cluster.embedded(2, true)) {
            assertEquals(BOOK, WordCountMapReduce.jet(cluster.entry(), WordCountMapReduce.TEXT));
            assertTrue(cluster.entry().getDistributedObjects().stream().noneMatch(o -> o.getName().startsWith("disco-")),
                    "the pipeline's input list and output map are destroyed: " + cluster.entry().getDistributedObjects());
        }
        var files = WordCountMapReduce.write(BOOK, dir);
        List<String> alpha = Files.readAllLines(files.get(0));
        assertEquals(18, alpha.size());
        assertEquals(alpha.stream().sorted().toList(), alpha, "alphabetical file sorted by word");
        assertEquals(List.of("also 1", "are 6", "but 1"), alpha.subList(0, 3), "each line is the word and its count");
        List<String> num = Files.readAllLines(files.get(1));
        assertEquals(List.of("are 6", "know 6", "we 6", "there 5", "do 3", "not 3", "that 3", "things 3", "known 2",
                "unknowns 2", "also 1", "but 1", "is 1", "knowns 1", "say 1", "these 1", "to 1", "unknown 1"), num);
    }

    @Test
    void wordsSkipsPunctuationAtTheStartOfALine() {
        assertArrayEquals(new String[] {"it's", "known", "2"}, WordCountMapReduce.words("  \"It's known: 2!\""));
    }
}
