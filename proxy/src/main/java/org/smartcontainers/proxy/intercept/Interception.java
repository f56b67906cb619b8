package org.smartcontainers.proxy.intercept;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * What the proxy does to one exchange it records. The relay calls it on the event loop; anything
 * slow (daemon lookups, the store) runs elsewhere and comes back as a future.
 *
 * <p>The request is held whole (small JSON bodies) so it can be rewritten: {@link #prepare} gets it
 * and returns what to send. The response streams past {@link #onResponseHead} and
 * {@link #onResponseContent}; its last byte waits for {@link #finish}, so a client that saw success
 * can always find the record.
 */
public interface Interception {

    /** The largest request body this interception holds; a larger one is refused. */
    int maxRequestBody();

    /**
     * True when the body streams through {@link #onRequestContent} instead of being held (a build
     * context can be GiBs): then {@link #prepare} gets the head alone, and only its head is used.
     */
    default boolean streamsRequestBody() {
        return false;
    }

    /** A part of a streamed request body on its way to the daemon; not retained past the call. */
    default void onRequestContent(ByteBuf content) {
    }

    /**
     * For a streamed body: false while the interception is behind with what it was given (a build
     * context being hashed); the relay then reads no more from the client until {@code whenItDoes} is
     * run (once, on any thread). The daemon, not the interception, should be what holds a body back.
     */
    default boolean takesMoreContent(Runnable whenItDoes) {
        return true;
    }

    /**
     * For a streamed body: true once enough of it was seen to prepare the head. Until then the
     * body is read and queued behind the head, up to {@link #maxRequestBody} bytes.
     */
    default boolean readyForHead() {
        return true;
    }

    /** The whole request; completes with the request to forward (it may be the same one). */
    CompletableFuture<FullHttpRequest> prepare(FullHttpRequest request);

    void onResponseHead(HttpResponse head);

    /** A part of the response body; not retained past the call. */
    void onResponseContent(ByteBuf content);

    /** The daemon's answer is complete; completes once the record is committed (or given up). */
    CompletableFuture<?> finish();

    /**
     * The exchange cannot finish (the daemon's connection or the client's ended first): a call that
     * went to the daemon is recorded as failed, saying why. Nothing once {@link #finish} was called.
     */
    default CompletableFuture<?> cutOff(String why) {
        return CompletableFuture.completedFuture(null);
    }
}
