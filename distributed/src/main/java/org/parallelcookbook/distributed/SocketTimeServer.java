package org.parallelcookbook.distributed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import org.parallelcookbook.core.Recipe;
import org.parallelcookbook.core.RecipeMain;
import org.parallelcookbook.core.RecipeOptions;

/**
 * <b>The socket module</b> (2nd edition, chapter 6; an extra).
 *
 * <p>Python's first example is a server on port 9999 that sends each client the current time and
 * closes the connection; the client prints it. The second ({@link SocketFileTransfer}) is a file
 * server on port 60000 that sends a file in 1 KB chunks and then a thank-you line.
 *
 * <p><b>Java:</b> {@code ServerSocket} and {@code Socket} bound to 127.0.0.1; the port is 0 (the
 * system picks one) unless given, so runs never collide. Every socket is closed by
 * try-with-resources. The time is ISO-8601, so the client can parse what it got. This is the layer
 * under everything else in this chapter: Hazelcast and RMI are protocols on top of such sockets.
 *
 * <p>Run: {@code ./cookbook run x.sockets [--port N]} (both examples, server and client in one JVM).
 */
@Recipe(id = "x.sockets", chapter = 5, title = "The socket module (2nd ed., chapter 6)", extra = true)
public final class SocketTimeServer {

    private SocketTimeServer() {
    }

    /** A server socket on 127.0.0.1 ({@code port} 0: any free port). */
    public static ServerSocket open(int port) throws IOException {
        return new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
    }

    /** Accepts one client, sends it the time as one ISO-8601 line, closes the connection. */
    public static void serveOnce(ServerSocket server, Supplier<ZonedDateTime> clock) throws IOException {
        try (Socket client = server.accept();
             var out = new PrintWriter(new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8), true)) {
            out.println(clock.get().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
    }

    /** The client: connects, reads the one line, returns it parsed. */
    public static ZonedDateTime fetchTime(String host, int port) throws IOException {
        try (var socket = new Socket(host, port);
             var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            socket.setSoTimeout(10_000);
            return ZonedDateTime.parse(in.readLine(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
    }

    public static void main(String[] args) {
        var options = RecipeOptions.of(SocketTimeServer.class)
                .intOption("--port", 0, 0, Integer.MAX_VALUE, "port on loopback (0 picks a free one)");
        RecipeMain.run(args, options, opt -> {
            int port = opt.intValue("--port");
            try (var server = open(port)) {
                Thread serving = Thread.ofPlatform().name("time-server").start(() -> {
                    try {
                        serveOnce(server, ZonedDateTime::now);
                    } catch (IOException e) {
                        System.err.println("time server: " + e.getMessage());
                    }
                });
                System.out.println("time server on 127.0.0.1:" + server.getLocalPort());
                System.out.println("client got the time: " + fetchTime("127.0.0.1", server.getLocalPort()));
                serving.join();
            }
            Path file = Files.createTempFile("ch5-sockets", ".txt");
            Path received = Files.createTempFile("ch5-sockets", ".received");
            try {
                Files.writeString(file, "a line of the file to send\n".repeat(400));
                var r = SocketFileTransfer.transfer(file, received);
                System.out.printf("file server sent %d bytes in %d chunks of at most %d; received identical: %s; trailer: %s%n",
                        r.bytes(), r.chunks(), SocketFileTransfer.CHUNK, Files.mismatch(file, received) == -1, r.trailer());
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(received);
            }
        });
    }
}
