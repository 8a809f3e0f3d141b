package org.parallelcookbook.mpi.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parallelcookbook.core.UnavailableException;

/**
 * Where MPJ Express is found: MPJ homes laid out by hand in a temporary folder (their "jars" are
 * empty stand-ins: nothing runs them here), named with {@code -Dmpj.home}, and Debian's packages.
 */
class MpjInstallationTest {

    @TempDir
    Path tmp;

    /** Runs {@code body} with the system property {@code mpj.home} set to {@code home}, then restores it. */
    static <T> T withMpjHome(String home, Supplier<T> body) {
        String before = System.getProperty("mpj.home");
        System.setProperty("mpj.home", home);
        try {
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty("mpj.home");
            } else {
                System.setProperty("mpj.home", before);
            }
        }
    }

    /** An unpacked release: every runtime jar and {@code mpj.jar} in {@code lib/}. */
    static Path release(Path dir) throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        for (String jar : MpjInstallation.RUNTIME_JARS) {
            Files.writeString(lib.resolve(jar), "stand-in");
        }
        Files.writeString(lib.resolve("mpj.jar"), "stand-in");
        return lib;
    }

    @Test
    void aCompleteMpjHomeIsUsedWithItsOwnLog4jJarsAndConfiguration() throws Exception {
        Path lib = release(tmp);
        Files.writeString(lib.resolve("log4j-1.2.17.jar"), "stand-in");
        Files.writeString(lib.resolve("commons-cli-1.4.jar"), "stand-in");
        Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(tmp.resolve("conf/mpjexpress.conf"), "mpjexpress.mpjdaemon.port.1=40055\nmpjexpress.version= 0.44-test \n");
        MpjInstallation inst = withMpjHome(tmp.toString(), MpjInstallation::require);
        assertEquals("MPJ_HOME=" + tmp, inst.source());
        assertEquals(lib, inst.libDir());
        assertEquals(lib.resolve("mpj.jar"), inst.apiJar());
        assertEquals(lib.resolve("log4j-1.2.17.jar"), inst.log4j());
        assertEquals(tmp.resolve("conf"), inst.confDir());
        assertEquals("0.44-test", inst.version());
        assertTrue(inst.extras().contains(lib.resolve("commons-cli-1.4.jar")), inst.extras().toString());
        assertTrue(withMpjHome(tmp.toString(), MpjInstallation::isAvailable).booleanValue());
        assertEquals(inst, withMpjHome(tmp.toString(), MpjInstallation::locate).orElseThrow());
    }

    @Test
    void withoutAConfigurationTheVersionIs044AndALog4jBesideIsPreferred() throws Exception {
        Path lib = release(tmp);
        Files.writeString(lib.resolve("log4j-1.2.jar"), "stand-in");
        Files.writeString(lib.resolve("log4j-1.2.17.jar"), "stand-in");
        Files.writeString(lib.resolve("commons-io.jar"), "stand-in");
        MpjInstallation inst = withMpjHome(tmp.toString(), MpjInstallation::require);
        assertNull(inst.confDir());
        assertEquals("0.44", inst.version());
        assertEquals(lib.resolve("log4j-1.2.jar"), inst.log4j());
        assertTrue(inst.extras().contains(lib.resolve("commons-io.jar")), inst.extras().toString());
        Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(tmp.resolve("conf/mpjexpress.conf"), "mpjexpress.mpi.loglevel=OFF\n");
        assertEquals("0.44", withMpjHome(tmp.toString(), MpjInstallation::require).version(), "a configuration without a version");
    }

    @Test
    void withoutLog4jBesideItDebiansIsUsed() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(MpjInstallation.SHARE_JAVA.resolve("log4j-1.2.jar")), "no liblog4j1.2-java");
        release(tmp);
        assertEquals(MpjInstallation.SHARE_JAVA.resolve("log4j-1.2.jar"), withMpjHome(tmp.toString(), MpjInstallation::require).log4j());
    }

    @Test
    void anIncompleteMpjHomeIsRefusedNamingWhatIsMissing() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Files.writeString(lib.resolve("mpj.jar"), "stand-in");
        var many = assertThrows(UnavailableException.class, () -> withMpjHome(tmp.toString(), MpjInstallation::require));
        assertTrue(many.getMessage().startsWith("MPJ_HOME=" + tmp + " is not a complete MPJ Express 0.44 (missing "
                + lib.resolve("starter.jar") + ", " + lib.resolve("runtimecommon.jar") + " and 9 more); install MPJ Express 0.44"),
                many.getMessage());
        assertTrue(many.getMessage().endsWith(MpjInstallation.INSTALL_HINT), many.getMessage());
        assertFalse(withMpjHome(tmp.toString(), MpjInstallation::isAvailable).booleanValue());
        assertTrue(withMpjHome(tmp.toString(), MpjInstallation::locate).isEmpty());

        release(tmp);
        Files.delete(lib.resolve("mpj.jar"));
        Files.delete(lib.resolve("daemon.jar"));
        var two = assertThrows(UnavailableException.class, () -> withMpjHome(tmp.toString(), MpjInstallation::require));
        assertTrue(two.getMessage().contains("(missing " + lib.resolve("mpj.jar") + ", " + lib.resolve("daemon.jar") + ");"),
                two.getMessage());
    }

    @Test
    void aBlankMpjHomeMeansDebiansPackages() {
        Assumptions.assumeTrue(Files.isRegularFile(MpjInstallation.DEBIAN_API), "no libmpj-java");
        Assumptions.assumeTrue(Files.isRegularFile(MpjInstallation.SHARE_JAVA.resolve("log4j-1.2.jar")), "no liblog4j1.2-java");
        MpjInstallation inst = withMpjHome(" ", MpjInstallation::require);
        assertEquals("Debian libmpj-java", inst.source());
        assertEquals(MpjInstallation.DEBIAN_LIB, inst.libDir());
        assertEquals(MpjInstallation.DEBIAN_API, inst.apiJar());
        assertEquals(Files.isRegularFile(MpjInstallation.DEBIAN_CONF.resolve("mpjexpress.conf")) ? MpjInstallation.DEBIAN_CONF : null,
                inst.confDir());
        assertTrue(inst.log4j().startsWith(MpjInstallation.SHARE_JAVA), inst.log4j().toString());
    }
}
