package org.parallelcookbook.distributed;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.rmi.AccessException;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.server.RemoteObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * <b>A remote procedure call with RPyC</b> (book chapter 5).
 *
 * <p>The book explains RPC (the client is suspended until the server replies; stubs; syntactic and
 * semantic transparency; RPyC's symmetric protocol), starts {@code rpyc_classic.py} on port 18812
 * and connects: {@code conn.execute("print('hi python cookbook')")} prints on the <i>server</i>; then
 * the client sets the remote {@code sys.stdout} to its own and {@code print('hi here')} appears on
 * the <i>client</i>.
 *
 * <p><b>Java:</b> RPyC's classic mode runs any Python string the client sends: remote code
 * execution by design. Java does not do that and this recipe does not pretend to: the server offers
 * a fixed command set through {@link RemoteConsole#execute} ({@code print TEXT}, {@code version}),
 * and an unknown command is refused. The symmetric part is real: the client exports a
 * {@link RemoteOutput} object of its own and hands its stub to the server
 * ({@link RemoteConsole#redirectOutput}); from then on the server calls <i>back</i> into the
 * client to print. The server accepts that stub because the deserialization filter of
 * {@link LoopbackRmi} admits stubs of this package's remote interfaces, nothing else, and only when
 * the stub's endpoint is a loopback address: a callback is the server opening a connection to
 * wherever the stub points, so a stub naming another host is refused ({@code AccessException})
 * before it is stored. (The caller itself can only be local: the console listens on 127.0.0.1.)
 *
 * <p>Run: {@code ./cookbook run ch5.rpyc}.
 */
@Recipe(id = "ch5.rpyc", chapter = 5, title = "A remote procedure call with RPyC")
public final class RemoteProcedureCall {

    /** The name of the console in the registry. */
    public static final String NAME = "rpyc.console";

    private RemoteProcedureCall() {
    }

    /** A command outside the fixed set. */
    public static final class UnknownCommandException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnknownCommandException(String message) {
            super(message);
        }
    }

    /** The server's console. */
    public interface RemoteConsole extends Remote {
        /** Runs one command of the fixed set: {@code print TEXT} or {@code version}. */
        void execute(String command) throws RemoteException, UnknownCommandException;

        /** Sends the console's output to {@code output} (null: back to the server's own). */
        void redirectOutput(RemoteOutput output) throws RemoteException;
    }

    /** Somewhere to print: the server calls it, the client implements and exports it. */
    public interface RemoteOutput extends Remote {
        void println(String line) throws RemoteException;
    }

    /** The server side. */
    static final class ConsoleServer implements RemoteConsole {
        private final Consumer<String> serverOut;
        private volatile RemoteOutput redirect;

        ConsoleServer(Consumer<String> serverOut) {
            this.serverOut = serverOut;
        }

        @Override
        public void execute(String command) throws RemoteException, UnknownCommandException {
            String text;
            if (command.startsWith("print ")) {
                text = command.substring("print ".length());
            } else if (command.equals("version")) {
                text = "Java " + Runtime.version();
            } else {
                throw new UnknownCommandException("not in the command set (print TEXT, version): " + command);
            }
            RemoteOutput out = redirect;
            if (out == null) {
                serverOut.accept(text);
            } else {
                out.println(text); // a call back into the client
            }
        }

        @Override
        public void redirectOutput(RemoteOutput output) throws RemoteException {
            if (output != null) {
                String endpoint = endpointHost(output);
                if (!isLoopbackLiteral(endpoint)) {
                    throw new AccessException("callbacks are accepted from loopback endpoints only, not from " + endpoint);
                }
            }
            this.redirect = output;
        }
    }

    private static final Pattern ENDPOINT = Pattern.compile("endpoint:\\[([^\\],]+):(\\d+)[,\\]]");

    /**
     * The host a stub calls, as its remote reference names it ({@code [host:port,...]}); the JDK has no
     * public getter, but {@code RemoteRef.remoteToString} has printed the endpoint this way since RMI
     * began. Null when the object is no RMI stub.
     */
    static String endpointHost(Remote stub) {
        Object handler = Proxy.isProxyClass(stub.getClass()) ? Proxy.getInvocationHandler(stub) : stub;
        if (!(handler instanceof RemoteObject remote) || remote.getRef() == null) {
            return null;
        }
        Matcher m = ENDPOINT.matcher(remote.getRef().remoteToString());
        return m.find() ? m.group(1) : null;
    }

    /** True for an IP literal on loopback (127.0.0.0/8, ::1); names are not resolved, so no lookup is made. */
    static boolean isLoopbackLiteral(String host) {
        if (host == null || !host.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The client's output object. */
    static final class ClientOutput implements RemoteOutput {
        private final Consumer<String> sink;

        ClientOutput(Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public void println(String line) {
            sink.accept(line);
        }
    }

    /** Where each line landed. */
    public record Result(List<String> serverLines, List<String> clientLines, String refused) {
    }

    /** The book's session: print on the server, redirect, print on the client; and one refused command. */
    public static Result session(Consumer<String> serverEcho, Consumer<String> clientEcho) throws Exception {
        List<String> serverLines = Collections.synchronizedList(new ArrayList<>());
        List<String> clientLines = Collections.synchronizedList(new ArrayList<>());
        try (var server = LoopbackRmi.start(); var client = LoopbackRmi.start()) {
            server.bind(NAME, new ConsoleServer(line -> {
                serverLines.add(line);
                serverEcho.accept(line);
            }));
            RemoteConsole console = server.lookup(NAME);
            console.execute("print hi python cookbook");
            RemoteOutput mine = client.export(new ClientOutput(line -> {
                clientLines.add(line);
                clientEcho.accept(line);
            }));
            console.redirectOutput(mine);
            console.execute("print hi here");
            String refused = null;
            try {
                console.execute("import os; os.system('rm -rf /')");
            } catch (UnknownCommandException e) {
                refused = e.getMessage();
            }
            console.redirectOutput(null);
            return new Result(List.copyOf(serverLines), List.copyOf(clientLines), refused);
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(RemoteProcedureCall.class);
        RecipeMain.run(args, options, opt -> {
            Result r = session(line -> System.out.println("[server output] " + line),
                    line -> System.out.println("[client output] " + line));
            System.out.println("refused: " + r.refused());
        });
    }
}
