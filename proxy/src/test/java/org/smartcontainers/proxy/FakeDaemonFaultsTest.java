package org.smartcontainers.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartcontainers.testsupport.RawHttp;

/**
 * Faults a real daemon does not produce on demand, from a daemon faked at the socket level: it
 * reads one request head and answers with the bytes a scenario gives, then closes.
 */
class FakeDaemonFaultsTest {
    private Path dir;
    private ServerSocketChannel fakeDaemon;
    private ProxyServer proxy;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "fk");
        fakeDaemon = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        fakeDaemon.bind(UnixDomainSocketAddress.of(dir.resolve("d.sock")));
        proxy = ProxyServer.start(ProxySettings.of(dir.resolve("p.sock"), dir.resolve("d.sock")));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.stop(Duration.ofSeconds(1));
        fakeDaemon.close();
        Files.deleteIfExists(dir.resolve("d.sock"));
        Files.deleteIfExists(dir);
    }

    /** The fake daemon's next connection: read a request head, reply with what {@code answer} gives. */
    private CompletableFuture<String> daemonAnswers(Function<String, String> answer) {
        return CompletableFuture.supplyAsync(() -> {
            try (SocketChannel connection = fakeDaemon.accept()) {
                String head = RawHttp.readHead(Channels.newInputStream(connection));
                connection.write(ByteBuffer.wrap(answer.apply(head).getBytes(StandardCharsets.ISO_8859_1)));
                return head;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private String clientExchange(String request) {
        return RawHttp.exchangeUntilClose(proxy.socket(), request); // until the proxy closes
    }

    private static final String GET_CLOSE = "GET /v1.41/info HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n";

    @Test
    void daemonClosingBeforeAnsweringGives502() throws Exception {
        CompletableFuture<String> seen = daemonAnswers(head -> "");
        String answer = clientExchange(GET_CLOSE);
        assertTrue(seen.get().startsWith("GET /v1.41/info HTTP/1.1\r\n"));
        assertTrue(answer.startsWith("HTTP/1.1 502 Bad Gateway\r\n"), answer);
        assertTrue(answer.endsWith("{\"message\":\"The Docker daemon closed the connection before answering"
                + " (through the SmartContainers proxy)\"}"), answer);
    }

    @Test
    void daemonClosingMidResponseClosesTheClientWithoutInventingBytes() throws Exception {
        daemonAnswers(head -> "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
        String answer = clientExchange(GET_CLOSE);
        assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
        assertTrue(answer.endsWith("\r\n\r\npartial"), "the client sees the truncation, nothing added: " + answer);
    }

    @Test
    void bodyDelimitedByCloseArrivesWhole() throws Exception {
        daemonAnswers(head -> "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
        String answer = clientExchange("GET /v1.41/info HTTP/1.1\r\nHost: docker\r\n\r\n");
        assertTrue(answer.endsWith("\r\n\r\nuntil the end"), answer);
    }

    @Test
    void hundredContinueIsNotTheEndOfTheExchange() throws Exception {
        daemonAnswers(head -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        String answer = clientExchange("POST /v1.41/x HTTP/1.1\r\nHost: docker\r\nExpect: 100-continue\r\n"
                + "Content-Length: 0\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"), answer);
        assertTrue(answer.endsWith("\r\n\r\nok"), answer);
    }

    @Test
    void headersAndBodyReachTheDaemonUnchanged() throws Exception {
        CompletableFuture<String> seen = daemonAnswers(head -> "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
        String request = "POST /containers/create?name=x HTTP/1.1\r\nHost: docker\r\nX-Custom-Case: MiXeD\r\n"
                + "X-Registry-Auth: e30=\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
        String answer = clientExchange(request);
        assertEquals(request, seen.get(), "request head forwarded byte for byte");
        assertTrue(answer.startsWith("HTTP/1.1 204 No Content\r\n"), answer);
    }
}
