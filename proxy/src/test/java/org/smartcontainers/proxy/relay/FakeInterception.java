package org.smartcontainers.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.smartcontainers.proxy.intercept.Interception;

/** An interception a test drives: it prepares when told, and remembers what it was shown. */
final class FakeInterception implements Interception {
    private final int maxRequestBody;
    private final boolean streams;
    /** For a streamed body: whether the head may go yet. */
    boolean readyForHead;
    /** The body parts streamed past, and the requests to prepare as {@code URI BODY}. */
    final List<String> seen = new ArrayList<>();
    final List<String> toPrepare = new ArrayList<>();
    private FullHttpRequest preparing;
    private CompletableFuture<FullHttpRequest> preparation;

    FakeInterception(int maxRequestBody, boolean streams) {
        this.maxRequestBody = maxRequestBody;
        this.streams = streams;
    }

    @Override
    public int maxRequestBody() {
        return maxRequestBody;
    }

    @Override
    public boolean streamsRequestBody() {
        return streams;
    }

    @Override
    public void onRequestContent(ByteBuf content) {
        seen.add(content.toString(StandardCharsets.ISO_8859_1));
    }

    @Override
    public boolean readyForHead() {
        return readyForHead;
    }

    @Override
    public CompletableFuture<FullHttpRequest> prepare(FullHttpRequest request) {
        toPrepare.add(request.uri() + " " + request.content().toString(StandardCharsets.ISO_8859_1));
        preparing = request;
        preparation = new CompletableFuture<>();
        return preparation;
    }

    /** Prepared as the real ones do: a new request to send, the one given released. */
    void prepared(String uri) {
        FullHttpRequest rewritten = new DefaultFullHttpRequest(preparing.protocolVersion(), preparing.method(), uri,
                preparing.content().retain(), preparing.headers(), preparing.trailingHeaders());
        preparing.release();
        preparation.complete(rewritten);
    }

    void failed(Throwable error) {
        preparation.completeExceptionally(error);
    }

    @Override
    public void onResponseHead(HttpResponse head) {
    }

    @Override
    public void onResponseContent(ByteBuf content) {
    }

    @Override
    public CompletableFuture<?> finish() {
        return CompletableFuture.completedFuture(null);
    }
}
