package org.parallelcookbook.mpi.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code MPJ_HOME} of our own, assembled once per installation in a private folder of the user:
 * {@code lib/} with copies of MPJ's jars plus log4j 1.2 and the commons jars under the names their
 * manifests expect, {@code conf/mpjexpress.conf}, and {@code logs/}.
 *
 * <p>Why not Debian's {@code /usr/share/mpj} as it is: its jars' manifests point at
 * {@code log4j-1.2.jar} beside them, which the package does not install (so {@code mpjrun} fails
 * with {@code NoClassDefFoundError: org/apache/log4j/Layout}), and a manifest {@code Class-Path}
 * is not followed through a symbolic link to another folder, so the jars are copied, not linked
 * (about 1.5 MB). The ranks' JVMs then find log4j through those manifests, with no JVM option.
 * Logs stay in the assembled home and are off by default; {@code MPI.Init} finds its
 * configuration file there and prints no stack trace about a missing one.
 *
 * <p><b>Private, because its jars run.</b> Whatever lies in {@code lib/} ends up on MPJRun's class
 * path, so a home another local user could write to would let them run code as you. The homes live
 * under {@code $XDG_RUNTIME_DIR/parallel-cookbook-mpj} when that is set, else
 * {@code ~/.cache/parallel-cookbook-mpj}, else {@code java.io.tmpdir/parallel-cookbook-mpj-USER}
 * (the system property {@value #ROOT_PROPERTY} names another folder). That folder is created with
 * mode 0700; it, and every home in it, is used only when it is a real directory (not a symbolic
 * link), owned by the current user, and neither group- nor world-writable. Anything else is refused
 * with a message that names the path and what is wrong, never repaired or used
 * ({@link UnsafeHomeException}).
 *
 * <p>The home is built in a temporary folder beside its final place and renamed into place
 * atomically, so concurrent programs of the same user (a test suite, a tour) share one without
 * seeing a half-built one.
 */
public final class MpjHome {

    private static final Logger LOG = LoggerFactory.getLogger(MpjHome.class);
    private static final String LAYOUT = "cookbook-mpj-home-1";
    private static final String READY = ".ready";
    /** System property naming the folder the homes are kept in (default: see the class comment). */
    public static final String ROOT_PROPERTY = "cookbook.mpj.homes";
    private static final Set<PosixFilePermission> OTHERS_WRITE = EnumSet.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);
    private static final Map<MpjInstallation, Path> CACHE = new ConcurrentHashMap<>();

    /** The configuration MPJ Express 0.44 ships, used when the installation has none. */
    static final String DEFAULT_CONF = """
            # MPJ Express configuration, written by the Parallel Cookbook (the installation had none)
            mpjexpress.mpjdaemon.port.1=40055
            mpjexpress.mpjdaemon.port.2=40052
            mpjexpress.mpjrun.port.1=40002
            mpjexpress.mpjdaemon.loglevel=OFF
            mpjexpress.mpjrun.loglevel=OFF
            mpjexpress.mpi.loglevel=OFF
            mpjexpress.version=0.44
            mpjexpress.mpi.old.collectives=false
            """;

    private final Path dir;
    private final MpjInstallation installation;

    private MpjHome(Path dir, MpjInstallation installation) {
        this.dir = dir;
        this.installation = installation;
    }

    /** The home for MPJ Express as found on this machine ({@link MpjInstallation#require()}). */
    public static MpjHome prepare() {
        return prepare(MpjInstallation.require());
    }

    /** The home for the given installation, assembling it on first use. */
    public static MpjHome prepare(MpjInstallation installation) {
        Path dir = CACHE.computeIfAbsent(installation, inst -> assemble(inst, root()));
        return new MpjHome(dir, installation);
    }

    public Path dir() {
        return dir;
    }

    public MpjInstallation installation() {
        return installation;
    }

    public Path lib(String jar) {
        return dir.resolve("lib").resolve(jar);
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    /** The jars of MPJ Express in this home (anything a rank's own class path must not repeat). */
    public List<Path> jars() {
        try (var s = Files.list(dir.resolve("lib"))) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Thrown when a folder meant to hold MPJ homes, or a home, is not safe to run code from. */
    public static final class UnsafeHomeException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UnsafeHomeException(Path path, String why) {
            super("refusing the MPJ home folder " + path + ": " + why + " (its jars would run as you; remove it, "
                    + "or name a private folder with -D" + ROOT_PROPERTY + "=DIR)");
        }
    }

    /** The folder the homes are kept in: see the class comment. */
    static Path root() {
        String named = System.getProperty(ROOT_PROPERTY);
        if (named != null && !named.isBlank()) {
            return Path.of(named).toAbsolutePath();
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Path.of(runtime).isAbsolute() && Files.isDirectory(Path.of(runtime))
                && Files.isWritable(Path.of(runtime))) {
            return Path.of(runtime, "parallel-cookbook-mpj");
        }
        String home = System.getProperty("user.home");
        if (home != null && !home.isBlank() && !home.equals("?") && Files.isDirectory(Path.of(home))
                && Files.isWritable(Path.of(home))) {
            return Path.of(home, ".cache", "parallel-cookbook-mpj");
        }
        return Path.of(System.getProperty("java.io.tmpdir"),
                "parallel-cookbook-mpj-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_"));
    }

    /** Assembles (or finds, already assembled and safe) the home of {@code inst} under {@code root}. */
    static Path assemble(MpjInstallation inst, Path root) {
        try {
            Map<String, Path> jars = new TreeMap<>();
            try (var s = Files.newDirectoryStream(inst.libDir(), "*.jar")) {
                for (Path p : s) {
                    jars.put(p.getFileName().toString(), p);
                }
            }
            jars.putIfAbsent("mpj.jar", inst.apiJar());
            jars.put("log4j-1.2.jar", inst.log4j());
            for (Path extra : inst.extras()) {
                String name = extra.getFileName().toString().replaceFirst("-[0-9][0-9.]*\\.jar$", ".jar");
                jars.putIfAbsent(name, extra);
            }
            Path conf = inst.confDir() == null ? null : inst.confDir().resolve("mpjexpress.conf");
            String id = fingerprint(inst, jars, conf);
            privateRoot(root);
            Path target = root.resolve(id);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                requireSafe(target);
                if (Files.exists(target.resolve(READY), LinkOption.NOFOLLOW_LINKS)) {
                    requireSafe(target.resolve("lib"));
                    return target;
                }
            }
            Path work = Files.createTempDirectory(root, "build-"); // 0700 on POSIX file systems
            Files.createDirectories(work.resolve("lib"));
            Files.createDirectories(work.resolve("conf"));
            Files.createDirectories(work.resolve("logs"));
            for (var e : jars.entrySet()) {
                Files.copy(e.getValue().toRealPath(), work.resolve("lib").resolve(e.getKey()));
            }
            if (conf != null && Files.isRegularFile(conf)) {
                Files.copy(conf.toRealPath(), work.resolve("conf/mpjexpress.conf"));
            } else {
                Files.writeString(work.resolve("conf/mpjexpress.conf"), DEFAULT_CONF, StandardCharsets.UTF_8);
            }
            Files.writeString(work.resolve(READY), inst.source() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
                LOG.debug("assembled MPJ home {} from {}", target, inst.source());
            } catch (IOException e) {
                // Another program was quicker: Linux's rename(2) answers ENOTEMPTY, which Java reports
                // as a plain FileSystemException, not DirectoryNotEmptyException. Use its home.
                deleteTree(work);
                if (!Files.exists(target.resolve(READY), LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
            }
            requireSafe(target);
            requireSafe(target.resolve("lib"));
            if (!Files.exists(target.resolve(READY), LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("could not assemble the MPJ home " + target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot assemble an MPJ home under " + root + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code root} with mode 0700 unless it exists, then checks it ({@link #requireSafe}). */
    static void privateRoot(Path root) throws IOException {
        Path parent = root.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        try {
            if (posix(parent == null ? root : parent)) {
                Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(root);
            }
        } catch (FileAlreadyExistsException e) {
            // made by an earlier or a concurrent run, or planted: checked below either way
        }
        requireSafe(root);
    }

    /**
     * Refuses {@code dir} unless it is a directory (not a symbolic link), owned by the current user,
     * and neither group- nor world-writable.
     */
    static void requireSafe(Path dir) throws IOException {
        BasicFileAttributes basic = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (basic.isSymbolicLink()) {
            throw new UnsafeHomeException(dir, "it is a symbolic link (to " + Files.readSymbolicLink(dir) + ")");
        }
        if (!basic.isDirectory()) {
            throw new UnsafeHomeException(dir, "it is not a directory");
        }
        if (!posix(dir)) {
            return; // no POSIX owner and modes to check (Windows: the user's profile folder is private)
        }
        PosixFileAttributes attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        UserPrincipal me = currentUser(dir);
        if (me != null && !attrs.owner().equals(me)) {
            throw new UnsafeHomeException(dir, "it is owned by " + attrs.owner().getName() + ", not by " + me.getName());
        }
        if (!java.util.Collections.disjoint(attrs.permissions(), OTHERS_WRITE)) {
            throw new UnsafeHomeException(dir, "it is group- or world-writable ("
                    + PosixFilePermissions.toString(attrs.permissions()) + ")");
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static UserPrincipal currentUser(Path onFileSystem) throws IOException {
        String name = System.getProperty("user.name");
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return onFileSystem.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
        } catch (UserPrincipalNotFoundException e) {
            throw new UnsafeHomeException(onFileSystem, "cannot tell whether it is yours: no user named " + name);
        }
    }

    private static String fingerprint(MpjInstallation inst, Map<String, Path> jars, Path conf) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<String> parts = new ArrayList<>(List.of(LAYOUT, inst.source()));
            for (var e : jars.entrySet()) {
                Path real = e.getValue().toRealPath();
                parts.add(e.getKey() + "=" + real + ":" + Files.size(real) + ":" + Files.getLastModifiedTime(real).toMillis());
            }
            if (conf != null && Files.isRegularFile(conf)) {
                parts.add("conf:" + Files.readString(conf.toRealPath()));
            }
            md.update(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public String toString() {
        return dir + " (from " + installation.source() + ")";
    }
}
