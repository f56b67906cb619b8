package org.smartcontainers.proxy.intercept;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.concurrent.CompletableFuture;
import org.smartcontainers.provenance.recording.Caller;

/**
 * Requests the proxy answers itself instead of the daemon (the extension API, wired in by the
 * daemon): the relay holds such a request whole and writes the answer in its turn.
 */
public interface LocalAnswers {
    /** True for a request answered here. */
    boolean answers(String uri);

    /** The largest body such a request may have. */
    int maxBody();

    /** Answers off the event loop; the future always completes with a response, errors included. */
    CompletableFuture<FullHttpResponse> answer(FullHttpRequest request, Caller caller);
}
