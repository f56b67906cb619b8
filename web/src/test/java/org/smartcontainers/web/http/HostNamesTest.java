package org.smartcontainers.web.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.web.HttpAddress;
import org.smartcontainers.web.LdpServer;
import org.smartcontainers.web.metadata.DockerNames;

/** DNS rebinding: a request under a name the server does not serve is refused, whatever it asks for. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostNamesTest {
    private LocalStore store;
    private LdpServer server;
    private int port;

    @BeforeAll
    void start() {
        store = LocalStore.inMemory();
        server = LdpServer.start(new HttpAddress("127.0.0.1", 0), List.of("SC.example.org"), store,
                Duration.ofSeconds(10), "token", DockerNames.NONE);
        port = server.address().getPort();
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    private String statusLine(String host) throws IOException {
        return statusLineOf("GET /images/ HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    private String statusLineOf(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.substring(0, response.indexOf('\r'));
        }
    }

    @Test
    void itsOwnNamesAndAddressesAreServed() throws IOException {
        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "LOCALHOST", "[::1]:" + port,
                "sc.example.org:" + port, "10.0.0.7")) {
            assertTrue(statusLine(host).startsWith("HTTP/1.1 200"), host + ": " + statusLine(host));
        }
    }

    @Test
    void otherNamesAreRefusedBeforeAnythingIsRead() throws IOException {
        for (String host : List.of("evil.example:" + port, "localhost.evil.example", "127.0.0.1.nip.io:" + port,
                "sc.example.org.evil.example", "1.2.3.4.5")) {
            assertTrue(statusLine(host).startsWith("HTTP/1.1 421"), host + ": " + statusLine(host));
        }
    }

    /** RFC 9112: an HTTP/1.1 request with no Host, or two, is a 400; the first of two must not decide. */
    @Test
    void noHostOrTwoIsABadRequest() throws IOException {
        assertTrue(statusLineOf("GET /images/ HTTP/1.1\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 400"));
        assertTrue(statusLineOf("GET /images/ HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
                .startsWith("HTTP/1.1 400"));
        assertTrue(statusLineOf("GET /images/ HTTP/1.0\r\n\r\n").startsWith("HTTP/1.1 200"), "HTTP/1.0 needs none");
    }
}
