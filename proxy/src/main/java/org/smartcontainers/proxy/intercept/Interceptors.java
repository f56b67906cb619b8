package org.smartcontainers.proxy.intercept;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import org.smartcontainers.proxy.DockerApiPath;

/** Picks the interception for a request: the calls whose provenance we record. Everything else streams untouched. */
public final class Interceptors {
    /** A plain proxy: records nothing. */
    public static final Interceptors NONE = new Interceptors(null);

    private final Recorder recorder;

    public Interceptors(Recorder recorder) {
        this.recorder = recorder;
    }

    /** The interception for this request, or null to pass it through. */
    public Interception forRequest(HttpRequest request) {
        if (recorder == null || !HttpMethod.POST.equals(request.method())) {
            return null;
        }
        return switch (DockerApiPath.route(request.uri())) {
            case "/containers/create" -> new CreateInterception(recorder);
            case "/commit" -> new CommitInterception(recorder);
            case "/build" -> new BuildInterception(recorder, request.uri());
            default -> null;
        };
    }
}
