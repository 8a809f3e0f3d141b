package org.parallelcookbook.distributed;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The file server of {@code x.sockets} (see {@link SocketTimeServer}, which runs it): the server
 * sends a file in chunks of {@value #CHUNK} bytes and then a thank-you line.
 *
 * <p><b>Bug in the Python original:</b> its send loop closes the file after the first chunk, so only
 * the first kilobyte of a longer file arrives. And the client writes everything it receives into
 * the file, thank-you line included. Here the server first sends the file's length (8 bytes), so the
 * client knows where the file ends and the trailer begins, and the loop reads to the end of the file.
 */
public final class SocketFileTransfer {

    /** Bytes per chunk, as in the book. */
    public static final int CHUNK = 1024;
    /** What the server sends after the file. */
    public static final String TRAILER = "Thank you for connecting";

    private SocketFileTransfer() {
    }

    /** What the client got. */
    public record Received(long bytes, int chunks, String trailer) {
    }

    /** Accepts one client and sends it {@code file}, chunk by chunk, then the trailer; returns the chunks sent. */
    public static int serveOnce(ServerSocket server, Path file) throws IOException {
        try (Socket client = server.accept();
             var out = new DataOutputStream(client.getOutputStream());
             InputStream in = Files.newInputStream(file)) {
            out.writeLong(Files.size(file));
            byte[] buffer = new byte[CHUNK];
            int chunks = 0;
            for (int n; (n = in.read(buffer)) > 0; chunks++) {
                out.write(buffer, 0, n);
            }
            out.write((TRAILER + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return chunks;
        }
    }

    /** The client: receives the file into {@code target} and reads the trailer line. */
    public static Received receive(String host, int port, Path target) throws IOException {
        try (var socket = new Socket(host, port);
             var in = new DataInputStream(socket.getInputStream());
             OutputStream out = Files.newOutputStream(target)) {
            socket.setSoTimeout(10_000);
            long size = in.readLong();
            byte[] buffer = new byte[CHUNK];
            long left = size;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("connection closed with " + left + " bytes of the file missing");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
            String trailer = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return new Received(size, (int) ((size + CHUNK - 1) / CHUNK), trailer);
        }
    }

    /** Server and client on loopback (port 0): sends {@code source}, writes {@code target}. */
    public static Received transfer(Path source, Path target) throws IOException, InterruptedException {
        try (var server = SocketTimeServer.open(0)) {
            var sent = CompletableFuture.supplyAsync(() -> {
                try {
                    return serveOnce(server, source);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Received r = receive("127.0.0.1", server.getLocalPort(), target);
            try {
                int chunks = sent.get(30, TimeUnit.SECONDS);
                return new Received(r.bytes(), chunks, r.trailer());
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IOException("file server failed: " + e, e);
            }
        }
    }
}
