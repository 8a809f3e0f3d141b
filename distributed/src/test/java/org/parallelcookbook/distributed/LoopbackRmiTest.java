package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.rmi.ConnectException;
import java.rmi.ConnectIOException;
import java.rmi.NoSuchObjectException;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.UnmarshalException;
import java.rmi.registry.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The plumbing every RMI recipe shares, seen from outside: what {@link LoopbackRmi#close()} leaves
 * (nothing that answers, nothing that listens), the client sockets its stubs carry, the filter's
 * view of proxies, its composition with a filter set before, and {@link LoopbackRmi#explain}.
 */
@Timeout(60)
class LoopbackRmiTest {

    /**
     * RMI keeps a client's connection open for reuse, and the server keeps serving a connection it
     * accepted; so a stub that called before the close still reaches the server's JVM afterwards. The
     * object must be gone from there: close() unexports it.
     */
    @Test
    void afterCloseAnObjectNoLongerAnswersEvenOnAConnectionStillOpen() throws Exception {
        RmiGreeting.Greeter greeter;
        try (var rmi = LoopbackRmi.start()) {
            RmiGreeting.serve(rmi);
            greeter = rmi.lookup(RmiGreeting.NAME);
            assertEquals("Hi welcome Ken", greeter.welcomeMessage("Ken")); // the connection goes back to RMI's pool
        }
        assertThrows(RemoteException.class, () -> greeter.welcomeMessage("Ken"), "the object is unexported");
    }

    /** The same for the registry: a registry stub that listed before the close gets no list afterwards. */
    @Test
    void afterCloseTheRegistryNoLongerAnswersEvenOnAConnectionStillOpen() throws Exception {
        Registry registry;
        try (var rmi = LoopbackRmi.start()) {
            RmiGreeting.serve(rmi);
            registry = LoopbackRmi.locate("127.0.0.1", rmi.port(), Duration.ofSeconds(10));
            assertEquals(List.of(RmiGreeting.NAME), List.of(registry.list()));
        }
        assertThrows(RemoteException.class, registry::list, "the registry is unexported");
    }

    /**
     * "Nothing of it listens afterwards": the port refuses a plain TCP connection once closed (the JDK
     * does not close a server socket of an anonymous port when its last object is unexported). The
     * kernel drops the listener only when RMI's accept thread has left {@code accept}, a moment after
     * {@code close} returns, so the test waits for the refusal (polling), and fails if it never comes.
     */
    @Test
    void afterCloseNothingListensOnThePort() throws Exception {
        int port;
        try (var rmi = LoopbackRmi.start()) {
            RmiGreeting.Greeter stub = rmi.bind("again", new RmiGreeting.GreetingServer());
            assertEquals("Hi welcome Meeta", stub.welcomeMessage("Meeta"), "bind returns a stub that calls the object");
            port = rmi.port();
            assertTrue(port > 0, "a port the system picked: " + port);
            assertEquals("127.0.0.1:" + port, rmi.address());
            try (var probe = new Socket("127.0.0.1", port)) {
                assertTrue(probe.isConnected(), "the registry's port listens while open");
            }
        }
        Eventually.await(Duration.ofSeconds(20), () -> refuses(port), () -> "port " + port + " refusing connections");
    }

    private static boolean refuses(int port) {
        try (var s = new Socket("127.0.0.1", port)) {
            return false;
        } catch (java.io.IOException e) {
            return e instanceof java.net.ConnectException;
        }
    }

    /** The client sockets every stub carries: connected, with the call's read timeout, and Nagle's delay off. */
    @Test
    void clientSocketsCarryTheReadTimeoutAndSendAtOnce() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             var socket = new LoopbackRmi.TimeoutSockets(3000, 1234).createSocket("127.0.0.1", server.getLocalPort())) {
            assertTrue(socket.isConnected());
            assertEquals(server.getLocalPort(), socket.getPort());
            assertEquals(1234, socket.getSoTimeout(), "the read timeout: no call waits for ever");
            assertTrue(socket.getTcpNoDelay(), "a call's few bytes go out at once");
        }
    }

    /** An interface of this package that is not Remote. */
    interface NotRemote {
        String name();
    }

    /** A serializable handler of this package: the proxy class alone must decide. */
    record AnyHandler() implements InvocationHandler, Serializable {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            return "x";
        }
    }

    /** A dynamic proxy is admitted only as a stub: one of a non-remote interface is refused, even of this package. */
    @Test
    void aProxyThatIsNoStubIsRefused() {
        Object proxy = Proxy.newProxyInstance(LoopbackRmiTest.class.getClassLoader(), new Class<?>[] {NotRemote.class},
                new AnyHandler());
        assertThrows(InvalidClassException.class, () -> read(proxy, LoopbackRmi.FILTER));
    }

    /** Primitives and their arrays pass, as do arrays of admitted types. */
    @Test
    void primitiveArraysPass() throws Exception {
        assertArrayEquals(new int[] {1, 2, 3}, (int[]) read(new int[] {1, 2, 3}, LoopbackRmi.FILTER));
        assertArrayEquals(new long[][] {{4L}}, (long[][]) read(new long[][] {{4L}}, LoopbackRmi.FILTER));
        assertArrayEquals(new String[] {"a"}, (String[]) read(new String[] {"a"}, LoopbackRmi.FILTER));
    }

    /** A server class that names {@code Remote} itself besides its remote interface. */
    static final class PlainRemoteGreeter implements Remote, RmiGreeting.Greeter {
        @Override
        public String welcomeMessage(String name) {
            return "Hello " + name;
        }
    }

    /** Its stub lists {@code java.rmi.Remote} among its interfaces, and it is still one of ours. */
    @Test
    void aStubThatAlsoNamesRemoteItselfIsAdmitted() throws Exception {
        try (var rmi = LoopbackRmi.start()) {
            rmi.bind("plain", new PlainRemoteGreeter());
            RmiGreeting.Greeter greeter = rmi.lookup("plain");
            assertTrue(List.of(greeter.getClass().getInterfaces()).contains(Remote.class), "the stub names Remote");
            assertEquals("Hello Rashmi", greeter.welcomeMessage("Rashmi"));
        }
    }

    record Ours(int x) implements Serializable {
    }

    /**
     * Composed with a filter set before: that filter still refuses what it refused, and on a stream
     * that is not RMI's it alone decides (ours would refuse a File only on RMI's streams).
     */
    @Test
    void composedWithAFilterSetBeforeBothHaveTheirSay() throws Exception {
        var composed = new LoopbackRmi.JvmWideFilter(ObjectInputFilter.Config.createFilter("!java.util.ArrayList;java.io.File"));
        assertThrows(InvalidClassException.class, () -> read(new ArrayList<>(List.of("a")), composed),
                "the earlier filter refuses a class ours admits");
        assertEquals(new File("x"), read(new File("x"), composed), "a stream that is not RMI's reads as before");
        assertEquals(new Ours(4), read(new Ours(4), composed));
    }

    /** One line per failure, naming its likely cause. */
    @Test
    void explainNamesTheCauseOfEachKindOfFailure() {
        assertEquals("the server cannot be reached (not running?): Connection refused",
                LoopbackRmi.explain(new ConnectException("Connection refused\nmore lines")));
        assertTrue(LoopbackRmi.explain(new ConnectIOException("error during JRMP connection establishment"))
                .startsWith("the server cannot be reached"));
        assertEquals("the server no longer exports that object",
                LoopbackRmi.explain(new NoSuchObjectException("no such object in table")));
        assertTrue(LoopbackRmi.explain(new UnmarshalException("error unmarshalling return", new SocketTimeoutException("Read timed out")))
                .startsWith("the server did not answer in time"));
        assertEquals("RemoteException: boom", LoopbackRmi.explain(new RemoteException("boom\nat the server")));
    }

    private static Object read(Object o, ObjectInputFilter filter) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        }
    }
}
