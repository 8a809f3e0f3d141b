package org.parallelcookbook.mpi.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelcookbook.mpi.MpjExtension;

/**
 * What {@link MpiRun} decides before any rank starts: the MPJRun command line, the guards every rank
 * JVM carries, what it refuses, and which output lines are MPJ's own. No ranks run here.
 */
class MpiRunCommandLineTest {

    @Test
    void theCommandLineCarriesRanksDeviceGuardsOptionsClassPathProgramAndArgumentsInThatOrder() {
        MpiRun run = MpiRun.of("org.example.Ring").np(4).rankJvmOptions("-Xmx1g", "-Da=b").rankClasspath("/x.jar:/y")
                .onOutput(line -> { }).startTimeout(Duration.ofSeconds(5)).timeout(Duration.ofSeconds(5))
                .args("one", "two").args(List.of("three"));
        List<String> expected = new ArrayList<>(List.of("-np", "4", "-dev", "multicore"));
        expected.addAll(run.rankGuards());
        expected.addAll(List.of("-Xmx1g", "-Da=b", "-cp", "/x.jar:/y", "org.example.Ring", "one", "two", "three"));
        assertEquals(expected, run.mpjRunArguments(null));
        assertEquals(MpiRun.class.getName(), MpiRun.of(MpiRun.class).rankClasspath("/x.jar").mpjRunArguments(null).getLast(),
                "without arguments the program comes last");
    }

    @Test
    void niodevNeedsAMachinesFileAndPassesItAbsolute() {
        MpiRun nio = MpiRun.of("org.example.Ring").device(Device.NIODEV).rankClasspath("/x.jar");
        var e = assertThrows(IllegalStateException.class, () -> nio.mpjRunArguments(null));
        assertEquals("the niodev device needs a machines file (one host per line)", e.getMessage());
        Path machines = Path.of("machines.txt");
        List<String> a = nio.machinesFile(machines).mpjRunArguments(null);
        assertEquals(List.of("-np", "1", "-dev", "niodev", "-machinesfile", machines.toAbsolutePath().toString()), a.subList(0, 6));
        assertEquals(List.of("-cp", "/x.jar", "org.example.Ring"), a.subList(a.size() - 3, a.size()));
    }

    @Test
    void whatCannotRunIsRefusedBeforeAnythingStarts() {
        MpiRun run = MpiRun.of("org.example.Ring").rankClasspath("/x.jar");
        assertEquals("np must be at least 1, got 0", assertThrows(IllegalArgumentException.class, () -> run.np(0)).getMessage());
        run.np(1);
        var option = assertThrows(IllegalArgumentException.class, () -> run.rankJvmOptions("-Xss1m", "Xmx1g"));
        assertEquals("a JVM option starts with '-': Xmx1g", option.getMessage());
        assertFalse(run.mpjRunArguments(null).contains("-Xss1m"), "a refused list adds nothing");
        assertThrows(NullPointerException.class, () -> run.device(null));
        assertThrows(NullPointerException.class, () -> run.timeout(null));
        assertThrows(NullPointerException.class, () -> run.startTimeout(null));
        assertThrows(NullPointerException.class, () -> run.onOutput(null));
        assertThrows(NullPointerException.class, () -> run.rankClasspath(null));
        assertThrows(NullPointerException.class, () -> run.home(null));
    }

    @Test
    void aNiodevRunWithoutAMachinesFileIsRefusedBeforeMpjRunStarts(@TempDir Path tmp) {
        MpjExtension.assumeMpj();
        var none = MpiRun.of("org.example.Ring").device(Device.NIODEV);
        assertEquals("the niodev device needs a machines file, got null",
                assertThrows(IllegalArgumentException.class, none::run).getMessage());
        Path missing = tmp.resolve("machines");
        var absent = MpiRun.of("org.example.Ring").home(MpjHome.prepare()).device(Device.NIODEV).machinesFile(missing);
        assertEquals("the niodev device needs a machines file, got " + missing,
                assertThrows(IllegalArgumentException.class, absent::run).getMessage());
    }

    @Test
    void everyRankJvmIsTaggedWatchedAndGivenALifetime() {
        String here = RankProtocol.hostIdentity();
        long pid = ProcessHandle.current().pid();
        MpiRun multicore = MpiRun.of(NeverReturns.class).timeout(Duration.ofSeconds(30)).startTimeout(Duration.ofSeconds(40));
        assertEquals(List.of("-Dcookbook.mpi.run=" + multicore.runId(), "-Dcookbook.mpi.watch=" + pid,
                "-Dcookbook.mpi.lifetime=" + (30 + 40 + 10 + 10)), multicore.rankGuards());
        MpiRun niodev = MpiRun.of(NeverReturns.class).device(Device.NIODEV);
        assertTrue(niodev.rankGuards().contains("-Dcookbook.mpi.watch=" + pid + "@" + here), niodev.rankGuards().toString());
        assertTrue(!niodev.runId().equals(multicore.runId()) && niodev.runId().startsWith(pid + "-"), niodev.runId());
        assertEquals(pid, RankProtocol.launcherPid(pid + "@" + here, here));
        assertEquals(-1, RankProtocol.launcherPid(pid + "@another-host", here), "a pid of another host is not watched");
        assertEquals(42, RankProtocol.launcherPid("42", here));
    }

