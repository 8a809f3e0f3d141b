package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.rmi.AccessException;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.server.Operation;
import java.rmi.server.RemoteCall;
import java.rmi.server.RemoteObject;
import java.rmi.server.RemoteObjectInvocationHandler;
import java.rmi.server.RemoteRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RemoteProcedureCallTest {

    @Test
    void outputLandsOnTheServerThenOnTheClientAfterRedirection() throws Exception {
        List<String> serverEcho = Collections.synchronizedList(new ArrayList<>());
        List<String> clientEcho = Collections.synchronizedList(new ArrayList<>());
        var r = RemoteProcedureCall.session(serverEcho::add, clientEcho::add);
        assertEquals(List.of("hi python cookbook"), r.serverLines());
        assertEquals(List.of("hi here"), r.clientLines());
        assertNotNull(r.refused(), "a command outside the fixed set is refused");
        assertTrue(r.refused().contains("not in the command set") && r.refused().contains("os.system"), r.refused());
        // the echoes are what the recipe's main prints: each side's lines, as they land
        assertEquals(List.of("hi python cookbook"), serverEcho);
        assertEquals(List.of("hi here"), clientEcho);
    }

    /** The fixed command set: {@code version} and {@code print TEXT}; anything else, "print" without text included, is refused. */
    @Test
    void versionAndPrintAreTheCommandSetAndAnythingElseIsRefused() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (var server = LoopbackRmi.start()) {
            server.bind(RemoteProcedureCall.NAME, new RemoteProcedureCall.ConsoleServer(lines::add));
            RemoteProcedureCall.RemoteConsole console = server.lookup(RemoteProcedureCall.NAME);
            console.execute("version");
            console.execute("print 2 + 2");
            var e = assertThrows(RemoteProcedureCall.UnknownCommandException.class, () -> console.execute("exec 2 + 2"));
            assertTrue(e.getMessage().endsWith(": exec 2 + 2"), e.getMessage());
            assertThrows(RemoteProcedureCall.UnknownCommandException.class, () -> console.execute("print"));
        }
        assertEquals(List.of("Java " + Runtime.version(), "2 + 2"), lines);
    }

    /** A callback stub that points beyond loopback is refused by the server before it is stored. */
    @Test
    void callbacksAreAcceptedFromLoopbackEndpointsOnly() throws Exception {
        try (var server = LoopbackRmi.start(); var client = LoopbackRmi.start()) {
            server.bind(RemoteProcedureCall.NAME, new RemoteProcedureCall.ConsoleServer(line -> { }));
            RemoteProcedureCall.RemoteConsole console = server.lookup(RemoteProcedureCall.NAME);
            RemoteProcedureCall.RemoteOutput real = client.export(new RemoteProcedureCall.ClientOutput(line -> { }));
            assertEquals("127.0.0.1", RemoteProcedureCall.endpointHost(real), "the JDK's stub format is parsed");

            var remote = assertThrows(RemoteException.class, () -> console.redirectOutput(stubPointingAt("192.0.2.1")));
            assertTrue(causedBy(remote, AccessException.class) && remote.toString().contains("192.0.2.1"), remote.toString());
            console.redirectOutput(stubPointingAt("127.0.0.1")); // same stub on loopback: accepted
            console.redirectOutput(null);
        }
        assertTrue(!RemoteProcedureCall.isLoopbackLiteral("0.0.0.0") && !RemoteProcedureCall.isLoopbackLiteral("localhost.evil")
                && RemoteProcedureCall.isLoopbackLiteral("::1") && RemoteProcedureCall.isLoopbackLiteral("127.0.0.2"));
    }

    /** Only an IP literal on loopback counts: a name is not resolved (not even "localhost"), a malformed literal is refused. */
    @Test
    void onlyLoopbackIpLiteralsCount() {
        assertFalse(RemoteProcedureCall.isLoopbackLiteral("localhost"), "a name is not resolved, even one that means loopback");
        assertFalse(RemoteProcedureCall.isLoopbackLiteral(null), "a stub without an endpoint");
        assertFalse(RemoteProcedureCall.isLoopbackLiteral("1:2"), "a malformed IPv6 literal");
        assertFalse(RemoteProcedureCall.isLoopbackLiteral("::2"));
        assertTrue(RemoteProcedureCall.isLoopbackLiteral("127.255.0.1"));
        assertNull(RemoteProcedureCall.endpointHost(new RemoteProcedureCall.ClientOutput(line -> { })),
                "an object that is no stub names no endpoint");
    }

    private static RemoteProcedureCall.RemoteOutput stubPointingAt(String host) {
        return (RemoteProcedureCall.RemoteOutput) Proxy.newProxyInstance(RemoteProcedureCallTest.class.getClassLoader(),
                new Class<?>[] {RemoteProcedureCall.RemoteOutput.class},
                new RemoteObjectInvocationHandler(new EndpointRef(host, 4242)));
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** A remote reference that names an endpoint and cannot call it: enough for the server's check. */
    public static final class EndpointRef implements RemoteRef {
        private static final long serialVersionUID = 1L;
        private String host;
        private int port;

        public EndpointRef() {
        }

        EndpointRef(String host, int port) {
            this.host = host;
            this.port = port;
        }

        @Override
        public Object invoke(Remote obj, Method method, Object[] params, long opnum) throws RemoteException {
            throw new RemoteException("this reference calls nobody");
        }

        @Override
        @Deprecated
        public RemoteCall newCall(RemoteObject obj, Operation[] op, int opnum, long hash) throws RemoteException {
            throw new RemoteException("this reference calls nobody");
        }

        @Override
        @Deprecated
        public void invoke(RemoteCall call) throws Exception {
            throw new RemoteException("this reference calls nobody");
        }

        @Override
        @Deprecated
        public void done(RemoteCall call) {
        }

        @Override
        public String getRefClass(ObjectOutput out) {
            return null; // not one of RMI's own: written as a whole object, so it passes the filter as ours
        }

        @Override
        public int remoteHashCode() {
            return host.hashCode() ^ port;
        }

        @Override
        public boolean remoteEquals(RemoteRef obj) {
            return obj instanceof EndpointRef e && e.host.equals(host) && e.port == port;
        }

        @Override
        public String remoteToString() {
            return "UnicastRef [liveRef: [endpoint:[" + host + ":" + port + "](remote),objID:[0]]]";
        }

        @Override
        public void writeExternal(ObjectOutput out) throws IOException {
            out.writeUTF(host);
            out.writeInt(port);
        }

        @Override
        public void readExternal(ObjectInput in) throws IOException {
            host = in.readUTF();
            port = in.readInt();
        }
    }
}
