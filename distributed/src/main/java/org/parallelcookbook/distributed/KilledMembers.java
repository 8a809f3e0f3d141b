package org.parallelcookbook.distributed;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the members this JVM kills on purpose ({@link Cluster#kill}) from printing stack traces
 * about their own death.
 *
 * <p>A member terminated while its executor threads still run tasks (what the fault recipes stage)
 * leaves those threads running: when such a task ends, the thread tries to send its response
 * through the dead member's serialization service, which throws
 * {@link HazelcastInstanceNotActiveException}. Hazelcast does not catch it there, the thread dies of
 * it, and the JVM's default handling prints {@code Exception in thread "hz.NAME.cached.thread-N"}
 * and the stack trace on stderr, once per such task. The failure is the one the recipe caused and
 * reports itself, so this handler drops exactly that: a {@code HazelcastInstanceNotActiveException}
 * that ends a thread of a member named in {@link #expect} (Hazelcast names every member thread
 * {@code hz.<instance name>.<purpose>}). It logs one debug line for it. Every other uncaught
 * exception, on any thread, goes where it went before: to the handler installed earlier, or printed
 * as the JVM prints it.
 */
final class KilledMembers {

    private static final Logger LOG = LoggerFactory.getLogger(KilledMembers.class);
    /** Thread-name prefixes ({@code hz.<instance name>.}) of the members killed on purpose. */
    private static final Set<String> PREFIXES = ConcurrentHashMap.newKeySet();
    private static boolean installed;

    private KilledMembers() {
    }

    /** Called just before this JVM kills the member named {@code instanceName} on purpose. */
    static void expect(String instanceName) {
        PREFIXES.add("hz." + instanceName + ".");
        install();
    }

    /** True when {@code e} ending thread {@code t} is the expected death of a member killed on purpose. */
    static boolean expected(Thread t, Throwable e) {
        if (!(e instanceof HazelcastInstanceNotActiveException)) {
            return false;
        }
        String name = t.getName();
        return PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (expected(t, e)) {
                LOG.debug("thread {} of a member killed on purpose ended with: {}", t.getName(), e.toString());
            } else if (previous != null) {
                previous.uncaughtException(t, e);
            } else {
                // what ThreadGroup.uncaughtException prints when there is no default handler
                System.err.print("Exception in thread \"" + t.getName() + "\" ");
                e.printStackTrace(System.err);
            }
        });
        installed = true;
    }
}
