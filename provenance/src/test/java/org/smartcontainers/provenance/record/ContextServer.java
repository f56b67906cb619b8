package org.smartcontainers.provenance.record;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A JSON-LD context served on loopback, counting the requests that reach it: a reader that fetched it is caught. */
final class ContextServer implements AutoCloseable {
    private final AtomicInteger fetched = new AtomicInteger();
    private final HttpServer server;

    ContextServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            fetched.incrementAndGet();
            byte[] body = "{\"@context\": {\"name\": \"http://schema.org/name\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/ld+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/context.jsonld";
    }

    int fetched() {
        return fetched.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
