package org.parallelcookbook.mpi.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelcookbook.core.doctor.PrerequisiteCheck;
import org.parallelcookbook.mpi.MpjExtension;

/** {@code ./cookbook doctor}'s MPJ line: where MPJ was found and which home the runs use, or what to do. */
class MpjCheckTest {

    @TempDir
    Path tmp;

    @Test
    void theDoctorSaysWhereMpjWasFoundAndWhichHomeTheRunsUse() {
        MpjExtension.assumeMpj();
        var check = new MpjCheck();
        assertEquals("mpi", check.neededBy());
        assertEquals("MPJ Express", check.name());
        PrerequisiteCheck.Status s = check.check();
        MpjInstallation inst = MpjInstallation.require();
        assertTrue(s.ok(), s.toString());
        assertEquals("", s.install());
        assertEquals(4, s.details().size(), s.details().toString());
        assertEquals("MPJ Express " + inst.version() + " from " + inst.source() + " (" + inst.apiJar() + ", runtime in "
                + inst.libDir() + ")", s.details().get(0));
        assertEquals("log4j 1.2: " + inst.log4j(), s.details().get(1));
        assertEquals(inst.extras().size() == 3 ? "cluster daemons can start (commons-cli, commons-io, commons-codec found)"
                : "cluster daemons need commons-cli, commons-io and commons-codec; found only " + inst.extras(), s.details().get(2));
        assertEquals("MPJ home for runs: " + MpjHome.prepare(inst).dir(), s.details().get(3));
    }

    @Test
    void withoutMpjTheDoctorSaysWhatToInstall() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        PrerequisiteCheck.Status s = MpjInstallationTest.withMpjHome(empty.toString(), () -> new MpjCheck().check());
        assertFalse(s.ok());
        assertTrue(s.install().startsWith("sudo apt-get install libmpj-java liblog4j1.2-java"), s.install());
        assertTrue(s.details().getFirst().startsWith("MPJ_HOME=" + empty + " is not a complete MPJ Express 0.44"), s.details().toString());
    }

    /** A home folder that is not private is reported, not used (a fresh installation, so no home is cached for it). */
    @Test
    void aHomeFolderOthersCanWriteToIsReportedNotUsed() throws Exception {
        Path home = Files.createDirectory(tmp.resolve("mpj"));
        Path lib = MpjInstallationTest.release(home);
        Files.writeString(lib.resolve("log4j-1.2.jar"), "stand-in");
        Path homes = Files.createDirectory(tmp.resolve("homes"));
        Files.setPosixFilePermissions(homes, PosixFilePermissions.fromString("rwxrwxrwx"));
        String before = System.getProperty(MpjHome.ROOT_PROPERTY);
        System.setProperty(MpjHome.ROOT_PROPERTY, homes.toString());
        PrerequisiteCheck.Status s;
        try {
            s = MpjInstallationTest.withMpjHome(home.toString(), () -> new MpjCheck().check());
        } finally {
            if (before == null) {
                System.clearProperty(MpjHome.ROOT_PROPERTY);
            } else {
                System.setProperty(MpjHome.ROOT_PROPERTY, before);
            }
        }
        assertFalse(s.ok());
        assertTrue(s.install().startsWith("a private, writable folder for the MPJ home (refusing the MPJ home folder " + homes),
                s.install());
        assertTrue(s.details().getFirst().startsWith("MPJ Express 0.44 from MPJ_HOME=" + home), s.details().toString());
    }
}
