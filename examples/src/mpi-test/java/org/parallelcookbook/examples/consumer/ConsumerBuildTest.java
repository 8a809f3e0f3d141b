package org.parallelcookbook.examples.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parallelcookbook.core.launch.ChildResult;
import org.parallelcookbook.core.launch.JvmLauncher;

/**
 * The cookbook used as a library by a project of someone else's (examples/consumer, README's
 * "Using a module as a library"): built with Maven against the artifacts this reactor build staged
 * in {@code target/consumer-repo} (the parent pom's stage-for-consumer execution), in a temporary
 * local repository fed read-only from the user's ~/.m2 and offline, so the user's own repository
 * never changes; then run with plain {@code java}. The tour checks its own results (it throws on a
 * wrong one); this test checks it finished, and that the consumer's javac did not run the
 * cookbook's recipe-index processor.
 *
 * <p>Compiled only where MPJ Express is present (src/mpi-test/java), because the tour uses the mpi
 * module.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ConsumerBuildTest {

    @TempDir
    Path temp;

    @Test
    void theConsumerBuildsAgainstTheStagedArtifactsAndItsTourPasses() throws Exception {
        Path root = Path.of(System.getProperty("cookbook.root"));
        Path staging = root.resolve("target/consumer-repo");
        for (String module : List.of("parallel-cookbook", "cookbook-core", "processes", "gpu", "mpi")) {
            assertTrue(Files.isDirectory(staging.resolve("org/parallelcookbook/" + module + "/1.0.0-SNAPSHOT")),
                    module + " staged by this build in " + staging);
        }
        assertTrue(Files.isDirectory(staging.resolve("org/parallelcookbook/cookbook-processor")),
                "the processor is staged too (the modules' poms name it, provided)");
        for (String module : List.of("cookbook-core", "processes", "gpu", "mpi")) {
            String stale = staleClass(root.resolve(module + "/target/classes"),
                    staging.resolve("org/parallelcookbook/" + module + "/1.0.0-SNAPSHOT"));
            Assumptions.assumeTrue(stale == null, "the artifacts staged in " + staging + " are not this build's ("
                    + module + ": " + stale + "): they are staged at verify, so this test runs under mvn verify"
                    + " (./cookbook test), not mvn test");
        }
        Path project = copy(root.resolve("examples/consumer"), temp.resolve("consumer"));
        Path repo = temp.resolve("repo");

        // README's install route for MPJ Express, into the temporary repository
        maven(project, repo, staging, "org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file",
                "-Dfile=" + System.getProperty("cookbook.mpj.jar"), "-DgroupId=mpjexpress", "-DartifactId=mpj",
                "-Dversion=0.44", "-Dpackaging=jar");
        maven(project, repo, staging, "package");

        Path classes = project.resolve("target/classes");
        assertTrue(Files.exists(classes.resolve("com/example/consumer/ProcessorProbe.class")),
                "the probe with a malformed recipe id compiled: the recipe-index processor did not run");
        assertFalse(Files.exists(classes.resolve("META-INF/cookbook/recipes.idx")),
                "no recipe index in the consumer's classes");
        String classpath = classes + java.io.File.pathSeparator
                + Files.readString(project.resolve("target/classpath.txt")).strip();
        assertFalse(classpath.contains("cookbook-processor"), "the processor is not on the consumer's class path");

        ChildResult tour = JvmLauncher.forMain("com.example.consumer.LibraryTour").classpath(classpath)
                .jvmOptions("--enable-native-access=ALL-UNNAMED").name("consumer-tour")
                .run(Duration.ofMinutes(5));
        String output = tour.stdout() + "\n--- stderr ---\n" + tour.stderr();
        assertEquals(0, tour.exitCode(), output);
        assertTrue(tour.stdout().contains("library tour: all checks passed"), output);
        assertTrue(tour.stdout().contains("sum of square roots"), "the scaling table names the workload:\n" + output);
    }

    private static void maven(Path project, Path repo, Path staging, String... goals) throws Exception {
        Path mvn = Path.of(System.getProperty("maven.home"), "bin", "mvn");
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-o", "-Daether.offline.protocols=file",
                "-s", project.resolve("settings.xml").toString(), "-Dmaven.repo.local=" + repo,
                "-Dcookbook.staging.url=" + staging.toUri()));
        command.addAll(List.of(goals));
        Path log = project.resolve("maven-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(8, TimeUnit.MINUTES)) {
                throw new AssertionError("mvn " + String.join(" ", goals) + " did not finish in 8 minutes");
            }
            assertEquals(0, p.exitValue(), "mvn " + String.join(" ", goals) + " failed:\n" + tail(log));
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** The first class of {@code classes} whose bytes differ from the newest staged jar's, or null. */
    private static String staleClass(Path classes, Path stagedVersion) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(stagedVersion)) {
            jar = files.filter(f -> f.toString().endsWith(".jar") && !f.toString().endsWith("-sources.jar")
                            && !f.toString().endsWith("-javadoc.jar"))
                    .max(Comparator.comparing(Path::toString)).orElse(null); // timestamped names sort in time order
        }
        if (jar == null) {
            return "no jar staged";
        }
        try (var zip = new ZipFile(jar.toFile()); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                ZipEntry entry = zip.getEntry(name);
                if (entry == null || !Arrays.equals(Files.readAllBytes(f), zip.getInputStream(entry).readAllBytes())) {
                    return name + " differs from " + jar.getFileName();
                }
            }
        }
        return null;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** The consumer's sources, pom and settings, without a target folder of an earlier hand-made build. */
    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(f -> !from.relativize(f).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }
}
