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

    @Test
    void theDefaultRootIsNotInSharedTmp() {
        Assumptions.assumeTrue(System.getProperty(MpjHome.ROOT_PROPERTY) == null, "-D" + MpjHome.ROOT_PROPERTY + " names the root");
        Assumptions.assumeTrue(Files.isWritable(Path.of(System.getProperty("user.home"))), "no writable home folder: tmpdir is the fallback");
        Path root = MpjHome.root();
        String tmpdir = System.getProperty("java.io.tmpdir");
        assertFalse(root.startsWith(tmpdir), root + " is under " + tmpdir);
        assertTrue(root.endsWith("parallel-cookbook-mpj"), root.toString());
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
