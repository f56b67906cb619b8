package org.smartcontainers.web.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A response to send: status, headers (a header may repeat, as Link does) and a body held whole. */
public final class Response {
    private final HttpResponseStatus status;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private final byte[] body;

    public Response(HttpResponseStatus status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    public static Response of(HttpResponseStatus status, String contentType, byte[] body) {
        return new Response(status, body).header("Content-Type", contentType);
    }

    public static Response ok(String contentType, byte[] body) {
        return of(HttpResponseStatus.OK, contentType, body);
    }

    public static Response text(HttpResponseStatus status, String message) {
        return of(status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public static Response empty(HttpResponseStatus status) {
        return new Response(status, new byte[0]);
    }

    /**
     * As Netty sends it: {@code first} headers, then ours, and the body's length (HEAD tells the
     * length GET would send, without the body).
     */
    public FullHttpResponse toNetty(boolean head, List<Map.Entry<String, String>> first) {
        var out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                status, head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        first.forEach(h -> out.headers().add(h.getKey(), h.getValue()));
        headers.forEach(h -> out.headers().add(h.getKey(), h.getValue()));
        HttpUtil.setContentLength(out, body.length);
        return out;
    }

    public Response header(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
    }

    /** {@code Link: <target>; rel="relation"}. */
    public Response link(String target, String relation) {
        return header("Link", "<" + target + ">; rel=\"" + relation + "\"");
    }

    /** {@code Link: <type>; rel="type"} for each, as LDP asks. */
    public Response types(List<String> types) {
        types.forEach(type -> link(type, "type"));
        return this;
    }

    /** 200 with the body, or 304 when the request's If-None-Match names {@code etag}; the ETag either way. */
    public static Response conditional(Request request, String contentType, byte[] body, String etag) {
        Response response = ETags.noneMatchFails(request, etag) ? empty(HttpResponseStatus.NOT_MODIFIED)
                : ok(contentType, body);
        return response.header("ETag", etag);
    }

    public HttpResponseStatus status() {
        return status;
    }

    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }
}
