package org.smartcontainers.web.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slow or silent clients: a connection that sends no head within the timeout is closed by the server. */
class RequestHeadTimeoutTest {
    private HttpServer server;

    @BeforeEach
    void start() {
        server = HttpServer.start(new InetSocketAddress("127.0.0.1", 0), request -> Response.text(
                io.netty.handler.codec.http.HttpResponseStatus.OK, "hello"), new Access("token"), 2, 1 << 20, List.of(),
                List.of(), Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Everything the server sends until it closes the connection (the socket's own timeout only guards against a hang). */
    private static String untilClosed(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private Socket connect() throws IOException {
        return new Socket("127.0.0.1", server.address().getPort());
    }

    @Test
    void aSilentConnectionIsClosed() throws IOException {
        try (Socket socket = connect()) {
            assertEquals("", untilClosed(socket));
        }
    }

    @Test
    void aHeadNeverFinishedIsClosed() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("", untilClosed(socket));
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsAnswer() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String all = untilClosed(socket);
            assertTrue(all.startsWith("HTTP/1.1 200") && all.contains("hello"), all);
        }
    }
}
