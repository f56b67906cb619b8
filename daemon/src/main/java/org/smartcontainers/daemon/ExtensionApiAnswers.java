package org.smartcontainers.daemon;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.proxy.intercept.LocalAnswers;
import org.smartcontainers.web.api.ExtensionApi;

/** The extension API, as the proxy's relay sees what it answers itself. */
record ExtensionApiAnswers(ExtensionApi api) implements LocalAnswers {
    @Override
    public boolean handles(HttpRequest request) {
        return ExtensionApi.handles(request.uri());
    }

    @Override
    public int maxBody() {
        return ExtensionApi.MAX_BODY;
    }

    @Override
    public CompletableFuture<FullHttpResponse> answer(FullHttpRequest request, Caller caller) {
        return api.answer(request, caller);
    }
}
