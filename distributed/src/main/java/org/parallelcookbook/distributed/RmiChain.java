package org.parallelcookbook.distributed;

import java.rmi.NotBoundException;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * <b>Chaining objects with Pyro4</b> (book chapter 5).
 *
 * <p>Three servers in a ring 1 -> 2 -> 3 -> 1 share one class {@code Chain(name, next)}. Its
 * {@code process(message)} checks whether its own name is already in the message: if so it prints
 * "Back at 1; the chain is closed!" and returns {@code ["complete at 1"]}; otherwise it prints
 * "1 forwarding the message to the object 2", appends its name, calls the next server (looked up
 * lazily) and puts "passed on from 1" in front of that server's answer. The client calls server 1
 * with {@code ["hello"]}.
 *
 * <p><b>Book bug:</b> the servers register as "example.chainTopology.N" but look up
 * "example.chain.N" (and the client "example.chain.A"), and two server listings import a module
 * that does not exist; here every name is {@code example.chain.N}.
 *
 * <p><b>Java:</b> three exported RMI objects. Server 1 is called twice at once: its first call is
 * still waiting for server 2 when server 3 calls it again. RMI runs every incoming call on a thread
 * of its own, so the second call is served (on another thread) and the ring closes; a server that
 * handled one call at a time would deadlock here. The result records both threads.
 *
 * <p>Run: {@code ./cookbook run ch5.pyro-chain}.
 */
@Recipe(id = "ch5.pyro-chain", chapter = 5, title = "Chaining objects with Pyro4")
public final class RmiChain {

    private RmiChain() {
    }

    /** A link of the chain. */
    public interface Chain extends Remote {
        List<String> process(List<String> message) throws RemoteException;
    }

    /** The book's {@code Chain} class. */
    static final class ChainNode implements Chain {
        private final String name;
        private final String next;
        private final int registryPort;
        private final List<String> log;
        private final Set<String> threads;
        private volatile Chain nextProxy;

        ChainNode(String name, String next, int registryPort, List<String> log, Set<String> threads) {
            this.name = name;
            this.next = next;
            this.registryPort = registryPort;
            this.log = log;
            this.threads = threads;
        }

        @Override
        public List<String> process(List<String> message) throws RemoteException {
            if (name.equals("1")) {
                threads.add(Thread.currentThread().getName());
            }
            if (message.contains(name)) {
                log.add("Back at " + name + "; the chain is closed!");
                return List.of("complete at " + name);
            }
            log.add(name + " forwarding the message to the object " + next);
            if (nextProxy == null) { // created lazily, as in the book: the ring does not exist yet at start-up
                try {
                    nextProxy = (Chain) LoopbackRmi.locate("127.0.0.1", registryPort, Duration.ofSeconds(30))
                            .lookup(registryName(next));
                } catch (NotBoundException e) {
                    throw new RemoteException("no object " + registryName(next), e);
                }
            }
            var forwarded = new ArrayList<>(message);
            forwarded.add(name);
            var result = new ArrayList<String>();
            result.add("passed on from " + name);
            result.addAll(nextProxy.process(forwarded));
            return result;
        }
    }

    /** The registry name of server {@code n}. */
    public static String registryName(String n) {
        return "example.chain." + n;
    }

    /**
     * What happened.
     *
     * @param reply         what the client got back
     * @param log           what the servers printed, in order
     * @param serverOneThreads the RMI threads that ran server 1's two calls
     */
    public record Result(List<String> reply, List<String> log, Set<String> serverOneThreads) {
    }

    /** Builds the ring of {@code names} (first -> ... -> last -> first) and sends {@code ["hello"]} to the first. */
    public static Result run(List<String> names) throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (var rmi = LoopbackRmi.start()) {
            for (int i = 0; i < names.size(); i++) {
                String next = names.get((i + 1) % names.size());
                rmi.bind(registryName(names.get(i)), new ChainNode(names.get(i), next, rmi.port(), log, threads));
            }
            Chain first = rmi.lookup(registryName(names.get(0)));
            List<String> reply = first.process(List.of("hello"));
            return new Result(reply, List.copyOf(log), Set.copyOf(threads));
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(RmiChain.class);
        RecipeMain.run(args, options, opt -> {
            Result r = run(List.of("1", "2", "3"));
            r.log().forEach(line -> System.out.println("server: " + line));
            System.out.println("client got: " + r.reply());
            System.out.println("server 1 ran its two overlapping calls on threads " + r.serverOneThreads());
        });
    }
}
