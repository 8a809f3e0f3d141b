package org.parallelcookbook.processes;

import java.io.IOException;
import java.io.ObjectInputFilter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.rmi.NoSuchObjectException;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.launch.ChildJvm;
import org.parallelcookbook.core.launch.JvmLauncher;

/**
 * <b>How to manage a state between processes</b> (book chapter 3).
 *
 * <p>The book shares a {@code multiprocessing.Manager().dict()} among 10 processes: worker i stores
 * {@code i -> 2i} and prints "key = i value = 2i" (in any order); the parent then prints
 * {@code {0: 0, 1: 2, ..., 9: 18}}. The Manager is a server process that owns the dict; the
 * children hold proxies that send every operation to it.
 *
 * <p><b>Java vs Python:</b> the JDK has no Manager, but it has what a Manager is made of: Java RMI.
 * Here the parent is the manager: it exports a {@link SharedDict} on 127.0.0.1 (server sockets
 * bound to loopback, an ephemeral port, a registry the children look it up in, and an
 * {@link ObjectInputFilter} on the exported object that admits only the argument types), and
 * every child JVM calls it through an RMI stub. The manager counts writes per key, so the test can
 * check each key was written exactly once. The light alternative needs no server:
 * {@link #mappedArray} maps one file into every child's memory and each child writes its slot with
 * a {@link VarHandle} (a plain store for the value, an atomic add for the write counter: atomics
 * work across processes on shared memory).
 *
 * <p>Run: {@code ./cookbook run ch3.state [--workers 10]}.
 */
@Recipe(id = "ch3.state", chapter = 3, title = "How to manage a state between processes", tourArgs = {"--workers", "4"})
public final class SharedStateManager {

    /** The registry name of the shared dictionary. */
    public static final String NAME = "cookbook-shared-dict";

    /** What a child can do to the manager's dictionary. */
    public interface SharedDict extends Remote {
        void put(int key, int value) throws RemoteException;

        Map<Integer, Integer> snapshot() throws RemoteException;
    }

    /** The manager's object: the state lives here, in the parent JVM. */
    static final class Dict implements SharedDict {
        final Map<Integer, Integer> map = new ConcurrentHashMap<>();
        final Map<Integer, AtomicInteger> writes = new ConcurrentHashMap<>();

        @Override
        public void put(int key, int value) {
            map.put(key, value);
            writes.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public Map<Integer, Integer> snapshot() {
            return new TreeMap<>(map);
        }
    }

    /** The final state and how often each key was written. */
    public record State(Map<Integer, Integer> map, Map<Integer, Integer> writesPerKey, List<String> childLines) {
    }

    private SharedStateManager() {
    }

    /** Server sockets of the registry and the exported object: loopback only, port chosen by the OS. */
    private static final class LoopbackServer implements RMIServerSocketFactory {
        volatile int port;

        @Override
        public ServerSocket createServerSocket(int p) throws IOException {
            var s = new ServerSocket(p, 50, InetAddress.getLoopbackAddress());
            port = s.getLocalPort();
            return s;
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** Client sockets: the stub connects to loopback, whatever host name the JVM would pick. */
    record LoopbackClient() implements RMIClientSocketFactory, java.io.Serializable {
        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return new Socket(InetAddress.getLoopbackAddress(), port);
        }
    }