    /** What the launcher kills after a run: only the same user's processes that carry the exact tag. */
    @Test
    void onlyTheSameUsersProcessesWithTheExactTagCountAsTheRunsJvms() {
        String tag = "-Dcookbook.mpi.run=7-1";
        Optional<String> me = Optional.of("alice");
        assertTrue(MpiRun.isRankJvmOf(me, args("java", tag, "-cp", "x", "Main"), tag, me));
        assertFalse(MpiRun.isRankJvmOf(Optional.of("bob"), args("java", tag), tag, me), "another user's process");
        assertFalse(MpiRun.isRankJvmOf(me, args("java", "-Dcookbook.mpi.run=7-10"), tag, me), "run 7-10 is not 7-1");
        assertFalse(MpiRun.isRankJvmOf(me, args("sh", "-c", "echo " + tag), tag, me), "the tag inside an argument");
        assertFalse(MpiRun.isRankJvmOf(me, Optional.empty(), tag, me), "no arguments known");
        assertFalse(MpiRun.isRankJvmOf(me, args("java", tag), tag, Optional.empty()), "our own user unknown");
    }

    private static Optional<List<String>> args(String... a) {
        return Optional.of(List.of(a));
    }

    @Test
    void rankClasspathLeavesOutMpjsOwnJars() {
        MpjExtension.assumeMpj();
        String cp = MpiRun.defaultRankClasspath(MpjHome.prepare());
        assertFalse(cp.contains("mpj.jar") || cp.contains("mpj-0.44.jar"), cp);
        assertTrue(cp.contains("test-classes"), cp);
        List<String> entries = Arrays.asList(cp.split(File.pathSeparator));
        assertTrue(entries.stream().allMatch(e -> !e.isBlank() && Path.of(e).isAbsolute()), cp);
        assertTrue(entries.stream().noneMatch(e -> e.contains("/usr/share/mpj/lib/")), cp);
    }

    /**
     * MPJ's jars are left out however they got onto the class path: from the installation's own
     * folder, as the home's copies, or as a copy elsewhere named like MPJ's jar. The class path is
     * set for the call and restored.
     */
    @Test
    void everyKindOfMpjJarIsLeftOutOfTheRankClassPath(@TempDir Path tmp) throws Exception {
        MpjExtension.assumeMpj();
        MpjHome home = MpjHome.prepare();
        assertEquals(home.dir() + " (from " + home.installation().source() + ")", home.toString());
        Path mine = Files.createDirectory(tmp.resolve("classes"));
        String classPath = String.join(File.pathSeparator, home.installation().libDir().resolve("starter.jar").toString(),
                home.lib("log4j-1.2.jar").toString(), Files.writeString(tmp.resolve("mpj-0.44.jar"), "a copy").toString(), "",
                mine.toString(), home.installation().apiJar().toString(), home.installation().log4j().toString());
        String before = System.getProperty("java.class.path");
        System.setProperty("java.class.path", classPath);
        try {
            assertEquals(mine.toString(), MpiRun.defaultRankClasspath(home));
        } finally {
            System.setProperty("java.class.path", before);
        }
    }

    @Test
    void mpjsOwnChatterAndStackTracesAreToldFromRankOutput() {
        for (String s : List.of("MPJ Express (0.44) is started in the multicore configuration", "Starting process <0> on <h>",
                "Stopping Process <0> on <h>", "Stopping process <1> on <h>")) {
            assertTrue(MpiRun.isRuntimeChatter(s), s);
            assertFalse(MpiRun.isStackTrace(s), s);
        }
        assertFalse(MpiRun.isRuntimeChatter("rank 0 of 1: MPJ Express (0.44) is started"));
        for (String s : List.of("\tat mpi.Comm.Send(Comm.java:1)", "\t... 3 more", "Caused by: java.lang.Error: x",
                "java.lang.reflect.InvocationTargetException")) {
            assertTrue(MpiRun.isStackTrace(s), s);
            assertFalse(MpiRun.isRuntimeChatter(s), s);
        }
        assertFalse(MpiRun.isStackTrace("rank 0 of 1: at 3"));
        assertFalse(MpiRun.isStackTrace("java.lang.reflect.InvocationTargetException: more"));
    }

    @Test
    void theCodeSourceOfAClassIsWhereItWasLoadedFromAndTheJdksIsRefused() {
        Path source = MpiRun.codeSource(MpiRun.class);
        assertTrue(Files.exists(source.resolve("org/parallelcookbook/mpi/launch/MpiRun.class"))
                || source.getFileName().toString().endsWith(".jar"), source.toString());
        var e = assertThrows(IllegalStateException.class, () -> MpiRun.codeSource(String.class));
        assertEquals("cannot tell where java.lang.String was loaded from", e.getMessage());
    }
}
