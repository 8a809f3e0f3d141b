package org.parallelcookbook.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parallelcookbook.core.launch.ChildMain;
import org.parallelcookbook.core.launch.ChildResult;
import org.parallelcookbook.core.launch.JvmLauncher;

/**
 * The start-up archives of {@link StartupTuning}, built for real by child JVMs. The JDK archives
 * classes from jar files only, and Surefire's class path has directories ({@code target/classes}),
 * so each test packs the directories its children need into jars and hands that
 * class path to the archive builder.
 */
@Timeout(300)
class StartupTuningTest {

    @TempDir
    Path dir;

    private final List<Path> made = new ArrayList<>();

    /** Temporary archive files already there (a build in another JVM, a run killed earlier): not this test's. */
    private Set<Path> temporaryBefore;

    @BeforeEach
    void noteTheTemporaryFiles() throws IOException {
        temporaryBefore = Set.copyOf(temporaryArchiveFiles());
    }

    @AfterEach
    void deleteTheArchives() throws IOException {
        for (Path p : made) {
            Files.deleteIfExists(p);
        }
    }

    @Test
    void anAppCdsArchiveIsBuiltUsedByTheChildAndReused() throws Exception {
        String cp = jarClasspath();
        Path file = noArchiveYet("appcds", ".jsa", cp);
        List<String> options = StartupTuning.appCdsArchive(TrivialChild.class, StartupTuning.QUICK, cp).orElseThrow();
        assertEquals(List.of("-XX:SharedArchiveFile=" + file, "-Xshare:auto"), options);
        assertTrue(Files.isRegularFile(file), "the archive is at " + file);
        assertLoadedFromTheArchive(cp, options);

        // a second call finds the archive and only checks it
        FileTime built = Files.getLastModifiedTime(file);
        assertEquals(Optional.of(options), StartupTuning.appCdsArchive(TrivialChild.class, StartupTuning.QUICK, cp));
        assertEquals(built, Files.getLastModifiedTime(file), "the archive was reused, not rebuilt");
        assertNoTemporaryFileLeft();
    }

    /** An archive that does not fit (here: garbage where it should be) fails its check, is deleted and rebuilt. */
    @Test
    void aStaleArchiveIsRebuilt() throws Exception {
        String cp = jarClasspath();
        Path file = StartupTuning.archivePath("appcds", TrivialChild.class, StartupTuning.QUICK, cp, ".jsa");
        made.add(file);
        Files.writeString(file, "not an archive");
        List<String> options = StartupTuning.appCdsArchive(TrivialChild.class, StartupTuning.QUICK, cp).orElseThrow();
        assertTrue(Files.size(file) > 1000, "a real archive replaced the garbage: " + Files.size(file) + " bytes");
        assertLoadedFromTheArchive(cp, options);
    }

    @Test
    void anAotCacheOnJdk25AndNothingBefore() throws Exception {
        String cp = jarClasspath();
        Path file = noArchiveYet("aot", ".aot", cp);
        Optional<List<String>> options = StartupTuning.aotCache(TrivialChild.class, StartupTuning.QUICK, cp);
        assertEquals(Runtime.version().feature(), StartupTuning.jdkFeature());
        if (Runtime.version().feature() < 25) {
            assertEquals(Optional.empty(), options, "no AOT cache before JDK 25");
            return;
        }
        assertEquals(List.of("-XX:AOTCache=" + file), options.orElseThrow());
        assertTrue(Files.isRegularFile(file));
        assertFalse(Files.exists(Path.of(file + ".config")), "the training run's configuration file is removed");
        assertLoadedFromTheArchive(cp, options.orElseThrow());
        assertNoTemporaryFileLeft();
    }

    /** When the child cannot make the archive, the answer is "none": no options, no file, nothing left behind. */
    @Test
    void whatCannotBeBuiltIsLeftOut() throws Exception {
        String cp = jarClasspath();
        List<String> refused = List.of("-XX:+NoSuchOptionAnywhere");
        Path cds = StartupTuning.archivePath("appcds", TrivialChild.class, refused, cp, ".jsa");
        Path aot = StartupTuning.archivePath("aot", TrivialChild.class, refused, cp, ".aot");
        made.add(cds);
        made.add(aot);
        assertEquals(Optional.empty(), StartupTuning.appCdsArchive(TrivialChild.class, refused, cp));
        assertEquals(Optional.empty(), StartupTuning.aotCache(TrivialChild.class, refused, cp));
        assertFalse(Files.exists(cds) || Files.exists(aot), "no archive file");
        assertNoTemporaryFileLeft();
    }

