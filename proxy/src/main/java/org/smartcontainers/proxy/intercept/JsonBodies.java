package org.smartcontainers.proxy.intercept;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.smartcontainers.provenance.record.ProvenanceLabel;

/** Reading and rewriting the small JSON bodies of create and commit, keeping every field we do not know. */
final class JsonBodies {
    static final ObjectMapper JSON = new ObjectMapper();

    private JsonBodies() {
    }

    /** Sets our label, replacing any the client sent: nobody forges provenance through the proxy. */
    static void putLabel(ObjectNode config, String label) {
        JsonNode labels = config.get("Labels");
        if (labels != null && !labels.isNull() && !labels.isObject()) {
            throw RefusedCall.badRequest("Labels is not a JSON object"); // the daemon would refuse it too
        }
        ObjectNode writable = labels instanceof ObjectNode existing ? existing : config.putObject("Labels");
        requireStringValues(writable, "Labels");
        writable.put(ProvenanceLabel.KEY, label);
    }

    /** Labels are Go's {@code map[string]string}: another kind of value makes the daemon refuse them, so we do. */
    static void requireStringValues(ObjectNode labels, String what) {
        labels.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual() && !entry.getValue().isNull()) {
                throw RefusedCall.badRequest(what + " has a value that is not a string");
            }
        });
    }

    /**
     * The same request with a new JSON body and a Content-Length to match; {@code trailing}, what the
     * client sent after its object, follows it as it was (the daemon judges it, as it would have), and
     * so does the Content-Type.
     */
    static FullHttpRequest withBody(FullHttpRequest request, JsonNode body, String trailing) {
        byte[] json;
        try {
            json = GoJson.WRITER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a tree Jackson read, written back: not expected
        }
        byte[] after = trailing.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(json, json.length + after.length);
        System.arraycopy(after, 0, bytes, json.length, after.length);
        boolean noBodyNoType = !request.content().isReadable() && !request.headers().contains(HttpHeaderNames.CONTENT_TYPE);
        FullHttpRequest rewritten = request.replace(Unpooled.wrappedBuffer(bytes));
        rewritten.headers()
                .remove(HttpHeaderNames.TRANSFER_ENCODING)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        if (noBodyNoType) {
            // The daemon takes no body without a Content-Type; the body we give it needs one.
            rewritten.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        // Otherwise the client's Content-Type goes as sent: the daemon judges it (it must be JSON).
        request.release();
        return rewritten;
    }

    /** Collects a small response body as it streams past, up to a bound. */
    static final class Collector {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int limit;

        Collector(int limit) {
            this.limit = limit;
        }

        void add(ByteBuf content) {
            int n = Math.min(content.readableBytes(), limit - bytes.size());
            if (n > 0) {
                byte[] chunk = new byte[n];
                content.getBytes(content.readerIndex(), chunk);
                bytes.write(chunk, 0, n);
            }
        }

        JsonNode json() {
            try {
                return JSON.readTree(bytes.toByteArray());
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }
    }
}
