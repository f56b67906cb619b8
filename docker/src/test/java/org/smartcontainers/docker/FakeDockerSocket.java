package org.smartcontainers.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URLDecoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Docker socket for what a real daemon cannot be made to do on cue: image events sent when a test says, and a
 * count of the inspects asked. It speaks HTTP/1.0 as {@link UnixHttp} does (an answer ends when it closes):
 * {@code /images/{ref}/json} answers the image a test named, {@code /events} streams what {@link #event} queues,
 * {@code /info} a classic image store, anything else {@code {}}.
 */
final class FakeDockerSocket implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Path socket;
    private final Map<String, String> images = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inspects = new ConcurrentHashMap<>();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    FakeDockerSocket(Path directory) throws IOException {
        socket = directory.resolve("docker.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread acceptor = new Thread(this::accept, "fake-docker");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    Path socket() {
        return socket;
    }

    /** {@code reference} names the image with this whole ID (its inspect answers that ID). */
    void image(String reference, String id) {
        images.put(reference, id);
    }

    /** How many times {@code /images/{reference}/json} was asked. */
    int inspects(String reference) {
        return inspects.computeIfAbsent(reference, r -> new AtomicInteger()).get();
    }

    /** Sends an image event on the open event stream. */
    void event(String action, String id, String name) {
        events.add("{\"Type\":\"image\",\"Action\":\"" + action + "\",\"Actor\":{\"ID\":\"" + id + "\",\"Attributes\":"
                + (name == null ? "{}" : "{\"name\":\"" + name + "\"}") + "},\"timeNano\":" + System.nanoTime() + "}\n");
    }

    private void accept() {
        while (!closed) {
            try {
                SocketChannel connection = server.accept();
                Thread answering = new Thread(() -> answer(connection), "fake-docker-connection");
                answering.setDaemon(true);
                answering.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(SocketChannel connection) {
        try (connection; InputStream in = Channels.newInputStream(connection);
                OutputStream out = Channels.newOutputStream(connection)) {
            String path = requestPath(in);
            if (path.startsWith("/events")) {
                out.write("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (!closed) {
                    out.write(events.take().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } else if (path.startsWith("/images/") && path.endsWith("/json")) {
                String reference = URLDecoder.decode(path.substring(8, path.length() - 5), StandardCharsets.UTF_8);
                inspects.computeIfAbsent(reference, r -> new AtomicInteger()).incrementAndGet();
                String id = images.get(reference);
                respond(out, id == null ? 404 : 200, id == null ? "{\"message\":\"No such image: " + reference + "\"}"
                        : "{\"Id\":\"" + id + "\",\"Created\":\"2026-01-02T03:04:05Z\",\"Config\":{\"Labels\":{\"smartcontainer\":\"" + reference + "\",\"other\":\"not read\"}}}");
            } else if (path.startsWith("/info")) {
                respond(out, 200, "{\"ID\":\"fake\",\"DriverStatus\":[[\"Backing Filesystem\",\"extfs\"]]}");
            } else {
                respond(out, 200, "{}");
            }
        } catch (IOException | InterruptedException e) {
            // the client went, or the test ended
        }
    }

    private static String requestPath(InputStream in) throws IOException {
        String requestLine = UnixHttp.readHead(in, "a request").split("\r\n")[0];
        return requestLine.split(" ")[1];
    }

    private static void respond(OutputStream out, int status, String json) throws IOException {
        out.write(("HTTP/1.0 " + status + " X\r\nContent-Type: application/json\r\n\r\n" + json).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        closed = true;
        events.add("\n");
        server.close();
    }
}
