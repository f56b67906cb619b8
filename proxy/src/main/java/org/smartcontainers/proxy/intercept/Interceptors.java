package org.smartcontainers.proxy.intercept;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.smartcontainers.docker.DockerApiPath;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.docker.ImageReferences;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.provenance.recording.Recording;
import org.smartcontainers.proxy.h2.ConnectionWatcher;

/**
 * What the proxy does with a request besides relaying it: records it (the calls whose provenance
 * we record get an interception) or answers it itself ({@link LocalAnswers}). Everything else
 * streams untouched.
 */
public final class Interceptors {
    /** A plain proxy: records nothing, answers nothing itself. */
    public static final Interceptors NONE = new Interceptors(null, null, null, null, null, null);

    /** Which interception, if any, records a request; null for a proxy that records nothing. */
    private final BiFunction<HttpRequest, Caller, Interception> interceptions;
    /**
     * Which watcher, if any, sees inside the HTTP/2 connection a {@code /grpc} or {@code /session}
     * hijack turns into (BuildKit's control API and session); null: such connections stay raw.
     */
    private final BiFunction<HttpRequest, Caller, ConnectionWatcher> upgradedWatchers;
    /** The same for a client that speaks HTTP/2 with prior knowledge; null: relayed raw. */
    private final Function<Caller, ConnectionWatcher> priorKnowledgeWatchers;
    private final ImageReferences images;
    private final LocalAnswers local;
    /** Told of each request Docker answered with an error; null: nobody is. */
    private final BiConsumer<HttpRequest, Caller> refusals;

    private Interceptors(BiFunction<HttpRequest, Caller, Interception> interceptions,
            BiFunction<HttpRequest, Caller, ConnectionWatcher> upgradedWatchers,
            Function<Caller, ConnectionWatcher> priorKnowledgeWatchers, ImageReferences images, LocalAnswers local,
            BiConsumer<HttpRequest, Caller> refusals) {
        this.refusals = refusals;
        this.interceptions = interceptions;
        this.upgradedWatchers = upgradedWatchers;
        this.priorKnowledgeWatchers = priorKnowledgeWatchers;
        this.images = images;
        this.local = local;
    }

    /** Answers what {@code local} answers, records nothing. */
    public static Interceptors answering(LocalAnswers local) {
        return new Interceptors(null, null, null, null, local, null);
    }

    /**
     * Records builds, commits and creates, and notes who asks for a container's start, stop, kill, pause,
     * unpause, rename, restart, removal or an exec's start, and for an image's pull, import, load, tag, push or
     * removal ({@code recording.calls()}) without holding the call;
     * {@code local} answers what the proxy answers itself.
     * Each part is the caller's to close.
     */
    public static Interceptors recording(DockerClient docker, ImageReferences images, Recording recording,
            InterceptionThreads threads, LocalAnswers local) {
        return recording(docker, images, recording, threads, ContextDigest.LISTING, local);
    }

    /** The same, digesting classic build contexts as {@code contextDigest} says. */
    public static Interceptors recording(DockerClient docker, ImageReferences images, Recording recording,
            InterceptionThreads threads, ContextDigest contextDigest, LocalAnswers local) {
        InterceptionContext shared = new InterceptionContext(docker, images, recording, threads, contextDigest);
        BuildKitRecording buildKit = new BuildKitRecording(shared);
        return new Interceptors((request, caller) -> {
            // Observed only: who asked for a container's start, stop, exec…, an image's pull, tag…, for the record made
            // from Docker's events.
            recording.calls().observe(request.method().name(), request.uri(), caller);
            return recorded(shared, buildKit, request, caller);
        },
                (upgrade, caller) -> DockerApiPath.classify(upgrade.uri()).equals("/session")
                        ? buildKit.session(upgrade) : buildKit.control(caller),
                buildKit::control, images, local,
                (refused, caller) -> recording.calls().refused(refused.method().name(), refused.uri(), caller));
    }

    /** The relay with the interceptions given: the seam for tests of the relay. */
    public static Interceptors intercepting(BiFunction<HttpRequest, Caller, Interception> interceptions) {
        return new Interceptors(interceptions, null, null, null, null, null);
    }

    /** The relay with the HTTP/2 watchers given: the seam for tests of the HTTP/2 tap in the relay. */
    public static Interceptors watching(BiFunction<HttpRequest, Caller, ConnectionWatcher> upgraded,
            Function<Caller, ConnectionWatcher> priorKnowledge) {
        return new Interceptors(null, upgraded, priorKnowledge, null, null, null);
    }

    /**
     * The watcher of the HTTP/2 connection that a hijack answered with {@code 101} and
     * {@code Upgrade: h2c} starts, for BuildKit's routes ({@code /grpc}, {@code /session}); null
     * leaves the connection a raw relay.
     */
    public ConnectionWatcher watcherFor(HttpRequest upgradeRequest, Caller caller) {
        if (upgradedWatchers == null) {
            return null;
        }
        String route = DockerApiPath.classify(upgradeRequest.uri());
        return route.equals("/grpc") || route.equals("/session") ? upgradedWatchers.apply(upgradeRequest, caller) : null;
    }

    /** The watcher of a connection that speaks HTTP/2 with prior knowledge; null leaves it raw. */
    public ConnectionWatcher watcherForPriorKnowledge(Caller caller) {
        return priorKnowledgeWatchers == null ? null : priorKnowledgeWatchers.apply(caller);
    }

    /** Docker answered {@code request} with an error status: what was noted of it for the events' record goes. */
    public void refusedByDocker(HttpRequest request, Caller caller) {
        if (refusals != null) {
            refusals.accept(request, caller);
        }
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

    private static Interception recorded(InterceptionContext shared, BuildKitRecording buildKit, HttpRequest request,
            Caller caller) {
        if (!HttpMethod.POST.equals(request.method())) {
            return null;
        }
        return switch (DockerApiPath.classify(request.uri())) {
            case "/containers/create" -> new CreateInterception(shared, caller);
            case "/commit" -> new CommitInterception(shared, caller);
            case "/build" -> new BuildInterception(shared, buildKit, caller, request.uri());
            case "/images/create" -> ImportChangesGuard.forImport(request.uri());
            default -> null;
        };
    }
}