    /** A child that exits with 3: the JDK still writes the archive at exit, and the builder must throw it away. */
    public static final class ExitsWithThree {
        public static void main(String[] args) {
            System.exit(3);
        }
    }

    @Test
    void anArchiveFromAFailedChildIsThrownAway() throws Exception {
        String cp = jarClasspath();
        Path cds = StartupTuning.archivePath("appcds", ExitsWithThree.class, StartupTuning.QUICK, cp, ".jsa");
        Path aot = StartupTuning.archivePath("aot", ExitsWithThree.class, StartupTuning.QUICK, cp, ".aot");
        made.add(cds);
        made.add(aot);
        assertEquals(Optional.empty(), StartupTuning.appCdsArchive(ExitsWithThree.class, StartupTuning.QUICK, cp));
        assertEquals(Optional.empty(), StartupTuning.aotCache(ExitsWithThree.class, StartupTuning.QUICK, cp));
        assertFalse(Files.exists(cds) || Files.exists(aot), "no archive file");
        assertNoTemporaryFileLeft();
    }

    /** The class path of these tests has directories: the JDK refuses to archive it, and the answer is empty. */
    @Test
    void aClassPathWithDirectoriesGetsNoArchive() {
        String cp = System.getProperty("java.class.path");
        boolean directories = Stream.of(cp.split(File.pathSeparator)).map(Path::of).anyMatch(Files::isDirectory);
        if (directories) { // Surefire and PIT: target/classes
            assertEquals(Optional.empty(), StartupTuning.appCdsArchive(TrivialChild.class, StartupTuning.QUICK));
        }
    }

    /** Where the TrivialChild archive of this kind goes, deleted now and again after the test. */
    private Path noArchiveYet(String kind, String suffix, String cp) throws IOException {
        Path file = StartupTuning.archivePath(kind, TrivialChild.class, StartupTuning.QUICK, cp, suffix);
        made.add(file);
        Files.deleteIfExists(file);
        return file;
    }

    /** The child's class-loading log: TrivialChild came from the archive ("shared objects file"), not the jar. */
    private static void assertLoadedFromTheArchive(String cp, List<String> archive) throws Exception {
        List<String> options = new ArrayList<>(StartupTuning.QUICK);
        options.removeIf(o -> o.startsWith("-Xshare"));
        options.addAll(archive);
        options.add("-Xlog:class+load=info");
        ChildResult r = JvmLauncher.forMain(TrivialChild.class).classpath(cp).jvmOptions(options.toArray(String[]::new))
                .run(Duration.ofSeconds(60)).requireSuccess();
        String line = r.stdout().lines().filter(l -> l.contains(TrivialChild.class.getName() + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no class-load line for TrivialChild:\n" + r.stdout()));
        assertTrue(line.contains("shared objects file"), line);
    }

    private void assertNoTemporaryFileLeft() throws IOException {
        List<Path> left = temporaryArchiveFiles().stream().filter(p -> !temporaryBefore.contains(p)).toList();
        assertEquals(List.of(), left, "temporary archive files left behind");
    }

    private static List<Path> temporaryArchiveFiles() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("cookbook-archive")).toList();
        }
    }

    /** The class path entries of ChildMain (cookbook-core), TrivialChild (this module) and this test, directories packed as jars. */
    private String jarClasspath() throws IOException, URISyntaxException {
        Set<Path> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(ChildMain.class, TrivialChild.class, ExitsWithThree.class)) {
            entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        List<String> jars = new ArrayList<>();
        int n = 0;
        for (Path e : entries) {
            if (Files.isDirectory(e)) {
                Path jar = dir.resolve("entry-" + n++ + ".jar");
                pack(e, jar);
                jars.add(jar.toString());
            } else {
                jars.add(e.toString());
            }
        }
        return String.join(File.pathSeparator, jars);
    }

    private static void pack(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); var zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                zip.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
    }
}
