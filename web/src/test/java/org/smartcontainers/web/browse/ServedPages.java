package org.smartcontainers.web.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.web.HttpAddress;
import org.smartcontainers.web.LdpServer;

/** Records in an in-memory store, served by the HTTP server on a free loopback port: the pages tests read. */
final class ServedPages implements AutoCloseable {
    private final HttpClient client = HttpClient.newHttpClient(); // follows no redirects: tests read the 303s
    private final LocalStore store;
    private final LdpServer server;
    private final String base;

    ServedPages(List<NamedGraph> graphs) {
        store = LocalStore.inMemory();
        store.commit(graphs);
        server = LdpServer.start(new HttpAddress("127.0.0.1", 0), store, Duration.ofSeconds(10));
        base = "http://127.0.0.1:" + server.address().getPort();
    }

    /** The server's base URL, without a trailing slash. */
    String base() {
        return base;
    }

    LocalStore store() {
        return store;
    }

    HttpResponse<String> send(String path, String accept) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The page at {@code path}, which must be there (200). */
    String html(String path) throws Exception {
        HttpResponse<String> response = send(path, "text/html");
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
