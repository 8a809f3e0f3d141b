package org.parallelcookbook.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The guard's parts. (A listener on 0.0.0.0 is not opened here: the suite never listens beyond
 * loopback, not even to test the guard. That the guard fails such a test was shown by hand, see the
 * commit that added it.)
 */
@Timeout(60)
class LoopbackGuardTest {

    @Test
    void parsesTheKernelsTablesInBothFamilies() {
        var v4 = LoopbackGuard.parse("   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 123456 1 0000000000000000 100 0 0 10 0");
        assertEquals(new LoopbackGuard.Socket("127.0.0.1", 8080, true, 123456), v4);
        var any = LoopbackGuard.parse("   1: 00000000:1635 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 42 1 0000000000000000 100 0 0 10 0");
        assertEquals("0.0.0.0", any.address());
        assertEquals(5685, any.port());
        var lan = LoopbackGuard.parse("   2: 0C00000A:1635 0B00000A:D431 01 00000000:00000000 00:00000000 00000000     0        0 43 1 0000000000000000 20 4 0 10 -1");
        assertEquals("10.0.0.12", lan.address());
        assertFalse(lan.listening(), "01 is ESTABLISHED");
        var v6loop = LoopbackGuard.parse("   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 77 1 0000000000000000 100 0 0 10 0");
        assertTrue(LoopbackGuard.isLoopback(v6loop.address()), v6loop.address());
        var v6any = LoopbackGuard.parse("   1: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 78 1 0000000000000000 100 0 0 10 0");
        assertFalse(LoopbackGuard.isLoopback(v6any.address()), v6any.address());
        var mapped = LoopbackGuard.parse("   2: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 79 1 0000000000000000 100 0 0 10 0");
        assertTrue(LoopbackGuard.isLoopback(mapped.address()), mapped.address());
        assertNull(LoopbackGuard.parse("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"));
    }

    @Test
    void loopbackAddressesAndOthers() {
        assertTrue(LoopbackGuard.isLoopback("127.0.0.1"));
        assertTrue(LoopbackGuard.isLoopback("127.1.2.3"));
        assertTrue(LoopbackGuard.isLoopback("::1"));
        assertFalse(LoopbackGuard.isLoopback("0.0.0.0"));
        assertFalse(LoopbackGuard.isLoopback("::"));
        assertFalse(LoopbackGuard.isLoopback("10.0.0.12"));
    }

    /** A real loopback listener of this JVM is found, with its port, and is not reported. */
    @Test
    void findsThisJvmsOwnListener() throws Exception {
        Assumptions.assumeTrue(LoopbackGuard.supported(), "needs /proc (Linux)");
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();
            assertTrue(LoopbackGuard.listeners().stream().anyMatch(l -> l.port() == port
                    && l.pid() == ProcessHandle.current().pid() && l.address().equals("127.0.0.1")),
                    () -> "port " + port + " not among " + LoopbackGuard.listeners());
            assertTrue(LoopbackGuard.beyondLoopback().stream().noneMatch(l -> l.port() == port));
        }
    }
}
