package org.smartcontainers.proxy.relay;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.proxy.intercept.LocalAnswers;

/** Answers {@code /sc/v1/} requests when a test completes their answers; remembers what it was asked. */
final class FakeLocalAnswers implements LocalAnswers {
    /** Each request asked, as {@code METHOD URI BODY}. */
    final List<String> asked = new ArrayList<>();
    final List<CompletableFuture<FullHttpResponse>> answers = new ArrayList<>();
    private final int maxBody;

    FakeLocalAnswers(int maxBody) {
        this.maxBody = maxBody;
    }

    FakeLocalAnswers() {
        this(1 << 20);
    }

    @Override
    public boolean handles(HttpRequest request) {
        return request.uri().startsWith("/sc/v1/");
    }

    @Override
    public int maxBody() {
        return maxBody;
    }

    @Override
    public CompletableFuture<FullHttpResponse> answer(FullHttpRequest request, Caller caller) {
        String body = request.content().toString(StandardCharsets.ISO_8859_1);
        asked.add(request.method() + " " + request.uri() + " " + body);
        CompletableFuture<FullHttpResponse> answer = new CompletableFuture<>();
        answers.add(answer);
        return answer;
    }

    /** A 200 with this body, as the API would answer. */
    static FullHttpResponse ok(String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer(body, StandardCharsets.ISO_8859_1));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length());
        return response;
    }

    /** How {@link #ok} reaches the client on a keep-alive connection. */
    static String okBytes(String body) {
        return "HTTP/1.1 200 OK\r\ncontent-length: " + body.length() + "\r\n\r\n" + body;
    }
}
