package org.parallelcookbook.mpi.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parallelcookbook.core.UnavailableException;

/**
 * Where MPJ Express 0.44 lives on this machine: either an unpacked official release named by
 * {@code MPJ_HOME} (or the system property {@code mpj.home}), or Debian's {@code libmpj-java}
 * ({@code /usr/share/java/mpj.jar}, runtime jars in {@code /usr/share/mpj/lib}, configuration in
 * {@code /etc/mpj}) with log4j 1.2 from {@code liblog4j1.2-java}.
 *
 * <p>This class never touches an {@code mpi.*} class, so it can run where MPJ is missing and say
 * what to install instead of failing with a bare {@code NoClassDefFoundError}.
 *
 * @param source   how it was found, for messages ("Debian libmpj-java", "MPJ_HOME=/opt/mpj")
 * @param libDir   the folder with {@code starter.jar}, {@code smpdev.jar}, {@code mpi.jar} ...
 * @param apiJar   {@code mpj.jar}, the jar a program compiles against
 * @param log4j    log4j 1.2, which MPJ's runtime logs through
 * @param extras   further jars the daemons need (commons-cli, commons-io, commons-codec), as found
 * @param confDir  the folder with {@code mpjexpress.conf}, or {@code null} when there is none
 */
public record MpjInstallation(String source, Path libDir, Path apiJar, Path log4j, List<Path> extras, Path confDir) {

    /** One line that says how to install MPJ Express, for every message about it missing. */
    public static final String INSTALL_HINT = "install MPJ Express 0.44: on Debian/Ubuntu "
            + "'sudo apt-get install libmpj-java liblog4j1.2-java libcommons-cli-java libcommons-io-java "
            + "libcommons-codec-java' (./cookbook does it for you); elsewhere unpack the official release "
            + "and set MPJ_HOME to it";

    static final Path DEBIAN_LIB = Path.of("/usr/share/mpj/lib");
    static final Path DEBIAN_API = Path.of("/usr/share/java/mpj.jar");
    static final Path DEBIAN_CONF = Path.of("/etc/mpj");
    static final Path SHARE_JAVA = Path.of("/usr/share/java");
    static final List<String> RUNTIME_JARS = List.of("starter.jar", "runtimecommon.jar", "smpdev.jar", "xdev.jar",
            "mpjbuf.jar", "loader2.jar", "mpiExp.jar", "mpi.jar", "mpjdev.jar", "niodev.jar", "daemon.jar");
    static final List<String> DAEMON_EXTRAS = List.of("commons-cli.jar", "commons-io.jar", "commons-codec.jar");

    public MpjInstallation {
        extras = List.copyOf(extras);
    }

    /** MPJ Express, if this machine has it (complete, with log4j 1.2). */
    public static Optional<MpjInstallation> locate() {
        try {
            return Optional.of(require());
        } catch (UnavailableException e) {
            return Optional.empty();
        }
    }

    /** True when MPJ Express is usable here. */
    public static boolean isAvailable() {
        return locate().isPresent();
    }

    /**
     * MPJ Express, or an {@link UnavailableException} whose message says what is missing and how
     * to install it.
     */
    public static MpjInstallation require() {
        String home = System.getProperty("mpj.home", System.getenv("MPJ_HOME"));
        if (home != null && !home.isBlank()) {
            Path dir = Path.of(home);
            Path lib = dir.resolve("lib");
            Path api = lib.resolve("mpj.jar");
            List<String> missing = missing(lib, api);
            if (!missing.isEmpty()) {
                throw new UnavailableException("MPJ_HOME=" + home + " is not a complete MPJ Express 0.44 (missing "
                        + summary(missing) + "); " + INSTALL_HINT);
            }
            Path log4j = firstExisting(lib.resolve("log4j-1.2.jar"), glob(lib, "log4j-1.2*.jar"),
                    SHARE_JAVA.resolve("log4j-1.2.jar"));
            if (log4j == null) {
                throw new UnavailableException("log4j 1.2 is missing (MPJ Express logs through it): put log4j-1.2.jar "
                        + "into " + lib + ", or on Debian/Ubuntu 'sudo apt-get install liblog4j1.2-java'");
            }
            Path conf = Files.isRegularFile(dir.resolve("conf/mpjexpress.conf")) ? dir.resolve("conf") : null;
            return new MpjInstallation("MPJ_HOME=" + home, lib, api, log4j, extras(lib), conf);
        }
        List<String> missing = missing(DEBIAN_LIB, DEBIAN_API);
        if (!missing.isEmpty()) {
            throw new UnavailableException("MPJ Express is not installed (no MPJ_HOME, and Debian's libmpj-java is "
                    + "missing: no " + summary(missing) + "); " + INSTALL_HINT);
        }
        Path log4j = firstExisting(SHARE_JAVA.resolve("log4j-1.2.jar"), glob(SHARE_JAVA, "log4j-1.2*.jar"));
        if (log4j == null) {
            throw new UnavailableException("log4j 1.2 is missing (MPJ Express logs through it): "
                    + "'sudo apt-get install liblog4j1.2-java'");
        }
        Path conf = Files.isRegularFile(DEBIAN_CONF.resolve("mpjexpress.conf")) ? DEBIAN_CONF : null;
        return new MpjInstallation("Debian libmpj-java", DEBIAN_LIB, DEBIAN_API, log4j, extras(DEBIAN_LIB), conf);
    }

    /** The MPJ Express version this installation's configuration names, or "0.44" when it names none. */
    public String version() {
        if (confDir != null) {
            try {
                for (String line : Files.readAllLines(confDir.resolve("mpjexpress.conf"))) {
                    if (line.startsWith("mpjexpress.version=")) {
                        return line.substring("mpjexpress.version=".length()).strip();
                    }
                }
            } catch (java.io.IOException e) {
                // fall through to the default
            }
        }
        return "0.44";
    }

    private static List<String> missing(Path lib, Path api) {
        List<String> missing = new ArrayList<>();
        if (!Files.isRegularFile(api)) {
            missing.add(api.toString());
        }
        for (String jar : RUNTIME_JARS) {
            if (!Files.isRegularFile(lib.resolve(jar))) {
                missing.add(lib.resolve(jar).toString());
            }
        }
        return missing;
    }

    private static String summary(List<String> missing) {
        return missing.size() <= 2 ? String.join(", ", missing)
                : missing.get(0) + ", " + missing.get(1) + " and " + (missing.size() - 2) + " more";
    }

    private static List<Path> extras(Path lib) {
        List<Path> found = new ArrayList<>();
        for (String jar : DAEMON_EXTRAS) {
            String stem = jar.substring(0, jar.length() - 4);
            Path p = firstExisting(lib.resolve(jar), glob(lib, stem + "-*.jar"), SHARE_JAVA.resolve(jar));
            if (p != null) {
                found.add(p);
            }
        }
        return found;
    }

    private static Path glob(Path dir, String pattern) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (var s = Files.newDirectoryStream(dir, pattern)) {
            for (Path p : s) {
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        } catch (java.io.IOException e) {
            return null;
        }
        return null;
    }

    private static Path firstExisting(Path... candidates) {
        for (Path p : candidates) {
            if (p != null && Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
