package org.parallelcookbook.mpi.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How a rank and its launcher talk, without MPJ: no ranks run here. */
class RankProtocolTest {

    @Test
    void whatMpjHandsARanksMainIsToldFromACommandLine() {
        assertTrue(RankProtocol.isRankInvocation(new String[] {"0", "2", "smpdev"}));
        assertTrue(RankProtocol.isRankInvocation(new String[] {"3", "/tmp/mpjdev.conf", "niodev", "ordered"}));
        assertFalse(RankProtocol.isRankInvocation(null));
        assertFalse(RankProtocol.isRankInvocation(new String[0]));
        assertFalse(RankProtocol.isRankInvocation(new String[] {"0", "2"}));
        assertFalse(RankProtocol.isRankInvocation(new String[] {"0", "2", "multicore"}), "MpiRun's name of the device, not MPJ's");
        assertFalse(RankProtocol.isRankInvocation(new String[] {"-1", "2", "smpdev"}));
        assertFalse(RankProtocol.isRankInvocation(new String[] {"x", "2", "smpdev"}));
        assertFalse(RankProtocol.isRankInvocation(new String[] {"--np", "2", "--dev"}));
    }

    @Test
    void theLauncherIsWatchedOnlyOnItsOwnHost() {
        assertEquals(42, RankProtocol.launcherPid("42", "host-a"));
        assertEquals(42, RankProtocol.launcherPid("42@host-a", "host-a"));
        assertEquals(-1, RankProtocol.launcherPid("42@host-b", "host-a"), "a pid of another host is not watched");
    }

    @Test
    void onLinuxTheHostIsTheBootedKernel() throws Exception {
        Path bootId = Path.of("/proc/sys/kernel/random/boot_id");
        Assumptions.assumeTrue(Files.isReadable(bootId), "not Linux");
        assertEquals(Files.readString(bootId).strip(), RankProtocol.hostIdentity());
    }

    @Test
    void markersArePrintedAndParsedBack() {
        assertEquals("#cookbook-mpi ready 2 4", RankProtocol.ready(2, 4));
        assertEquals("#cookbook-mpi done 3", RankProtocol.done(3));
        String failed = RankProtocol.failed(1, new IllegalStateException(" two\n   words "));
        assertEquals("#cookbook-mpi failed 1 java.lang.IllegalStateException: two words", failed);
        assertEquals("#cookbook-mpi failed 0 java.lang.NullPointerException", RankProtocol.failed(0, new NullPointerException()));
        assertEquals(new RankProtocol.Marker("ready", 2, "4"), RankProtocol.parse(RankProtocol.ready(2, 4)));
        assertEquals(new RankProtocol.Marker("done", 3, ""), RankProtocol.parse(RankProtocol.done(3)));
        assertEquals(new RankProtocol.Marker("failed", 1, "java.lang.IllegalStateException: two words"), RankProtocol.parse(failed));
    }

    @Test
    void otherLinesAreNoMarkers() {
        assertNull(RankProtocol.parse("rank 0 of 1: #cookbook-mpi done 0"));
        assertNull(RankProtocol.parse("#cookbook-mpi"));
        assertNull(RankProtocol.parse("#cookbook-mpi done"));
        assertNull(RankProtocol.parse("#cookbook-mpi done x"));
    }

    /** ProcessHandle.Info gives no arguments for a command line over a page long; rank JVMs have such. */
    @Test
    @Timeout(30)
    void argumentsOfALongCommandLineAreRead() throws Exception {
        String longArg = "x".repeat(20_000);
        Process p = new ProcessBuilder("sh", "-c", "read line", "-Dcookbook.mpi.run=7-1", longArg).start();
        try {
            var a = RankProtocol.arguments(p.toHandle()).orElseThrow();
            assertEquals(List.of("sh", "-c", "read line", "-Dcookbook.mpi.run=7-1", longArg), a);
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    @Timeout(30)
    void anEmptyLastArgumentIsKeptAndAnEndedProcessHasNoArguments() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "read line", "sh", "").start();
        try {
            assertEquals(Optional.of(List.of("sh", "-c", "read line", "sh", "")), RankProtocol.arguments(p.toHandle()));
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertEquals(Optional.empty(), RankProtocol.arguments(p.toHandle()));
    }
}
