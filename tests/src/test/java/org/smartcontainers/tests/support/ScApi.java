package org.smartcontainers.tests.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.smartcontainers.testsupport.RawHttp;

/**
 * The SmartContainers extension API ({@code /sc/v1/}) on a proxy socket, spoken with {@link RawHttp}: one
 * connection per call, so every answer is read whole and nothing a client library adds gets in the way.
 */
public record ScApi(Path socket) {
    public static final ObjectMapper JSON = new ObjectMapper();

    public static ScApi of(ProxyProcess proxy) {
        return new ScApi(proxy.socket());
    }

    public RawHttp.Response get(String path) {
        return call("GET", path, null, null);
    }

    /** {@code body} null: no body. The body goes as UTF-8 (RawHttp writes ISO-8859-1, hence the re-decoding). */
    public RawHttp.Response call(String method, String path, String contentType, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: docker\r\n");
        if (contentType != null) {
            request.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        request.append("\r\n").append(new String(bytes, StandardCharsets.ISO_8859_1));
        try (RawHttp http = new RawHttp(socket)) {
            return http.send(request.toString()).read();
        }
    }

    public RawHttp.Response json(String method, String path, String body) {
        return call(method, path, "application/json", body);
    }

    public static JsonNode parse(RawHttp.Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response, e);
        }
    }

    /** A SELECT through {@code POST /sc/v1/sparql}: the values of {@code variable} in each row (IRIs and literals alike). */
    public List<String> select(String query, String variable) {
        try {
            RawHttp.Response answer = json("POST", "/sc/v1/sparql", JSON.writeValueAsString(JSON.createObjectNode()
                    .put("query", query)));
            if (answer.status() != 200) {
                throw new AssertionError("SELECT failed: " + answer + "\nquery: " + query);
            }
            List<String> values = new ArrayList<>();
            parse(answer).path("results").path("bindings").forEach(row -> {
                if (row.has(variable)) {
                    values.add(row.path(variable).path("value").asText());
                }
            });
            return values;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@link #ask}, polled until it holds: for what is recorded after the call (a record that follows
     * Docker's event, which follows the call). The bound only guards against a hang.
     */
    public boolean askEventually(String query) throws InterruptedException {
        for (int i = 0; i < 600 && !ask(query); i++) {
            Thread.sleep(100);
        }
        return ask(query);
    }

    /** An ASK through {@code POST /sc/v1/sparql} as JSON; anything but a 200 boolean answer fails. */
    public boolean ask(String query) {
        try {
            RawHttp.Response answer = json("POST", "/sc/v1/sparql", JSON.writeValueAsString(JSON.createObjectNode()
                    .put("query", query)));
            if (answer.status() != 200 || !parse(answer).path("boolean").isBoolean()) {
                throw new AssertionError("ASK failed: " + answer + "\nquery: " + query);
            }
            return parse(answer).path("boolean").asBoolean();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
