package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.UnmarshalException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.launch.JvmLauncher;
import org.parallelcookbook.outside.Foreign;

/**
 * What a JVM receives as an RMI client passes the recipes' filter: a real registry and server on
 * loopback send back types outside the allow-list, and the client refuses them before they are built.
 */
@Timeout(60)
class RmiClientFilterTest {

    /** A server that answers with whatever it is told to. */
    public interface Leaky extends Remote {
        Object file() throws RemoteException;

        Object hashSet() throws RemoteException;

        Object arrayList() throws RemoteException;
    }

    static final class LeakyServer implements Leaky {
        @Override
        public Object file() {
            return new File("/etc/passwd");
        }

        @Override
        public Object hashSet() {
            return new HashSet<>(Set.of("a")); // java.util, but not a class the recipes send
        }

        @Override
        public Object arrayList() {
            return new ArrayList<>(List.of("a", "b"));
        }
    }

    static final class ForeignServer implements Foreign {
        @Override
        public String hello() {
            return "hello";
        }
    }

    @Test
    void returnValuesOutsideTheAllowListAreRefusedByTheClient() throws Exception {
        try (var rmi = LoopbackRmi.start()) {
            rmi.bind("leaky", new LeakyServer());
            Leaky leaky = rmi.lookup("leaky");
            assertEquals(List.of("a", "b"), leaky.arrayList(), "a type the recipes send arrives");
            for (var call : List.<ThrowingCall>of(leaky::file, leaky::hashSet)) {
                var e = assertThrows(UnmarshalException.class, call::run);
                var refused = assertInstanceOf(InvalidClassException.class, e.getCause(), e.toString());
                assertTrue(refused.getMessage().contains("REJECTED"), refused.getMessage());
            }
        }
    }

    @Test
    void aLookupResultOutsideThisPackageIsRefusedByTheClient() throws Exception {
        try (var rmi = LoopbackRmi.start()) {
            rmi.bind("foreign", new ForeignServer()); // the registry's own filter admits any stub
            var e = assertThrows(UnmarshalException.class, () -> rmi.lookup("foreign"));
            assertInstanceOf(InvalidClassException.class, e.getCause(), e.toString());
        }
    }

    /** The JVM-wide filter is RMI's only: a plain stream (Hazelcast's, a pipe's) reads as before. */
    @Test
    void streamsThatAreNotRmisAreLeftAlone() throws Exception {
        LoopbackRmi.start().close();
        assertInstanceOf(LoopbackRmi.JvmWideFilter.class, ObjectInputFilter.Config.getSerialFilter());
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(new File("x"));
        }
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(new File("x"), in.readObject());
        }
    }

    /**
     * A JVM whose JVM-wide filter was set before ({@code -Djdk.serialFilter}, here refusing
     * ArrayList): LoopbackRmi composes through a filter factory, so both filters have their say.
     */
    @Test
    void aJvmWideFilterSetBeforeKeepsItsSay() throws Exception {
        var r = JvmLauncher.forMain(FilterCompositionProbe.class).name("filter-probe")
                .jvmOptions("-Djdk.serialFilter=!java.util.ArrayList").run(Duration.ofSeconds(60));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("factory org.parallelcookbook.distributed.LoopbackRmi"), r.stdout());
        assertTrue(r.stdout().contains("file refused"), "refused by the recipes' list: " + r.stdout());
        assertTrue(r.stdout().contains("hashSet refused"), "refused by the recipes' list: " + r.stdout());
        assertTrue(r.stdout().contains("arrayList refused"), "refused by the filter set before: " + r.stdout());
    }

    /**
     * A fresh JVM: whichever entry point of LoopbackRmi runs first ({@code start} on a server,
     * {@code locate} on a client) installs the JVM-wide filter, and a foreign type is then refused
     * even on a registry stub that LoopbackRmi did not make. (In this JVM the filter was installed
     * long ago, by whichever test came first.)
     */
    @Test
    void eitherEntryPointInstallsTheFilterInAFreshJvm() throws Exception {
        String ours = "filter " + LoopbackRmi.JvmWideFilter.class.getName();
        var started = JvmLauncher.forMain(FilterInstallProbe.class).name("filter-install-start").args("start")
                .run(Duration.ofSeconds(60));
        assertEquals(0, started.exitCode(), started.stderr());
        assertTrue(started.stdout().contains(ours), started.stdout());
        assertTrue(started.stdout().contains("arrayList arrived"), "a type the recipes send: " + started.stdout());
        assertTrue(started.stdout().contains("file refused"), "a foreign type, refused: " + started.stdout());
        var located = JvmLauncher.forMain(FilterInstallProbe.class).name("filter-install-locate").args("locate")
                .run(Duration.ofSeconds(60));
        assertEquals(0, located.exitCode(), located.stderr());
        assertTrue(located.stdout().contains(ours), located.stdout());
    }

    interface ThrowingCall {
        Object run() throws Exception;
    }
}
