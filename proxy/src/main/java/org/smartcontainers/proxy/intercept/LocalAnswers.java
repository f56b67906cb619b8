package org.smartcontainers.proxy.intercept;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import org.smartcontainers.provenance.recording.Caller;

/**
 * Requests the proxy answers itself instead of forwarding them to the daemon (the extension API).
 * The relay holds such a request whole, asks for its answer off the event loop and writes it when
 * the exchanges ahead of it have finished.
 */
public interface LocalAnswers {

    /** True for a request answered here rather than by the daemon. */
    boolean handles(HttpRequest request);

    /** The largest request body read; a larger one is refused with 413. */
    int maxBody();

    /**
     * Answers off the event loop; the future completes with a response, errors included. The
     * request is released once this returns: what the answer needs is copied before.
     */
    CompletableFuture<FullHttpResponse> answer(FullHttpRequest request, Caller caller);
}
