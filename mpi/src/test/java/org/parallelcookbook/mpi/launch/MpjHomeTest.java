package org.parallelcookbook.mpi.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parallelcookbook.mpi.MpjExtension;

/**
 * The MPJ home's jars run as the user, so a home another local user could have planted or could
 * write to must be refused: these tests plant one the ways a root-run test can (a wrong owner cannot
 * be faked as root, so group- and world-writable folders and symbolic links stand in for it).
 */
@ExtendWith(MpjExtension.class)
class MpjHomeTest {

    @TempDir
    Path tmp;

    private MpjInstallation inst;

    @BeforeEach
    void mpj() {
        inst = MpjInstallation.require();
    }

    @Test
    void aFreshRootIsCreatedPrivateAndTheHomeInItToo() throws Exception {
        Path root = tmp.resolve("homes");
        Path home = MpjHome.assemble(inst, root);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root, LinkOption.NOFOLLOW_LINKS)));
        assertEquals(root, home.getParent());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home, LinkOption.NOFOLLOW_LINKS)));
        assertTrue(Files.isRegularFile(home.resolve("lib/starter.jar")));
        assertEquals(home, MpjHome.assemble(inst, root), "the second call finds the same home");
    }

    /** Only computes the folder's name (it creates nothing), with -D{@value MpjHome#ROOT_PROPERTY} unset for the call. */
    @Test
    void theDefaultRootIsNotInSharedTmp() {
        Assumptions.assumeTrue(Files.isWritable(Path.of(System.getProperty("user.home"))), "no writable home folder: tmpdir is the fallback");
        Path root = withRoot(null);
        String tmpdir = System.getProperty("java.io.tmpdir");
        assertFalse(root.startsWith(tmpdir), root + " is under " + tmpdir);
        assertTrue(root.endsWith("parallel-cookbook-mpj"), root.toString());
        assertEquals(root, withRoot(" "), "a blank name is no name");
        assertEquals(Path.of("relative/homes").toAbsolutePath(), withRoot("relative/homes"), "a named folder, made absolute");
    }

    /** {@link MpjHome#root()} with the system property set to {@code named} (or unset), then restored. */
    private static Path withRoot(String named) {
        String before = System.getProperty(MpjHome.ROOT_PROPERTY);
        try {
            if (named == null) {
                System.clearProperty(MpjHome.ROOT_PROPERTY);
            } else {
                System.setProperty(MpjHome.ROOT_PROPERTY, named);
            }
            return MpjHome.root();
        } finally {
            if (before == null) {
                System.clearProperty(MpjHome.ROOT_PROPERTY);
            } else {
                System.setProperty(MpjHome.ROOT_PROPERTY, before);
            }
        }
    }

    /** An installation of stand-in jars (nothing runs them), with the given configuration or none. */
    private static MpjInstallation standIn(Path dir, String conf) throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(lib.resolve("starter.jar"), "starter of " + dir);
        Path api = Files.writeString(dir.resolve("mpj.jar"), "api");
        Path log4j = Files.writeString(dir.resolve("log4j.jar"), "log4j");
        Path confDir = null;
        if (conf != null) {
            confDir = Files.createDirectories(dir.resolve("conf"));
            Files.writeString(confDir.resolve("mpjexpress.conf"), conf);
        }
        return new MpjInstallation("stand-in " + dir.getFileName(), lib, api, log4j, List.of(), confDir);
    }

    @Test
    void theHomeCarriesItsInstallationsJarsAndConfigurationOrMpjsDefaultInAFolderMadeForIt() throws Exception {
        Path root = tmp.resolve("not/yet/homes");
        Path with = MpjHome.assemble(standIn(tmp.resolve("a"), "mpjexpress.version=0.44\n"), root);
        assertEquals(root, with.getParent());
        assertEquals("mpjexpress.version=0.44\n", Files.readString(with.resolve("conf/mpjexpress.conf")));
        assertEquals(List.of("log4j-1.2.jar", "mpj.jar", "starter.jar"), list(with.resolve("lib")));
        assertEquals("api", Files.readString(with.resolve("lib/mpj.jar")));
        assertTrue(Files.isDirectory(with.resolve("logs")));
        Path without = MpjHome.assemble(standIn(tmp.resolve("b"), null), root);
        assertEquals(MpjHome.DEFAULT_CONF, Files.readString(without.resolve("conf/mpjexpress.conf")));
    }

    @Test
    void anotherInstallationOrAChangedConfigurationGetsAHomeOfItsOwn() throws Exception {
        Path root = tmp.resolve("homes");
        MpjInstallation a = standIn(tmp.resolve("a"), "x=1\n");
        Path first = MpjHome.assemble(a, root);
        Path other = MpjHome.assemble(standIn(tmp.resolve("b"), "x=1\n"), root);
        assertFalse(first.equals(other), "two installations, one home: " + first);
        Files.writeString(a.confDir().resolve("mpjexpress.conf"), "x=2\n");
        Path changed = MpjHome.assemble(a, root);
        assertFalse(first.equals(changed), "a stale home for a changed configuration: " + first);
        assertEquals("x=2\n", Files.readString(changed.resolve("conf/mpjexpress.conf")));
        Files.writeString(a.confDir().resolve("mpjexpress.conf"), "x=1\n");
        assertEquals(first, MpjHome.assemble(a, root), "the first configuration again, the first home");
    }

    @Test
    void aWorldWritableRootIsRefused() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("homes"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
        var e = assertThrows(MpjHome.UnsafeHomeException.class, () -> MpjHome.assemble(inst, root));
        assertTrue(e.getMessage().contains(root.toString()) && e.getMessage().contains("group- or world-writable (rwxrwxrwx)"),
                e.getMessage());
        assertEquals(List.of(), list(root), "nothing was built in it");
    }

    @Test
    void aGroupWritableRootIsRefused() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("homes"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwx---"));
        var e = assertThrows(MpjHome.UnsafeHomeException.class, () -> MpjHome.assemble(inst, root));
        assertTrue(e.getMessage().contains("group- or world-writable"), e.getMessage());
    }

    /** Only root can give a folder away; as any other user this case is skipped. */
    @Test
    void aRootOwnedBySomeoneElseIsRefused() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a folder to another user");
        Path root = Files.createDirectory(tmp.resolve("homes"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        var lookup = root.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody;
        try {
            nobody = lookup.lookupPrincipalByName("nobody");
        } catch (java.io.IOException e) {
            Assumptions.abort("no user 'nobody' to give the folder to");
            return;
        }
        Files.setOwner(root, nobody);
        var e = assertThrows(MpjHome.UnsafeHomeException.class, () -> MpjHome.assemble(inst, root));
        assertTrue(e.getMessage().contains("owned by nobody"), e.getMessage());
    }

    @Test
    void aRootThatIsASymbolicLinkIsRefused() throws Exception {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
        Path root = Files.createSymbolicLink(tmp.resolve("homes"), elsewhere);
        var e = assertThrows(MpjHome.UnsafeHomeException.class, () -> MpjHome.assemble(inst, root));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    /** A planted home: right name, {@code .ready} in place, jars of the attacker's choosing. */
    @Test
    void aPlantedReadyHomeThatIsWorldWritableOrALinkIsRefused() throws Exception {
        Path root = tmp.resolve("homes");
        Path good = MpjHome.assemble(inst, root);
        String id = good.getFileName().toString();

        Files.setPosixFilePermissions(good, PosixFilePermissions.fromString("rwxrwxrwx"));
        var writable = assertThrows(MpjHome.UnsafeHomeException.class, () -> MpjHome.assemble(inst, root));
        assertTrue(writable.getMessage().contains(good.toString()) && writable.getMessage().contains("world-writable"),
                writable.getMessage());

        Files.setPosixFilePermissions(good, PosixFilePermissions.fromString("rwx------"));
        Path lib = good.resolve("lib");
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxrwxrwx"));
        var writableLib = assertThrows(MpjHome.UnsafeHomeException.class, () -> MpjHome.assemble(inst, root));
        assertTrue(writableLib.getMessage().contains(lib.toString()), writableLib.getMessage());
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwx------"));

        Path planted = Files.move(good, tmp.resolve("planted"));
        Files.createSymbolicLink(root.resolve(id), planted);
        var link = assertThrows(MpjHome.UnsafeHomeException.class, () -> MpjHome.assemble(inst, root));
        assertTrue(link.getMessage().contains(root.resolve(id).toString()) && link.getMessage().contains("symbolic link"),
                link.getMessage());
    }

    /** The home the runs use: assembled once per installation, with MPJ's jars in its {@code lib/}. */
    @Test
    void theRunsHomeIsPreparedOnceAndNamesItsJars() throws Exception {
        MpjHome home = MpjHome.prepare(inst);
        assertEquals(home.dir(), MpjHome.prepare().dir());
        assertEquals(inst, home.installation());
        assertEquals(home.dir() + " (from " + inst.source() + ")", home.toString());
        assertEquals(home.dir().resolve("lib").resolve("starter.jar"), home.lib("starter.jar"));
        assertTrue(Files.isRegularFile(home.lib("starter.jar")));
        assertTrue(Files.isDirectory(home.logs()) && home.logs().getParent().equals(home.dir()), home.logs().toString());
        List<Path> jars = home.jars();
        assertTrue(jars.contains(home.lib("starter.jar")) && jars.contains(home.lib("log4j-1.2.jar")), jars.toString());
        assertEquals(list(home.dir().resolve("lib")).size(), jars.size(), "every file in lib/ is a jar");
        assertTrue(jars.stream().allMatch(j -> j.getFileName().toString().endsWith(".jar")), jars.toString());
    }

    /** Other programs of the same user assemble at the same moment: all get one complete home. */
    @Test
    @Timeout(120)
    void concurrentAssemblersShareOneCompleteHome() throws Exception {
        Path root = tmp.resolve("homes");
        int n = 4;
        CyclicBarrier start = new CyclicBarrier(n);
        try (var pool = Executors.newFixedThreadPool(n)) {
            List<Future<Path>> homes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                homes.add(pool.submit((Callable<Path>) () -> {
                    start.await();
                    return MpjHome.assemble(inst, root);
                }));
            }
            Path first = homes.getFirst().get();
            for (Future<Path> f : homes) {
                assertEquals(first, f.get());
            }
            assertTrue(Files.isRegularFile(first.resolve(".ready")));
            assertEquals(List.of(first.getFileName().toString()), list(root), "no build folder left behind");
        }
    }

    private static List<String> list(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
