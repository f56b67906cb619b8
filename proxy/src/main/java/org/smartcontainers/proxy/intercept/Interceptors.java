package org.smartcontainers.proxy.intercept;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import org.smartcontainers.proxy.DockerApiPath;

/**
 * What the proxy does with a request besides relaying it: records it (the calls whose provenance
 * we record get an interception) or answers it itself (the extension API). Everything else streams
 * untouched.
 */
public final class Interceptors {
    /** A plain proxy: records nothing, answers nothing itself. */
    public static final Interceptors NONE = new Interceptors(null, null);

    private final Recorder recorder;
    private final LocalAnswers localAnswers;

    public Interceptors(Recorder recorder, LocalAnswers localAnswers) {
        this.recorder = recorder;
        this.localAnswers = localAnswers;
    }

    /** What answers this request here (the extension API), or null when the daemon does. */
    public LocalAnswers answeredHere(HttpRequest request) {
        return localAnswers != null && localAnswers.handles(request) ? localAnswers : null;
    }

    /**
     * A call that can change what image references name starts or ends (before its client sees
     * the end): recording forgets which image each reference names.
     */
    public void imagesMayChange() {
        if (recorder != null) {
            recorder.imagesMayChange();
        }
    }

    /** The interception for this request, or null to pass it through. */
    public Interception forRequest(HttpRequest request, Caller caller) {
        if (recorder == null || !HttpMethod.POST.equals(request.method())) {
            return null;
        }
        return switch (DockerApiPath.route(request.uri())) {
            case "/containers/create" -> new CreateInterception(recorder, caller);
            case "/commit" -> new CommitInterception(recorder, caller);
            case "/build" -> new BuildInterception(recorder, caller, request.uri());
            default -> null;
        };
    }
}
