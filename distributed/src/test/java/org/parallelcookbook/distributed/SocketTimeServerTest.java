package org.parallelcookbook.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
