package org.parallelcookbook.processes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parallelcookbook.core.launch.JvmLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the JDK offers to make a short-lived child JVM start faster, as JVM options:
 * <ul>
 *   <li>{@link #QUICK}: core's {@link JvmLauncher#quickStart()} (C1 only, serial GC, small heap and
 *       stacks, the JDK's default CDS archive, no perf-data file);</li>
 *   <li>an <b>AppCDS</b> archive ({@link #appCdsArchive}): the classes a child actually loaded,
 *       parsed and laid out once by {@code -XX:ArchiveClassesAtExit} and mapped by every later
 *       start with {@code -XX:SharedArchiveFile};</li>
 *   <li>on JDK 25 and later, an <b>AOT cache</b> ({@link #aotCache}, JEP 483/514): classes loaded
 *       <i>and linked</i>, made with {@code -XX:AOTCacheOutput} and used with {@code -XX:AOTCache}.</li>
 * </ul>
 * Archives are built at run time under {@code java.io.tmpdir}, for the running JDK and class path,
 * checked with one trial start, and dropped (empty result) when anything fails: a child then simply
 * starts without them.
 */
public final class StartupTuning {

    private static final Logger LOG = LoggerFactory.getLogger(StartupTuning.class);

    /** The options of {@link JvmLauncher#quickStart()}, plus VM messages to stderr. */
    public static final List<String> QUICK = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xshare:auto", "-XX:-UsePerfData", "-Xss512k", "-Xms16m");

    private StartupTuning() {
    }

    /** The feature version of the running JDK (the children use the same {@code java}). */
    public static int jdkFeature() {
        return Runtime.version().feature();
    }

    /** A dynamic AppCDS archive for {@code mainClass} children with {@code options}, or empty. */
    public static Optional<List<String>> appCdsArchive(Class<?> mainClass, List<String> options) {
        return appCdsArchive(mainClass, options, System.getProperty("java.class.path"));
    }

    /**
     * As {@link #appCdsArchive(Class, List)}, for children started with {@code classpath}. The JDK
     * archives classes from jar files only: with a non-empty directory on the class path (an IDE's or
     * Maven's {@code target/classes}) it refuses, and the result is empty.
     */
    public static Optional<List<String>> appCdsArchive(Class<?> mainClass, List<String> options, String classpath) {
        Path file = archivePath("appcds", mainClass, options, classpath, ".jsa");
        return build(mainClass, options, classpath, file,
                List.of("-XX:ArchiveClassesAtExit=" + file),
                List.of("-XX:SharedArchiveFile=" + file, "-Xshare:auto"));
    }

    /** A JDK 25+ AOT cache for {@code mainClass} children with {@code options}, or empty (older JDKs too). */
    public static Optional<List<String>> aotCache(Class<?> mainClass, List<String> options) {
        return aotCache(mainClass, options, System.getProperty("java.class.path"));
    }

    /** As {@link #aotCache(Class, List)}, for children started with {@code classpath} (jar files only, as for AppCDS). */
    public static Optional<List<String>> aotCache(Class<?> mainClass, List<String> options, String classpath) {
        if (jdkFeature() < 25) {
            return Optional.empty();
        }
        Path file = archivePath("aot", mainClass, options, classpath, ".aot");
        return build(mainClass, options, classpath, file, List.of("-XX:AOTCacheOutput=" + file),
                List.of("-XX:AOTCache=" + file));
    }

    /** Where the archive of this kind for these children lives: one file per JDK, class path, main class and options. */
    static Path archivePath(String kind, Class<?> mainClass, List<String> options, String classpath, String suffix) {
        String key = Integer.toHexString((System.getProperty("java.home") + classpath
                + Runtime.version() + mainClass.getName() + options).hashCode());
        return Path.of(System.getProperty("java.io.tmpdir"), "cookbook-" + kind + "-" + key + suffix);
    }

    private static Optional<List<String>> build(Class<?> mainClass, List<String> options, String classpath, Path file,
                                                List<String> create, List<String> use) {
        Optional<List<String>> first = buildOnce(mainClass, options, classpath, file, create, use);
        // an archive left by an older build of the class path fails its check and is deleted: rebuild once
        return first.isPresent() ? first : buildOnce(mainClass, options, classpath, file, create, use);
    }

    private static Optional<List<String>> buildOnce(Class<?> mainClass, List<String> options, String classpath, Path file,
                                                    List<String> create, List<String> use) {
        try {
            if (!Files.isRegularFile(file)) {
                Path tmp = Files.createTempFile(file.getParent(), "cookbook-archive", ".tmp");
                Files.deleteIfExists(tmp);
                List<String> createTmp = create.stream().map(o -> o.replace(file.toString(), tmp.toString())).toList();
                var made = launcher(mainClass, options, classpath, createTmp).run(Duration.ofSeconds(120));
                Files.deleteIfExists(Path.of(tmp + ".config"));
                if (made.exitCode() != 0 || !Files.isRegularFile(tmp)) {
                    LOG.info("could not build {} (exit {}): {}", file, made.exitCode(), made.stderr().strip());
                    Files.deleteIfExists(tmp);
                    return Optional.empty();
                }
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            // one checked start: strict sharing fails loudly when the archive does not fit this JVM
            List<String> strict = new ArrayList<>(use);
            if (use.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile"))) {
                strict.remove("-Xshare:auto");
                strict.add("-Xshare:on");
            } else {
                strict.add("-XX:AOTMode=on");
            }
            var check = launcher(mainClass, options, classpath, strict).run(Duration.ofSeconds(60));
            if (check.exitCode() != 0) {
                LOG.info("archive {} is not usable here (exit {}): {}", file, check.exitCode(), check.stderr().strip());
                Files.deleteIfExists(file);
                return Optional.empty();
            }
            return Optional.of(use);
        } catch (IOException | RuntimeException | InterruptedException | java.util.concurrent.TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.info("could not build or check {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    private static JvmLauncher launcher(Class<?> mainClass, List<String> options, String classpath, List<String> extra) {
        List<String> all = new ArrayList<>(options);
        all.removeIf(o -> o.startsWith("-Xshare"));
        all.addAll(extra);
        return JvmLauncher.forMain(mainClass).classpath(classpath).jvmOptions(all.toArray(String[]::new));
    }
}
