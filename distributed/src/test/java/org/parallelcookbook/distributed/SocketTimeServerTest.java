package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SocketTimeServerTest {

    @Test
    void timeLineParses() throws Exception {
        var fixed = ZonedDateTime.of(2015, 8, 26, 10, 30, 0, 0, ZoneOffset.UTC);
        try (var server = SocketTimeServer.open(0)) {
            var served = CompletableFuture.runAsync(() -> {
                try {
                    SocketTimeServer.serveOnce(server, () -> fixed);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertEquals(fixed, SocketTimeServer.fetchTime("127.0.0.1", server.getLocalPort()));
            served.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void tenKilobyteFileArrivesIdenticalThenTheTrailer(@TempDir Path dir) throws Exception {
        byte[] data = new byte[10 * 1024 + 123];
        new Random(5).nextBytes(data);
        Path source = dir.resolve("in.bin");
        Path target = dir.resolve("out.bin");
        Files.write(source, data);
        var r = SocketFileTransfer.transfer(source, target);
        assertEquals(data.length, r.bytes());
        assertEquals(11, r.chunks(), "multi-chunk: 10 full chunks and a partial one");
        assertEquals(-1, Files.mismatch(source, target));
        assertEquals(SocketFileTransfer.TRAILER, r.trailer());
    }

    /** The client on its own: its count of chunks agrees with the server's, for an exact multiple and an empty file. */
    @Test
    void theClientCountsTheChunksTheServerSent(@TempDir Path dir) throws Exception {
        for (int size : new int[] {2 * SocketFileTransfer.CHUNK, 0, 1}) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            Path source = dir.resolve("in-" + size);
            Path target = dir.resolve("out-" + size);
            Files.write(source, data);
            try (var server = SocketTimeServer.open(0)) {
                var sent = CompletableFuture.supplyAsync(() -> {
                    try {
                        return SocketFileTransfer.serveOnce(server, source);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                var r = SocketFileTransfer.receive("127.0.0.1", server.getLocalPort(), target);
                int chunks = sent.get(30, TimeUnit.SECONDS);
                assertEquals((size + SocketFileTransfer.CHUNK - 1) / SocketFileTransfer.CHUNK, chunks, "sent, size " + size);
                assertEquals(chunks, r.chunks(), "received, size " + size);
                assertEquals(size, r.bytes());
                assertEquals(-1, Files.mismatch(source, target));
                assertEquals(SocketFileTransfer.TRAILER, r.trailer());
            }
        }
    }

    /**
     * A server that accepts and then says nothing: each client gives up after its read timeout
     * (SocketTimeoutException) instead of waiting for ever. A socket read ignores interrupts, so the
     * test's own timeout runs in a thread of its own and fails the test even while a read goes on.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSilentServerEndsInAReadTimeoutNotAHang(@TempDir Path dir) throws Exception {
        try (var server = SocketTimeServer.open(0)) {
            var held = new java.util.concurrent.CopyOnWriteArrayList<java.net.Socket>();
            var accepting = CompletableFuture.runAsync(() -> {
                try {
                    held.add(server.accept()); // the time client
                    held.add(server.accept()); // the file client
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try {
                assertThrows(java.net.SocketTimeoutException.class,
                        () -> SocketTimeServer.fetchTime("127.0.0.1", server.getLocalPort()));
                assertThrows(java.net.SocketTimeoutException.class,
                        () -> SocketFileTransfer.receive("127.0.0.1", server.getLocalPort(), dir.resolve("nothing")));
                accepting.get(30, TimeUnit.SECONDS);
            } finally {
                for (var s : held) {
                    s.close();
                }
            }
        }
    }

    /** A server that announces more bytes than it sends: the client says so instead of returning a short file. */
    @Test
    void aTruncatedTransferIsAnError(@TempDir Path dir) throws Exception {
        try (var server = SocketTimeServer.open(0)) {
            var sent = CompletableFuture.runAsync(() -> {
                try (var client = server.accept(); var out = new java.io.DataOutputStream(client.getOutputStream())) {
                    out.writeLong(100);
                    out.write(new byte[10]);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            var e = assertThrows(java.io.IOException.class,
                    () -> SocketFileTransfer.receive("127.0.0.1", server.getLocalPort(), dir.resolve("short")));
            assertTrue(e.getMessage().contains("90 bytes of the file missing"), e.getMessage());
            sent.get(30, TimeUnit.SECONDS);
        }
    }
}
