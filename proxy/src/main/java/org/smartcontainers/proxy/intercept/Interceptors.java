package org.smartcontainers.proxy.intercept;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import org.smartcontainers.docker.DockerApiPath;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.docker.ImageReferences;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.provenance.recording.Recording;

/**
 * What the proxy does with a request besides relaying it: records it (the calls whose provenance
 * we record get an interception) or answers it itself ({@link LocalAnswers}). Everything else
 * streams untouched.
 */
public final class Interceptors {
    /** A plain proxy: records nothing, answers nothing itself. */
    public static final Interceptors NONE = new Interceptors(null, null);

    private final InterceptionContext shared;
    private final LocalAnswers local;

    private Interceptors(InterceptionContext shared, LocalAnswers local) {
        this.shared = shared;
        this.local = local;
    }

    /** Answers what {@code local} answers, records nothing. */
    public static Interceptors answering(LocalAnswers local) {
        return new Interceptors(null, local);
    }

    /**
     * Records builds, commits and creates; {@code local} answers what the proxy answers itself.
     * Each part is the caller's to close.
     */
    public static Interceptors recording(DockerClient docker, ImageReferences images, Recording recording,
            InterceptionThreads threads, LocalAnswers local) {
        return new Interceptors(new InterceptionContext(docker, images, recording, threads), local);
    }

    /** The local answers when this request is for them, else null. */
    public LocalAnswers answeredHere(HttpRequest request) {
        return local != null && local.handles(request) ? local : null;
    }

    /**
     * A call that can change what image references name starts or ends (before its client sees
     * the end): recording forgets which image each reference names.
     */
    public void imagesMayChange() {
        if (shared != null) {
            shared.images().mayHaveChanged();
        }
    }

    /** The interception for this request, or null to pass it through. */
    public Interception forRequest(HttpRequest request, Caller caller) {
        if (shared == null || !HttpMethod.POST.equals(request.method())) {
            return null;
        }
        return switch (DockerApiPath.route(request.uri())) {
            case "/containers/create" -> new CreateInterception(shared, caller);
            case "/commit" -> new CommitInterception(shared, caller);
            case "/build" -> new BuildInterception(shared, caller, request.uri());
            default -> null;
        };
    }
}
