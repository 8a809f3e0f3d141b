package org.parallelcookbook.distributed;

import java.rmi.NotBoundException;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;
import org.parallelcookbook.core.UsageException;

/**
 * <b>Remote Method Invocation with Pyro4</b> (book chapter 5).
 *
 * <p>The book's Pyro4 server has one object with {@code welcomeMessage(name)}, registered in a Pyro
 * daemon and in the Pyro name server as "server"; the client looks up {@code PYRONAME:server} and
 * prints "Hi welcome Rashmi". Pyro4 is modelled on Java RMI, so here is the original: a
 * {@code Remote} interface, an object exported with {@code UnicastRemoteObject}, an RMI registry
 * as name server, {@code rebind("server", stub)} on the server and {@code lookup("server")} on the
 * client. The plumbing (loopback only, timeouts, deserialization filter) is {@link LoopbackRmi}.
 *
 * <p>Unlike Pyro4, RMI needs no separate name-server process and no {@code @expose}: the remote
 * interface says what is callable. A call to a server that died fails at once with
 * {@code ConnectException}; a call to a server that hangs fails after the read timeout.
 *
 * <p>Run: {@code ./cookbook run ch5.pyro-rmi [NAME]} (server and client in one JVM), or in two
 * terminals {@code ./cookbook run ch5.pyro-rmi --serve} and
 * {@code ./cookbook run ch5.pyro-rmi --connect 127.0.0.1:PORT Rashmi}. Latency of a call:
 * {@code ./cookbook bench ch5.pyro-rmi}.
 */
@Recipe(id = "ch5.pyro-rmi", chapter = 5, title = "Remote Method Invocation with Pyro4",
        bench = RmiLatencyBenchmark.class)
public final class RmiGreeting {

    /** The name the server is registered under. */
    public static final String NAME = "server";

    private RmiGreeting() {
    }

    /** What the server offers. */
    public interface Greeter extends Remote {
        String welcomeMessage(String name) throws RemoteException;
    }

    /** The server object. */
    public static final class GreetingServer implements Greeter {
        @Override
        public String welcomeMessage(String name) {
            return "Hi welcome " + name;
        }
    }

    /** Exports a {@link GreetingServer} as {@value #NAME} in {@code rmi}'s registry. */
    public static void serve(LoopbackRmi rmi) throws RemoteException {
        rmi.bind(NAME, new GreetingServer());
    }

    /** The client: look up {@value #NAME} at {@code host:port} and ask for a greeting. */
    public static String greet(String host, int port, String name, Duration callTimeout)
            throws RemoteException, NotBoundException {
        Greeter server = (Greeter) LoopbackRmi.locate(host, port, callTimeout).lookup(NAME);
        return server.welcomeMessage(name);
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(RmiGreeting.class)
                .intOption("--call-timeout-ms", 10_000, 1, Integer.MAX_VALUE, "limit of each remote call, in ms")
                .flag("--serve", "only start the server and wait for clients")
                .stringOption("--connect", null, "connect to a running server at HOST:PORT instead of starting one")
                .rest("name", "the name to greet (default Rashmi)");
        RecipeMain.run(args, options, opt -> {
            int timeoutMs = opt.intValue("--call-timeout-ms");
            var timeout = Duration.ofMillis(timeoutMs);
            String connect = opt.string("--connect");
            var names = opt.rest("name");
            String name = names.isEmpty() ? "Rashmi" : names.get(0);
            if (opt.flag("--serve")) {
                try (var rmi = LoopbackRmi.start(timeout)) {
                    serve(rmi);
                    System.out.println("serving '" + NAME + "' on " + rmi.address());
                    System.out.flush();
                    new CountDownLatch(1).await(); // until killed, like the Pyro daemon's requestLoop()
                }
            } else if (connect != null) {
                int colon = connect.lastIndexOf(':');
                if (colon <= 0) {
                    throw new UsageException("--connect needs HOST:PORT, got '" + connect + "'");
                }
                int port = RecipeMain.intArg(new String[] {connect.substring(colon + 1)}, 0, "port", 0, 1);
                try {
                    System.out.println(greet(connect.substring(0, colon), port, name, timeout));
                } catch (RemoteException e) {
                    throw new IllegalStateException(LoopbackRmi.explain(e));
                }
            } else {
                try (var rmi = LoopbackRmi.start(timeout)) {
                    serve(rmi);
                    System.out.println("server: '" + NAME + "' registered in the RMI registry at " + rmi.address());
                    System.out.println("client: " + greet("127.0.0.1", rmi.port(), name, timeout));
                }
            }
        });
    }
}
