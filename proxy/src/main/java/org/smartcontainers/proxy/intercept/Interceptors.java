package org.smartcontainers.proxy.intercept;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.function.BiFunction;
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
    public static final Interceptors NONE = new Interceptors(null, null, null);

    /** Which interception, if any, records a request; null for a proxy that records nothing. */
    private final BiFunction<HttpRequest, Caller, Interception> interceptions;
    private final ImageReferences images;
    private final LocalAnswers local;

    private Interceptors(BiFunction<HttpRequest, Caller, Interception> interceptions, ImageReferences images,
            LocalAnswers local) {
        this.interceptions = interceptions;
        this.images = images;
        this.local = local;
    }

    /** Answers what {@code local} answers, records nothing. */
    public static Interceptors answering(LocalAnswers local) {
        return new Interceptors(null, null, local);
    }

    /**
     * Records builds, commits and creates; {@code local} answers what the proxy answers itself.
     * Each part is the caller's to close.
     */
    public static Interceptors recording(DockerClient docker, ImageReferences images, Recording recording,
            InterceptionThreads threads, LocalAnswers local) {
        InterceptionContext shared = new InterceptionContext(docker, images, recording, threads);
        return new Interceptors((request, caller) -> recorded(shared, request, caller), images, local);
    }

    /** The relay with the interceptions given: the seam for tests of the relay. */
    public static Interceptors intercepting(BiFunction<HttpRequest, Caller, Interception> interceptions) {
        return new Interceptors(interceptions, null, null);
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
        if (images != null) {
            images.mayHaveChanged();
        }
    }

    /** The interception for this request, or null to pass it through. */
    public Interception forRequest(HttpRequest request, Caller caller) {
        return interceptions == null ? null : interceptions.apply(request, caller);
    }

    private static Interception recorded(InterceptionContext shared, HttpRequest request, Caller caller) {
        if (!HttpMethod.POST.equals(request.method())) {
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
