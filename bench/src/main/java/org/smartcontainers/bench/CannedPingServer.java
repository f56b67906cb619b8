package org.smartcontainers.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for the daemon that does nothing but answer: every request (the load sends only
 * {@code GET /_ping}) gets the same 200 that Docker 20.10 sends for a ping, headers and {@code OK}
 * body. The ping load against it measures the load generator itself, so its rate is the generator's
 * ceiling. {@link Targets} starts it as its own JVM so that it shares no JIT or GC with the generator.
 * One selector thread, plain JDK NIO, nothing allocated per request.
 *
 * <p>Usage: {@code java -cp bench/target/classes org.smartcontainers.bench.CannedPingServer SOCKET}
 */
public final class CannedPingServer {
    private static final byte[] ANSWER = ("HTTP/1.1 200 OK\r\n"
            + "Api-Version: 1.41\r\n"
            + "Cache-Control: no-cache, no-store, must-revalidate\r\n"
            + "Docker-Experimental: false\r\n"
            + "Ostype: linux\r\n"
            + "Pragma: no-cache\r\n"
            + "Server: Docker/20.10.24+dfsg1 (linux)\r\n"
            + "Date: Thu, 01 Jan 2026 00:00:00 GMT\r\n"
            + "Content-Length: 2\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "OK").getBytes(StandardCharsets.US_ASCII);

    private CannedPingServer() {
    }

    public static void main(String[] args) throws IOException {
        Path socket = Path.of(args[0]);
        Files.deleteIfExists(socket);
        ByteBuffer answer = ByteBuffer.allocateDirect(ANSWER.length).put(ANSWER).flip();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            server.bind(UnixDomainSocketAddress.of(socket));
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            while (true) {
                selector.select(key -> {
                    try {
                        if (key.isAcceptable()) {
                            accept(server, selector, answer);
                        } else {
                            ((Client) key.attachment()).answer(key);
                        }
                    } catch (IOException e) {
                        key.cancel(); // a client that went away
                        closeQuietly(key);
                    }
                });
            }
        }
    }

    private static void accept(ServerSocketChannel server, Selector selector, ByteBuffer answer) throws IOException {
        SocketChannel channel = server.accept();
        if (channel != null) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, new Client(answer.duplicate()));
        }
    }

    private static void closeQuietly(SelectionKey key) {
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing a broken connection: nothing to do
        }
    }

    /** One connection: counts the requests that ended (a blank line each) and answers each once. */
    private static final class Client {
        private final ByteBuffer in = ByteBuffer.allocateDirect(4096);
        private final ByteBuffer answer;
        /** How much of CR LF CR LF the bytes so far end with, so a request split across reads still counts. */
        private int matched;

        Client(ByteBuffer answer) {
            this.answer = answer;
        }

        void answer(SelectionKey key) throws IOException {
            SocketChannel channel = (SocketChannel) key.channel();
            in.clear();
            if (channel.read(in) < 0) {
                throw new IOException("closed");
            }
            int requests = 0;
            for (int i = 0; i < in.position(); i++) {
                byte b = in.get(i);
                matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == 4) {
                    requests++;
                    matched = 0;
                }
            }
            for (int r = 0; r < requests; r++) {
                while (answer.hasRemaining()) {
                    channel.write(answer); // a few hundred bytes into an empty socket buffer: one write
                }
                answer.rewind();
            }
        }
    }
}
