package org.parallelcookbook.distributed;

import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.rmi.ConnectException;
import java.rmi.ConnectIOException;
import java.rmi.NoSuchObjectException;
import java.rmi.NotBoundException;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RMI plumbing every recipe of this chapter shares, so none repeats it: a registry (the Pyro
 * name server) and the recipe's remote objects, all listening on 127.0.0.1 only, on one port the
 * system picks; calls with a connect and a read timeout; a deserialization filter on every exported
 * object; and a {@link #close()} that unexports everything.
 *
 * <ul>
 *   <li><b>Loopback:</b> the server sockets bind 127.0.0.1 and {@code java.rmi.server.hostname} is
 *       set to 127.0.0.1 (unless the user set it), so stubs name an address nobody else can
 *       reach.</li>
 *   <li><b>Timeouts:</b> stubs carry {@link TimeoutSockets}, a client socket factory with a connect
 *       timeout and a read timeout. A call to a dead server fails with {@code ConnectException}; a
 *       call to a server that hangs fails with an {@code UnmarshalException} caused by
 *       {@code SocketTimeoutException} after the read timeout, never blocks for ever.</li>
 *   <li><b>Deserialization filter, both ways:</b> arguments of calls to exported objects pass
 *       {@link #FILTER}: primitives, strings, boxed numbers, the few collection classes the recipes
 *       send, RMI's own exceptions, stubs of remote interfaces of this package, and this package's own
 *       types. Anything else (the gadget classes of deserialization attacks) is refused before it is
 *       built. What this JVM receives as an RMI <i>client</i> (lookup results, return values,
 *       exceptions) passes the same list: before anything is exported or looked up, LoopbackRmi
 *       installs one JVM-wide filter ({@link JvmWideFilter}) that applies {@link #FILTER} to every
 *       object RMI reads, composed with any JVM-wide filter set before (a {@code jdk.serialFilter}
 *       keeps its say), and leaves streams that are not RMI's (Hazelcast's, a child JVM's pipe) as they
 *       were. The registry keeps the JDK's own built-in filter, which admits only stubs and basic
 *       types.</li>
 *   <li><b>No remote code:</b> no codebase, no class loading from the network
 *       ({@code java.rmi.server.useCodebaseOnly} is true by default since JDK 7).</li>
 * </ul>
 */
public final class LoopbackRmi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackRmi.class);
    /** The read timeout calls get unless a recipe asks for another. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
    /** The connect timeout of every call. */
    public static final int CONNECT_TIMEOUT_MILLIS = 3000;
    private static final String LOOPBACK = "127.0.0.1";

    static {
        if (System.getProperty("java.rmi.server.hostname") == null) {
            System.setProperty("java.rmi.server.hostname", LOOPBACK);
        }
    }

    /** The filter on arguments of every call to an object exported here. */
    public static final ObjectInputFilter FILTER = new RecipeTypesFilter();

    private final Registry registry;
    private final int port;
    private final TimeoutSockets clientSockets;
    private final LoopbackServerSockets serverSockets;
    private final List<Remote> exported = new CopyOnWriteArrayList<>();

    private LoopbackRmi(Registry registry, int port, TimeoutSockets clientSockets, LoopbackServerSockets serverSockets) {
        this.registry = registry;
        this.port = port;
        this.clientSockets = clientSockets;
        this.serverSockets = serverSockets;
    }

    /** A registry on 127.0.0.1 on a port the system picks, with calls that time out after {@code callTimeout}. */
    public static LoopbackRmi start(Duration callTimeout) throws RemoteException {
        JvmWideFilter.install();
        var server = new LoopbackServerSockets();
        var client = new TimeoutSockets(CONNECT_TIMEOUT_MILLIS, (int) callTimeout.toMillis());
        Registry registry = LocateRegistry.createRegistry(0, client, server);
        int port = server.port();
        LOG.debug("RMI registry on {}:{}", LOOPBACK, port);
        return new LoopbackRmi(registry, port, client, server);
    }

    /** As {@link #start(Duration)} with {@link #DEFAULT_CALL_TIMEOUT}. */
    public static LoopbackRmi start() throws RemoteException {
        return start(DEFAULT_CALL_TIMEOUT);
    }

    /** The registry's port (objects exported here listen on the same port). */
    public int port() {
        return port;
    }

    /** HOST:PORT of the registry. */
    public String address() {
        return LOOPBACK + ":" + port;
    }

    /** Exports {@code object} (filtered, on loopback) and binds it under {@code name}; returns its stub. */
    public <T extends Remote> T bind(String name, T object) throws RemoteException {
        T stub = export(object);
        registry.rebind(name, stub);
        return stub;
    }

    /** Exports {@code object} without a name (a callback, a link of a chain); returns its stub. */
    @SuppressWarnings("unchecked")
    public <T extends Remote> T export(T object) throws RemoteException {
        T stub = (T) UnicastRemoteObject.exportObject(object, 0, clientSockets, serverSockets, FILTER);
        exported.add(object);
        return stub;
    }

    /**
     * The registry at {@code host:port} as a client sees it (calls time out after {@code callTimeout}).
     * Stubs looked up there carry their server's own timeouts.
     */
    public static Registry locate(String host, int port, Duration callTimeout) throws RemoteException {
        JvmWideFilter.install();
        return LocateRegistry.getRegistry(host, port, new TimeoutSockets(CONNECT_TIMEOUT_MILLIS, (int) callTimeout.toMillis()));
    }

    /** Looks up {@code name} in this registry through the network, as a client in another JVM would. */
    @SuppressWarnings("unchecked")
    public <T extends Remote> T lookup(String name) throws RemoteException, NotBoundException {
        return (T) locate(LOOPBACK, port, Duration.ofMillis(clientSockets.readMillis())).lookup(name);
    }

    /** One line that says why a remote call failed: refused (server gone), timed out (server hung), or other. */
    public static String explain(RemoteException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException) {
                return "the server did not answer in time (hung or overloaded): " + c.getMessage();
            }
        }
        if (e instanceof ConnectException || e instanceof ConnectIOException) {
            return "the server cannot be reached (not running?): " + e.getMessage().lines().findFirst().orElse("");
        }
        if (e instanceof NoSuchObjectException) {
            return "the server no longer exports that object";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse("");
    }

    /** Unbinds every name, unexports every object and the registry; nothing of it listens afterwards. */
    @Override
    public void close() {
        try {
            for (String name : registry.list()) {
                registry.unbind(name);
            }
        } catch (RemoteException | NotBoundException e) {
            LOG.debug("unbinding: {}", e.toString());
        }
        for (Remote r : exported) {
            unexport(r);
        }
        exported.clear();
        unexport(registry);
        serverSockets.closeAll();
    }

    private static void unexport(Remote r) {
        try {
            UnicastRemoteObject.unexportObject(r, true);
        } catch (NoSuchObjectException e) {
            // already gone
        }
    }

    /**
     * Client sockets with a connect timeout and a read timeout (so no call blocks for ever), and
     * {@code TCP_NODELAY} (a call's few bytes go out at once, not held back by Nagle's algorithm).
     * A record: equal factories share pooled connections.
     */
    public record TimeoutSockets(int connectMillis, int readMillis) implements RMIClientSocketFactory, Serializable {
        @Override
        public Socket createSocket(String host, int port) throws IOException {
            var socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(host, port), connectMillis);
                socket.setSoTimeout(readMillis);
                socket.setTcpNoDelay(true);
                return socket;
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }
    }

    /** Server sockets bound to 127.0.0.1; remembers the port of the first one (the registry's). */
    static final class LoopbackServerSockets implements RMIServerSocketFactory {
        private final AtomicInteger port = new AtomicInteger();
        private final List<ServerSocket> sockets = new CopyOnWriteArrayList<>();

        @Override
        public ServerSocket createServerSocket(int requested) throws IOException {
            var socket = new ServerSocket(requested, 50, InetAddress.getByName(LOOPBACK));
            port.compareAndSet(0, socket.getLocalPort());
            sockets.add(socket);
            return socket;
        }

        int port() {
            return port.get();
        }

        void closeAll() {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }

    /**
     * The one JVM-wide filter: {@link #FILTER} for every object that RMI reads in this JVM (as a
     * client above all: lookup results, return values, exceptions; the server side already filters
     * arguments per exported object), composed with the JVM-wide filter that was set before, if any.
     *
     * <p>A JVM has one JVM-wide filter, set once, and it sees every {@code ObjectInputStream}: also
     * Hazelcast's, whose tasks and lambdas are not this list's business (Hazelcast has its own filter).
     * So a class that {@link #FILTER} would refuse is refused only when the read comes from RMI: the
     * first frame below {@code java.base} on the reading thread's stack belongs to the
     * {@code java.rmi} module (RMI's stubs and {@code UnicastRef}). The stack is walked only for
     * those classes; what {@link #FILTER} admits needs no walk.
     *
     * <p>Composition: installed with {@code ObjectInputFilter.Config.setSerialFilter} when no JVM-wide
     * filter is set (the usual case). When one is already set (say by {@code -Djdk.serialFilter}) it
     * cannot be replaced, so a filter factory wraps it; if that is no longer possible either (a
     * factory was set, or a stream was already created), RMI is refused with a message that says
     * so, rather than run unfiltered.
     */
    static final class JvmWideFilter implements ObjectInputFilter {
        private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
        private static final Module JAVA_BASE = Object.class.getModule();
        private static final Module JAVA_RMI = Remote.class.getModule();
        private static volatile boolean installed;

        private final ObjectInputFilter before;

        JvmWideFilter(ObjectInputFilter before) {
            this.before = before;
        }

        /** Installs the filter once per JVM; idempotent. */
        static synchronized void install() {
            if (installed) {
                return;
            }
            ObjectInputFilter current = ObjectInputFilter.Config.getSerialFilter();
            if (current == null) {
                try {
                    ObjectInputFilter.Config.setSerialFilter(new JvmWideFilter(null));
                    installed = true;
                    LOG.debug("JVM-wide deserialization filter installed for RMI");
                    return;
                } catch (IllegalStateException raced) {
                    current = ObjectInputFilter.Config.getSerialFilter();
                }
            }
            if (current instanceof JvmWideFilter) {
                installed = true;
                return;
            }
            BinaryOperator<ObjectInputFilter> previous = ObjectInputFilter.Config.getSerialFilterFactory();
            try {
                // on a stream's construction the factory gets (null, JVM-wide filter): wrap that one
                ObjectInputFilter.Config.setSerialFilterFactory((curr, next) -> {
                    ObjectInputFilter chosen = previous.apply(curr, next);
                    return curr == null ? new JvmWideFilter(chosen) : chosen;
                });
                installed = true;
                LOG.debug("JVM-wide deserialization filter for RMI composed with {}", current);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("cannot guard what RMI receives: a JVM-wide deserialization filter ("
                        + current + ") is set and the filter factory can no longer be replaced (" + e.getMessage()
                        + "); start this JVM without -Djdk.serialFilter or add this module's patterns to it");
            }
        }

        @Override
        public Status checkInput(FilterInfo info) {
            Status earlier = before == null ? Status.UNDECIDED : before.checkInput(info);
            if (earlier == Status.REJECTED) {
                return Status.REJECTED;
            }
            Status ours = FILTER.checkInput(info);
            if (ours != Status.REJECTED) {
                return earlier == Status.ALLOWED ? Status.ALLOWED : ours;
            }
            return readByRmi() ? Status.REJECTED : earlier;
        }

        /** True when the innermost caller of the stream outside java.base (and these filters) is RMI's own code. */
        static boolean readByRmi() {
            return WALKER.walk(frames -> frames.dropWhile(f -> f.getDeclaringClass().getNestHost() == LoopbackRmi.class)
                    .map(f -> f.getDeclaringClass().getModule()).filter(m -> m != JAVA_BASE).findFirst()
                    .map(m -> m == JAVA_RMI).orElse(false));
        }
    }

    /**
     * Admits primitives and their arrays, {@code java.lang} value types and exceptions, RMI's
     * exceptions with their {@code IOException} superclass (and the {@code InvalidClassException} a
     * refusal travels as), the collection classes the recipes send (lists, a sorted map, and what exceptions
     * carry), stubs (proxies whose interfaces are all {@code Remote} types of this package) and this
     * package's types; rejects everything else and any graph deeper than 20 or larger than 100,000
     * references.
     */
    static final class RecipeTypesFilter implements ObjectInputFilter {
        /** The java.util classes that cross RMI in this chapter's recipes and tests, nothing more. */
        static final List<String> COLLECTIONS = List.of("java.util.ArrayList", "java.util.TreeMap",
                "java.util.CollSer", "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12",
                "java.util.Collections$EmptyList");
        private static final ObjectInputFilter PATTERNS = ObjectInputFilter.Config.createFilter(
                "maxdepth=20;maxrefs=100000;java.lang.*;" + String.join(";", COLLECTIONS)
                        + ";!java.rmi.MarshalledObject;java.rmi.*;java.io.IOException;java.io.ObjectStreamException;java.io.InvalidClassException;"
                        + "java.lang.reflect.Proxy;java.rmi.server.RemoteObjectInvocationHandler;java.rmi.server.RemoteObject;"
                        + "org.parallelcookbook.distributed.**;!*");

        @Override
        public Status checkInput(FilterInfo info) {
            Class<?> c = info.serialClass();
            while (c != null && c.isArray()) {
                c = c.getComponentType();
            }
            if (c != null && c.isPrimitive()) {
                return Status.ALLOWED;
            }
            if (c != null && Proxy.isProxyClass(c)) {
                boolean ours = Arrays.stream(c.getInterfaces()).allMatch(i -> Remote.class.isAssignableFrom(i)
                        && (i.getName().startsWith(HazelcastSetup.TRUSTED_PACKAGE) || i == Remote.class));
                return ours ? Status.ALLOWED : Status.REJECTED;
            }
            return PATTERNS.checkInput(info);
        }
    }
}
