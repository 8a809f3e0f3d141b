package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.SocketTimeoutException;
import java.rmi.ConnectException;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parallelcookbook.core.launch.JvmLauncher;

@Timeout(120)
class RmiGreetingTest {

    @Test
    void clientReceivesTheGreetingAndUnknownNamesAreNotBound() throws Exception {
        try (var rmi = LoopbackRmi.start()) {
            RmiGreeting.serve(rmi);
            assertEquals("Hi welcome Rashmi", RmiGreeting.greet("127.0.0.1", rmi.port(), "Rashmi", Duration.ofSeconds(10)));
            var registry = LoopbackRmi.locate("127.0.0.1", rmi.port(), Duration.ofSeconds(10));
            assertThrows(NotBoundException.class, () -> registry.lookup("no-such-server"));
        }
    }

    @Test
    void closingUnexportsEverything() throws Exception {
        int port;
        try (var rmi = LoopbackRmi.start()) {
            RmiGreeting.serve(rmi);
            port = rmi.port();
        }
        assertThrows(RemoteException.class, () -> RmiGreeting.greet("127.0.0.1", port, "x", Duration.ofSeconds(5)));
    }

    record Ours(int x) implements Serializable {
    }

    @Test
    void filterAdmitsOurTypesAndRejectsOthers() throws Exception {
        assertEquals(new Ours(3), roundTrip(new Ours(3)));
        assertEquals(new ArrayList<>(List.of("a", "b")), roundTrip(new ArrayList<>(List.of("a", "b"))));
        assertThrows(InvalidClassException.class, () -> roundTrip(new File("/etc/passwd")));
    }

    private static Object roundTrip(Object o) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.setObjectInputFilter(LoopbackRmi.FILTER);
            return in.readObject();
        }
    }

    /**
     * Fault: the server runs in its own JVM. Frozen (SIGSTOP), a call fails with a read timeout
     * instead of hanging; killed (SIGKILL), a call fails with ConnectException.
     */
    @Test
    @Timeout(180)
    void clientOfADeadOrHungServerGetsAClearErrorNotAHang() throws Exception {
        Assumptions.assumeTrue(new File("/proc/self/stat").canRead()
                        && (new File("/bin/kill").canExecute() || new File("/usr/bin/kill").canExecute()),
                "needs kill and /proc to freeze a JVM and see it frozen (Linux only)");
        var address = new CompletableFuture<String>();
        try (var server = JvmLauncher.forMain(RmiGreeting.class).name("rmi-server")
                .args("--serve", "--call-timeout-ms", "1500").jvmOptions("-XX:+UseSerialGC", "-Xmx64m")
                .onStdoutLine(line -> {
                    if (line.startsWith("serving")) {
                        address.complete(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }).start()) {
            String hostPort = address.get(90, TimeUnit.SECONDS);
            int port = Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1));
            var registry = LoopbackRmi.locate("127.0.0.1", port, Duration.ofMillis(1500));
            var greeter = (RmiGreeting.Greeter) registry.lookup(RmiGreeting.NAME);
            assertEquals("Hi welcome Rashmi", greeter.welcomeMessage("Rashmi"));

            signal("STOP", server.pid());
            Eventually.await(Duration.ofSeconds(30), () -> state(server.pid()) == 'T', () -> "server JVM stopping");
            try {
                var hung = assertThrows(RemoteException.class, () -> greeter.welcomeMessage("Ken"));
                assertTrue(causedBy(hung, SocketTimeoutException.class), "read timeout, got " + hung);
                assertTrue(LoopbackRmi.explain(hung).contains("did not answer in time"));
            } finally {
                signal("KILL", server.pid());
            }
            assertTrue(server.process().waitFor(30, TimeUnit.SECONDS));
            var dead = assertThrows(RemoteException.class, () -> greeter.welcomeMessage("John"));
            assertInstanceOf(ConnectException.class, dead, "connection refused, got " + dead);
            assertTrue(LoopbackRmi.explain(dead).contains("cannot be reached"));
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** The state letter of /proc/PID/stat (T = stopped). */
    private static char state(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (java.io.IOException e) {
            return '?';
        }
    }

    private static void signal(String name, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }
}
