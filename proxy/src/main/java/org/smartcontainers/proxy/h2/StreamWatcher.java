package org.smartcontainers.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.concurrent.CompletionStage;

/**
 * Watches one gRPC stream of a tapped HTTP/2 connection. "Request" is the direction of the side that
 * opened the stream (the one that sent the connection preface), "response" the other.
 */
public interface StreamWatcher {

    /**
     * True: each request message is held whole (up to 64 MiB) and passed to
     * {@link #rewriteRequest} before it goes on. False: request messages are passed to
     * {@link #observeRequest}, and go on at once.
     */
    default boolean rewritesRequests() {
        return false;
    }

    /**
     * The message to send instead (may be the same buffer; a new buffer is released by the tap).
     * Throw {@link RefusedMessage} to refuse the stream. The payload is uncompressed.
     */
    default ByteBuf rewriteRequest(ByteBuf message) throws RefusedMessage {
        return message;
    }

    /** A whole request message, uncompressed; valid only during the call. */
    default void observeRequest(ByteBuf message) {
    }

    /** A whole response message (from the answering side), uncompressed; valid only during the call. */
    default void observeResponse(ByteBuf message) {
    }

    /** Response headers, and trailers ({@code endOfStream} true). */
    default void onResponseHeaders(Http2Headers headers, boolean endOfStream) {
    }

    /**
     * The answer ended (its trailers, just given to {@link #onResponseHeaders}): a stage that holds
     * everything the answering side sends next, the trailers included, in order, until it completes
     * (a build's end waits until its record is committed), or null to hold nothing. The tap lets go
     * after 30 s whatever happens.
     */
    default CompletionStage<?> holdAfterTrailers(Http2Headers trailers) {
        return null;
    }

    /**
     * Asked as the stream opens: a stage that holds everything its opener sends next, this stream's
     * request included, in order, until it completes (what {@link #rewriteRequest} needs is being
     * made off the event loop), or null to hold nothing. The tap lets go after 30 s whatever happens.
     */
    default CompletionStage<?> holdRequest() {
        return null;
    }

    /** The stream was reset by either side (RST_STREAM), or the connection ended before it was done. */
    default void onReset(long errorCode) {
    }

    /**
     * A message that was not given to {@code observe*}: larger than 16 MiB, or compressed in an
     * encoding the tap cannot read (its length is then the compressed length).
     *
     * @param request true for a request message, false for a response message
     */
    default void skippedMessage(boolean request, long length) {
    }
}
