package org.parallelcookbook.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cookbook} script on a machine that lacks MPJ Express, PoCL and Maven, simulated with
 * the script's {@code COOKBOOK_SYSROOT} hook (an empty directory in front of every system path it
 * checks): {@code doctor} lists each missing part with its module and exits non-zero, installing
 * nothing; {@code list} and {@code --help} still work from the jar as it is. The script runs from a
 * copy of the checkout's script whose jar is a manifest-only jar over this test's class path.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LauncherScriptTest {

    @TempDir
    static Path root;
    @TempDir
    static Path emptySysroot;

    record Result(int status, String out) {
    }

    @BeforeAll
    static void copyTheScriptBesideAJar() throws IOException {
        Path checkout = Path.of("..").toAbsolutePath().normalize();
        Files.copy(checkout.resolve("cookbook"), root.resolve("cookbook"));
        root.resolve("cookbook").toFile().setExecutable(true);
        Files.createDirectories(root.resolve("config"));
        Files.copy(checkout.resolve("config/jvm.options"), root.resolve("config/jvm.options"));
        Path jar = Files.createDirectories(root.resolve("examples/target")).resolve("cookbook.jar");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringBuilder classPath = new StringBuilder();
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                classPath.append(Path.of(entry).toAbsolutePath().toUri()).append(' ');
            }
        }
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, CookbookCli.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath.toString().strip());
        try (OutputStream out = Files.newOutputStream(jar); var jos = new JarOutputStream(out, manifest)) {
            jos.flush();
        }
    }

    private static Result script(String... args) throws Exception {
        return script(true, 120, args);
    }

    /** Runs the script; {@code bare}: on the simulated machine without MPJ, PoCL and Maven, else on this one. */
    private static Result script(boolean bare, int seconds, String... args) throws Exception {
        var command = new java.util.ArrayList<>(List.of("bash", root.resolve("cookbook").toString()));
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        if (bare) {
            env.remove("MPJ_HOME");
            env.put("COOKBOOK_SYSROOT", emptySysroot.toString());
        }
        env.put("COOKBOOK_NO_INSTALL", "1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        p.getOutputStream().close();
        try {
            var out = new java.io.ByteArrayOutputStream();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    p.getInputStream().transferTo(out);
                } catch (IOException e) {
                    // the process was killed: what it printed so far is kept
                }
            });
            boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
            if (!ended) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            reader.join(10_000);
            assertTrue(ended, "script still running after " + seconds + " s: " + out.toString(StandardCharsets.UTF_8));
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void doctorListsEveryMissingPartWithItsModuleAndFails() throws Exception {
        Result r = script("doctor");
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("MISSING  libmpj-java (module mpi)"), r.out());
        assertTrue(r.out().contains("MISSING  pocl-opencl-icd (module gpu)"), r.out());
        assertTrue(r.out().contains("MISSING  Maven"), r.out());
        assertTrue(r.out().contains("sudo apt-get install -y maven libmpj-java") || !r.out().contains("apt-get"), r.out());
        assertFalse(r.out().contains("installing"), "doctor installs nothing: " + r.out());
        // the jar exists, so the JVM's own report follows the script's
        assertTrue(r.out().contains("JDK") && r.out().contains("cores"), r.out());
    }

    @Test
    void listAndHelpWorkWithoutTheMissingParts() throws Exception {
        Result list = script("list");
        assertEquals(0, list.status(), list.out());
        assertTrue(list.out().contains("ch2.semaphore"), list.out());
        Result help = script("--help");
        assertEquals(0, help.status(), help.out());
        assertTrue(help.out().startsWith("Usage: cookbook"), help.out());
        Result test = script("test", "--help");
        assertEquals(0, test.status(), test.out());
        assertTrue(test.out().startsWith("Usage: ./cookbook test"), test.out());
    }

    @Test
    void otherCommandsStopBeforeBuildingWhenMavenIsMissing() throws Exception {
        Result run = script("run", "ch2.semaphore");
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains("Maven is missing") && run.out().contains("apt-get install -y maven"), run.out());
    }

    /**
     * A worker started with {@code ./cookbook worker} holds the jar's shared lock for as long as it
     * runs; a {@code ./cookbook run} in another terminal (chapter 5 shows this) must start beside it
     * when the jar is up to date, not wait for the worker to end.
     */
    @Test
    void aRunStartsWhileAnotherCookbookJvmHoldsTheJar() throws Exception {
        Path lock = root.resolve("examples/target/.build.lock");
        Path stamp = root.resolve("examples/target/cookbook.jar.sources");
        // the jar is up to date: its stamp is the script's own list of the (here: few) sources
        String text = Files.readString(root.resolve("cookbook"));
        var m = java.util.regex.Pattern.compile("(?ms)^sources_list\\(\\) \\{.*?^\\}").matcher(text);
        assertTrue(m.find(), "the script defines sources_list");
        Process list = new ProcessBuilder("bash", "-c", "ROOT='" + root + "'\n" + m.group() + "\nsources_list > '" + stamp + "'")
                .redirectErrorStream(true).start();
        assertTrue(list.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, list.exitValue());
        Result alone;
        try {
            alone = script(false, 120, "run", "ch1.introducing-python");
        } catch (AssertionError | RuntimeException e) {
            Files.deleteIfExists(stamp);
            throw e;
        }
        if (alone.status() != 0) {
            Files.deleteIfExists(stamp);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(alone.status() == 0 || !alone.out().contains("missing system parts"),
                "this machine lacks a system part the script checks before a run: " + alone.out());
        assertEquals(0, alone.status(), alone.out());
        assertFalse(alone.out().contains("building"), "the stamp matches: no build: " + alone.out());

        // another cookbook JVM: one process that holds the shared lock on fd 9 (exec: no child left behind)
        Process holder = new ProcessBuilder("bash", "-c", "exec 9>'" + lock + "'; flock -s 9; echo locked; exec sleep 120").start();
        try {
            var ready = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", ready.readLine());
            Result beside = script(false, 40, "run", "ch1.introducing-python");
            assertEquals(0, beside.status(), beside.out());
            assertFalse(beside.out().contains("waiting for the build lock"), beside.out());
            assertEquals(alone.out(), beside.out());
        } finally {
            holder.destroyForcibly();
            assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
            Files.deleteIfExists(stamp); // the other tests' jar has no stamp: "sources changed"
        }
    }
}
