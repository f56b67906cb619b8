package org.smartcontainers.proxy.intercept;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.Http2Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.smartcontainers.provenance.record.Agents;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.proxy.buildkit.ControlSolve;
import org.smartcontainers.proxy.buildkit.ControlStatus;
import org.smartcontainers.proxy.buildkit.GatewayReturn;
import org.smartcontainers.proxy.buildkit.GatewaySolve;
import org.smartcontainers.proxy.buildkit.InvalidMessageException;
import org.smartcontainers.proxy.buildkit.SolveResult;
import org.smartcontainers.proxy.h2.ConnectionWatcher;
import org.smartcontainers.proxy.h2.RefusedMessage;
import org.smartcontainers.proxy.h2.StreamWatcher;

/**
 * A client's connection to BuildKit's control API: each {@code Solve} is recorded and gets our
 * label (as the Dockerfile frontend's {@code label:smartcontainer} attribute, which BuildKit puts
 * over any the client or the Dockerfile gave); the frontend's own solve, which buildx runs through
 * {@code LLBBridge}, gets it too; {@code Status} tells the steps. Nothing else is read.
 */
final class ControlConnectionWatcher implements ConnectionWatcher {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ControlConnectionWatcher.class);
    static final String SOLVE = "/moby.buildkit.v1.Control/Solve";
    static final String STATUS = "/moby.buildkit.v1.Control/Status";
    static final String BRIDGE_SOLVE = "/moby.buildkit.v1.frontend.LLBBridge/Solve";
    static final String BRIDGE_RETURN = "/moby.buildkit.v1.frontend.LLBBridge/Return";
    /** The gRPC metadata that ties a frontend's call to its build. */
    static final String BUILD_ID = "buildkit-controlapi-buildid";
    static final String LABEL_ATTRIBUTE = "label:" + ProvenanceLabel.KEY;
    /** gRPC status codes the proxy answers with when it will not pass a build it cannot record. */
    private static final int INVALID_ARGUMENT = 3;
    private static final int RESOURCE_EXHAUSTED = 8;
    /** The most frontend attributes (build args, labels, options) one build's record takes: {@link GoJson#MAX_ITEMS}'s reason. */
    static final int MAX_FRONTEND_ATTRS = GoJson.MAX_ITEMS / 2;
    private static final int FAILED_PRECONDITION = 9;
    private static final int UNAVAILABLE = 14;

    private final BuildKitRecording recording;
    /** Who is building: asked for as the connection opens, known by the time a solve comes. */
    private final CompletableFuture<Agents> agents;
    /** The last build solved on this connection, for a frontend call that does not name its build. */
    private volatile BuildKitBuild latest;

    ControlConnectionWatcher(BuildKitRecording recording, Caller caller) {
        this.recording = recording;
        InterceptionContext shared = recording.shared();
        this.agents = CompletableFuture.supplyAsync(() -> shared.recording().attribution().agents(caller),
                shared.threads().lookups);
    }

    @Override
    public StreamWatcher onStream(int streamId, Http2Headers requestHeaders) {
        String path = requestHeaders.path() == null ? "" : requestHeaders.path().toString();
        return switch (path) {
            case SOLVE -> new Solve();
            case BRIDGE_SOLVE -> new BridgeSolve(requestHeaders.get(BUILD_ID));
            case BRIDGE_RETURN -> new BridgeReturn(requestHeaders.get(BUILD_ID));
            case STATUS -> new Status();
            default -> null;
        };
    }

    /** The build request: recorded, and labelled before it goes on. */
    private final class Solve implements StreamWatcher {
        private BuildKitBuild build;

        @Override
        public boolean rewritesRequests() {
            return true;
        }

        @Override
        public ByteBuf rewriteRequest(ByteBuf message) throws RefusedMessage {
            ControlSolve.Request request;
            try {
                request = ControlSolve.read(message);
            } catch (InvalidMessageException.TooLarge e) {
                throw new RefusedMessage(RESOURCE_EXHAUSTED, "SmartContainers cannot record this build: " + e.getMessage());
            } catch (InvalidMessageException e) {
                throw new RefusedMessage(INVALID_ARGUMENT, "SmartContainers cannot read this build request, so it"
                        + " cannot record it: " + e.getMessage());
            }
            if (build != null || request.ref().isEmpty()) {
                throw new RefusedMessage(INVALID_ARGUMENT, "SmartContainers records one build per solve, named by its ref");
            }
            if (request.frontendAttrs().size() > MAX_FRONTEND_ATTRS) {
                throw new RefusedMessage(RESOURCE_EXHAUSTED, "this build request has " + request.frontendAttrs().size()
                        + " frontend attributes, more than the " + MAX_FRONTEND_ATTRS + " SmartContainers records in one build");
            }
            LOG.debug("solve ref={} frontend={} attributes={} exporters={}", request.ref(), request.frontend(),
                    request.frontendAttrs().keySet(), request.exporters().size());
            if (request.frontend().isEmpty() && request.frontendAttrs().isEmpty() && request.exporters().isEmpty()) {
                // buildx's probes (a gateway call that returns at once): nothing is built or exported, nothing recorded
                return message;
            }
            build = recording.build(request.ref());
            String label = recording.start(build, request, agents.join());
            latest = build;
            return ControlSolve.withFrontendAttr(message, LABEL_ATTRIBUTE, label);
        }

        @Override
        public void observeResponse(ByteBuf message) {
            if (build != null) {
                try {
                    build.answered(SolveResult.exporterResponse(ByteBufUtil.getBytes(message)));
                } catch (InvalidMessageException e) {
                    // the image ID stays unknown: the record says the build ended without one
                }
            }
        }

        /** The build's end reaches the client once its record is committed, as a classic build's last byte does. */
        @Override
        public CompletionStage<?> holdAfterTrailers(Http2Headers trailers) {
            if (build == null) {
                return null;
            }
            CharSequence status = trailers.get("grpc-status");
            CharSequence message = trailers.get("grpc-message");
            return build.solveEnded(status == null ? UNAVAILABLE : parseStatus(status),
                    message == null ? null : decoded(message));
        }

        @Override
        public void onReset(long errorCode) {
            if (build != null) {
                build.solveEnded(1, "the build was cancelled (HTTP/2 stream reset, error code " + errorCode + ")");
            }
        }
    }

    /** A {@code grpc-message} decoded; gRPC takes one that is not validly percent-encoded as it is. */
    private static String decoded(CharSequence message) {
        try {
            return URLDecoder.decode(message.toString().replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return message.toString();
        }
    }

    private static int parseStatus(CharSequence status) {
        try {
            return Integer.parseInt(status.toString().trim());
        } catch (NumberFormatException e) {
            return UNAVAILABLE;
        }
    }

    /**
     * The Dockerfile frontend's solve, which buildx runs from the client: it applies the labels. Its success means
     * the frontend has read the Dockerfile, so the label of the result the client returns next is made then.
     */
    private final class BridgeSolve implements StreamWatcher {
        private final CharSequence buildId;
        private BuildKitBuild labelled;

        BridgeSolve(CharSequence buildId) {
            this.buildId = buildId;
        }

        @Override
        public void onResponseHeaders(Http2Headers headers, boolean endOfStream) {
            CharSequence status = headers.get("grpc-status");
            if (endOfStream && labelled != null && status != null && parseStatus(status) == 0) {
                recording.frontendSolved(labelled);
            }
        }

        @Override
        public boolean rewritesRequests() {
            return true;
        }

        @Override
        public ByteBuf rewriteRequest(ByteBuf message) throws RefusedMessage {
            BuildKitBuild build = buildId != null ? recording.build(buildId.toString()) : latest;
            if (build == null || !build.started()) {
                throw new RefusedMessage(FAILED_PRECONDITION, "SmartContainers saw no build this frontend call belongs to,"
                        + " so it cannot label what it makes");
            }
            labelled = build;
            try {
                return GatewaySolve.withFrontendOpt(message, LABEL_ATTRIBUTE, build.label());
            } catch (InvalidMessageException.TooLarge e) {
                throw new RefusedMessage(RESOURCE_EXHAUSTED, "SmartContainers cannot label what this frontend makes: "
                        + e.getMessage());
            } catch (InvalidMessageException e) {
                throw new RefusedMessage(INVALID_ARGUMENT, "SmartContainers cannot read this frontend request, so it"
                        + " cannot label what it makes: " + e.getMessage());
            }
        }
    }

    /**
     * A gateway client's result (buildx's): the exporter makes the image config from it, so its label is set
     * there, over whatever the client sent, to the build's label carrying what the build read (its Dockerfile's
     * digest, its bases' histories). The client's further frames wait while that label is made (off the event
     * loop); a result of a call no build of ours started (buildx's probes) passes as it is.
     */
    private final class BridgeReturn implements StreamWatcher {
        private final BuildKitBuild build;
        private final CompletableFuture<String> label;

        BridgeReturn(CharSequence buildId) {
            BuildKitBuild named = buildId != null ? recording.knownBuild(buildId.toString()) : latest;
            this.build = named != null && named.started() ? named : null;
            this.label = build == null ? null : recording.travellingLabel(build);
        }

        @Override
        public CompletionStage<?> holdRequest() {
            return label == null ? null : label.handle((made, failure) -> null);
        }

        @Override
        public boolean rewritesRequests() {
            return build != null;
        }

        @Override
        public ByteBuf rewriteRequest(ByteBuf message) throws RefusedMessage {
            String ready = label.isCompletedExceptionally() ? null : label.getNow(null);
            if (ready == null) {
                LOG.warn("build {}: its label was not ready when its result came back ({}); the image gets the label set"
                        + " as it started, without its bases' histories", build.ref, label.isCompletedExceptionally()
                        ? label.handle((made, failure) -> String.valueOf(failure)).join() : "still being made");
            }
            String travelling = ready != null ? ready : build.label();
            try {
                byte[] bytes = ByteBufUtil.getBytes(message);
                Map<String, byte[]> labelled = new TreeMap<>();
                GatewayReturn.imageConfigs(bytes).forEach((key, config) -> labelled.put(key,
                        GoJson.withImageConfigLabel(config, ProvenanceLabel.KEY, travelling)));
                return labelled.isEmpty() ? message : Unpooled.wrappedBuffer(GatewayReturn.withMetadata(bytes, labelled));
            } catch (IllegalArgumentException e) {
                throw new RefusedMessage(INVALID_ARGUMENT, "SmartContainers cannot read this build's result, so it cannot"
                        + " label the image: " + e.getMessage());
            }
        }
    }

    /** The progress of a build: its steps. */
    private final class Status implements StreamWatcher {
        private BuildKitBuild build;

        @Override
        public void observeRequest(ByteBuf message) {
            try {
                String ref = ControlStatus.ref(ByteBufUtil.getBytes(message));
                if (!ref.isEmpty()) {
                    build = recording.build(ref);
                    build.statusStarted();
                }
            } catch (InvalidMessageException e) {
                // not a build we can follow: its steps go unrecorded, the build itself is still recorded
            }
        }

        @Override
        public void observeResponse(ByteBuf message) {
            if (build != null) {
                try {
                    build.steps.update(ControlStatus.vertexes(ByteBufUtil.getBytes(message)));
                } catch (InvalidMessageException e) {
                    // one update unread; later ones say where each step ended
                }
            }
        }

        @Override
        public void onResponseHeaders(Http2Headers headers, boolean endOfStream) {
            if (endOfStream && build != null) {
                recording.statusEnded(build);
            }
        }

        @Override
        public void onReset(long errorCode) {
            if (build != null) {
                recording.statusEnded(build);
            }
        }
    }
}