    /** Runs {@code workers} child JVMs that each call {@code put(i, 2i)} on the manager. */
    public static State manager(int workers) throws Exception {
        var dict = new Dict();
        var registrySockets = new LoopbackServer();
        Registry registry = LocateRegistry.createRegistry(0, new LoopbackClient(), registrySockets);
        ObjectInputFilter onlyArgs = ObjectInputFilter.Config.createFilter("maxdepth=5;java.lang.Integer;java.lang.Number;!*");
        try {
            var stub = (SharedDict) UnicastRemoteObject.exportObject(dict, 0, new LoopbackClient(), new LoopbackServer(),
                    onlyArgs);
            registry.rebind(NAME, stub);
            List<ChildJvm> children = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            try {
                for (int i = 0; i < workers; i++) {
                    children.add(JvmLauncher.forMain(StateWorker.class).name("state-worker-" + i).quickStart()
                            .args("rmi", Integer.toString(registrySockets.port), Integer.toString(i)).start());
                }
                for (ChildJvm c : children) {
                    c.closeStdin();
                    lines.addAll(c.waitFor(Duration.ofSeconds(120)).requireSuccess().stdoutLines());
                }
            } finally {
                children.forEach(ChildJvm::close);
            }
            Map<Integer, Integer> writes = new TreeMap<>();
            dict.writes.forEach((k, v) -> writes.put(k, v.get()));
            return new State(dict.snapshot(), writes, lines);
        } finally {
            try {
                UnicastRemoteObject.unexportObject(dict, true);
            } catch (NoSuchObjectException e) {
                // never exported
            }
            UnicastRemoteObject.unexportObject(registry, true);
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** The light variant: {@code workers} children write into a memory-mapped {@code long[2 * workers]}. */
    public static State mappedArray(int workers, Path dir) throws Exception {
        Path file = Files.createTempFile(dir, "cookbook-state", ".bin");
        try {
            List<ChildJvm> children = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            try {
                for (int i = 0; i < workers; i++) {
                    children.add(JvmLauncher.forMain(StateWorker.class).name("mapped-worker-" + i).quickStart()
                            .args("mapped", file.toString(), Integer.toString(i), Integer.toString(workers)).start());
                }
                for (ChildJvm c : children) {
                    c.closeStdin();
                    lines.addAll(c.waitFor(Duration.ofSeconds(120)).requireSuccess().stdoutLines());
                }
            } finally {
                children.forEach(ChildJvm::close);
            }
            Map<Integer, Integer> map = new TreeMap<>();
            Map<Integer, Integer> writes = new TreeMap<>();
            try (var ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_WRITE, 0, 16L * workers);
                for (int i = 0; i < workers; i++) {
                    long w = (long) LONGS.getVolatile(buf, (workers + i) * 8);
                    if (w > 0) {
                        map.put(i, (int) (long) LONGS.getVolatile(buf, i * 8));
                        writes.put(i, (int) w);
                    }
                }
            }
            return new State(map, writes, lines);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A child: {@code rmi <port> <i>} or {@code mapped <file> <i> <workers>}. */
    public static final class StateWorker {
        private StateWorker() {
        }

        public static void main(String[] args) throws Exception {
            int i = Integer.parseInt(args[2]);
            if (args[0].equals("rmi")) {
                Registry registry = LocateRegistry.getRegistry("127.0.0.1", Integer.parseInt(args[1]), new LoopbackClient());
                var dict = (SharedDict) registry.lookup(NAME);
                dict.put(i, 2 * i);
            } else {
                int workers = Integer.parseInt(args[3]);
                try (var ch = FileChannel.open(Path.of(args[1]), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_WRITE, 0, 16L * workers);
                    LONGS.setVolatile(buf, i * 8, 2L * i);
                    LONGS.getAndAdd(buf, (workers + i) * 8, 1L);
                }
            }
            System.out.println("key = " + i + " value = " + 2 * i);
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(SharedStateManager.class)
                .intOption("--workers", 10, 1, Integer.MAX_VALUE, "worker threads");
        RecipeMain.run(args, options, opt -> {
            int workers = opt.intValue("--workers");
            State rmi = manager(workers);
            rmi.childLines().forEach(System.out::println);
            System.out.println("manager (RMI) state: " + rmi.map());
            State mapped = mappedArray(workers, Path.of(System.getProperty("java.io.tmpdir")));
            System.out.println("memory-mapped state: " + mapped.map());
        });
    }
}
