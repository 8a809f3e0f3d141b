package org.parallelcookbook.mpi.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code MPJ_HOME} of our own, assembled once per installation under {@code java.io.tmpdir}:
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
 * <p>The home is built in a temporary folder and moved into place atomically, so concurrent
 * programs (a test suite, a tour) share one without seeing a half-built one.
 */
public final class MpjHome {

    private static final Logger LOG = LoggerFactory.getLogger(MpjHome.class);
    private static final String LAYOUT = "cookbook-mpj-home-1";
    private static final String READY = ".ready";
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
        Path dir = CACHE.computeIfAbsent(installation, MpjHome::assemble);
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

    private static Path assemble(MpjInstallation inst) {
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
            Path root = Path.of(System.getProperty("java.io.tmpdir"),
                    "parallel-cookbook-mpj-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_"));
            Path target = root.resolve(id);
            if (Files.exists(target.resolve(READY))) {
                return target;
            }
            Files.createDirectories(root);
            Path work = Files.createTempDirectory(root, "build-");
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
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                deleteTree(work); // another program was quicker; use its home
            }
            if (!Files.exists(target.resolve(READY))) {
                throw new IOException("could not assemble the MPJ home " + target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot assemble an MPJ home under java.io.tmpdir: " + e.getMessage(), e);
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
