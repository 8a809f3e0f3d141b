package org.parallelcookbook.examples.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README's "Using a module as a library" shows exactly the code of examples/consumer, which
 * ConsumerBuildTest compiles and runs: every block marked {@code <!-- consumer: PATH -->} equals
 * that file, and the tour and its rank class are both shown.
 */
class ReadmeLibrarySectionTest {

    private static final Pattern BLOCK = Pattern.compile("<!-- consumer: (\\S+) -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void readmeShowsTheConsumersCodeExactly() throws IOException {
        Path root = Path.of(System.getProperty("cookbook.root"));
        String readme = Files.readString(root.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Using a module as a library"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        Map<String, String> shown = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(section);
        while (m.find()) {
            shown.put(m.group(1), m.group(2));
        }
        assertEquals(java.util.List.of("src/main/java/com/example/consumer/LibraryTour.java",
                "src/main/java/com/example/consumer/SumRanks.java"), java.util.List.copyOf(shown.keySet()),
                "the library section shows the tour and its rank class");
        for (var e : shown.entrySet()) {
            Path file = root.resolve("examples/consumer").resolve(e.getKey());
            assertEquals(Files.readString(file).stripTrailing(), e.getValue().stripTrailing(),
                    "README's copy of " + e.getKey() + " differs from the file the consumer build runs");
        }
        for (String module : java.util.List.of("cookbook-core", "processes", "gpu", "mpi", "async")) {
            assertTrue(section.contains("<artifactId>" + module + "</artifactId>"), "dependency snippet for " + module);
        }
        assertTrue(section.contains("<scope>provided</scope>") && section.contains("install:install-file"),
                "MPJ Express: provided, with its install route");
    }
}
