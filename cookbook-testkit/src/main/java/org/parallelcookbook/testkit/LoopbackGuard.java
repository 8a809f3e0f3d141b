package org.parallelcookbook.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The loopback guard: nothing the test suite starts may listen beyond loopback. Registered for every
 * test of every module through the ServiceLoader ({@code META-INF/services}) with
 * {@code junit.jupiter.extensions.autodetection.enabled=true}, which the parent pom sets for Surefire.
 *
 * <p>After each test (and after each class) it lists the TCP sockets in LISTEN state that belong to
 * this JVM or to any process it started (their inodes, read from {@code /proc/PID/fd}, matched in
 * {@code /proc/PID/net/tcp} and {@code tcp6}), and fails the test when one is bound to an address
 * that is not loopback: {@code 0.0.0.0} and {@code ::} count as beyond loopback. A light sampler
 * (every {@value #SAMPLE_MILLIS} ms while a test class runs) also catches a listener that was opened
 * and closed again between two checks. A process in a network namespace of its own that has no
 * interface but {@code lo} (a test's {@code unshare -n}) is exempt: nothing outside can reach it.
 *
 * <p>Linux only ({@code /proc}); elsewhere the guard does nothing.
 */
public final class LoopbackGuard implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    /** How often the sampler looks while a test class runs. */
    static final long SAMPLE_MILLIS = 500;
    private static final Path PROC = Path.of("/proc");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LoopbackGuard.class);

    /** A TCP socket listening beyond loopback: which process, which address. */
    public record Listener(long pid, String command, String address, int port, long inode) {
        @Override
        public String toString() {
            return "pid " + pid + " (" + command + ") listens on " + address + ":" + port + " (socket inode " + inode + ")";
        }
    }

    /** True where the guard can see sockets (Linux with /proc). */
    public static boolean supported() {
        return Files.isReadable(PROC.resolve("self/net/tcp")) && Files.isDirectory(PROC.resolve("self/fd"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (supported()) {
            context.getStore(NAMESPACE).getOrComputeIfAbsent(Sampler.class, k -> new Sampler(), Sampler.class);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        check(context, "after " + context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check(context, "after the class " + context.getDisplayName());
    }

    private static void check(ExtensionContext context, String when) {
        if (!supported()) {
            return;
        }
        Set<Listener> found = new LinkedHashSet<>(beyondLoopback());
        Sampler sampler = context.getStore(NAMESPACE).get(Sampler.class, Sampler.class);
        if (sampler != null) {
            found.addAll(sampler.drain());
        }
        if (!found.isEmpty()) {
            throw new AssertionError("the loopback guard found a server socket beyond loopback " + when + ": "
                    + found.stream().map(Listener::toString).collect(Collectors.joining("; ")));
        }
    }

    /** The LISTEN sockets of this JVM and its descendants that are bound beyond loopback, now. */
    public static List<Listener> beyondLoopback() {
        return listeners().stream().filter(l -> !isLoopback(l.address())).toList();
    }

    /** Every LISTEN socket of this JVM and its descendants, now (exempt namespaces left out). */
    public static List<Listener> listeners() {
        List<Listener> out = new ArrayList<>();
        String ownNet = netNamespace(ProcessHandle.current().pid());
        List<ProcessHandle> processes = new ArrayList<>();
        processes.add(ProcessHandle.current());
        ProcessHandle.current().descendants().forEach(processes::add);
        for (ProcessHandle p : processes) {
            long pid = p.pid();
            Set<Long> inodes = socketInodes(pid);
            if (inodes.isEmpty()) {
                continue;
            }
            String net = netNamespace(pid);
            if (net != null && !net.equals(ownNet) && onlyLoopbackInterface(pid)) {
                continue;
            }
            String command = p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
            for (String table : List.of("tcp", "tcp6")) {
                for (String line : lines(PROC.resolve(pid + "/net/" + table))) {
                    Socket s = parse(line);
                    if (s != null && s.listening() && inodes.contains(s.inode())) {
                        out.add(new Listener(pid, command, s.address(), s.port(), s.inode()));
                    }
                }
            }
        }
        return out;
    }

    /** One row of /proc/net/tcp or tcp6. */
    record Socket(String address, int port, boolean listening, long inode) {
    }

    /**
     * Parses a row of {@code /proc/net/tcp[6]} ({@code sl local_address rem_address st ... inode});
     * null for the header or anything else. Addresses are hexadecimal, each 32-bit word in the
     * kernel's byte order (little-endian here).
     */
    static Socket parse(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10 || !f[0].endsWith(":")) {
            return null;
        }
        int colon = f[1].indexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            byte[] address = decode(f[1].substring(0, colon));
            int port = Integer.parseInt(f[1].substring(colon + 1), 16);
            boolean listening = f[3].equals("0A");
            long inode = Long.parseLong(f[9]);
            return new Socket(InetAddress.getByAddress(address).getHostAddress(), port, listening, inode);
        } catch (NumberFormatException | UnknownHostException e) {
            return null;
        }
    }

    private static byte[] decode(String hex) {
        if (hex.length() != 8 && hex.length() != 32) {
            throw new NumberFormatException("address of " + hex.length() + " hex digits");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int word = 0; word < out.length / 4; word++) {
            for (int b = 0; b < 4; b++) { // the bytes of each word are stored in reverse
                int at = (word * 4 + (3 - b)) * 2;
                out[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return out;
    }

    /** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback; false for 0.0.0.0, :: and everything else. */
    static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Set<Long> socketInodes(long pid) {
        Set<Long> inodes = new java.util.HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(pid + "/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException | NumberFormatException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            // the process ended meanwhile, or is not ours to read
        }
        return inodes;
    }

    private static String netNamespace(long pid) {
        try {
            return Files.readSymbolicLink(PROC.resolve(pid + "/ns/net")).toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** True when the process's network namespace has no interface but lo. */
    private static boolean onlyLoopbackInterface(long pid) {
        List<String> dev = lines(PROC.resolve(pid + "/net/dev"));
        if (dev.size() < 3) {
            return false;
        }
        return dev.subList(2, dev.size()).stream().map(l -> l.substring(0, Math.max(0, l.indexOf(':'))).trim())
                .allMatch(name -> name.equals("lo"));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Looks every {@value #SAMPLE_MILLIS} ms while a test class runs; closed with the class's store. */
    static final class Sampler implements AutoCloseable {
        private final Map<Long, Listener> seen = new ConcurrentHashMap<>();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loopback-guard");
            t.setDaemon(true);
            return t;
        });

        Sampler() {
            timer.scheduleWithFixedDelay(() -> {
                try {
                    beyondLoopback().forEach(l -> seen.putIfAbsent(l.inode(), l));
                } catch (RuntimeException e) {
                    // a process vanished mid-read: the next sample looks again
                }
            }, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        }

        List<Listener> drain() {
            Map<Long, Listener> copy = new HashMap<>(seen);
            copy.keySet().forEach(seen::remove);
            return List.copyOf(copy.values());
        }

        @Override
        public void close() {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
