package org.smartcontainers.proxy.intercept;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.ImageBuild;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.proxy.buildkit.BuildTrace;
import org.smartcontainers.proxy.buildkit.InvalidMessageException;

/**
 * {@code POST /build}: the label goes into the {@code labels} query parameter (Docker puts those
 * on the image); the context streams past untouched while its digest and Dockerfile are taken; the
 * progress stream gives the image, or the error of a failed build.
 */
final class BuildInterception implements Interception {
    private final InterceptionContext shared;
    private final BuildOutput output;
    /** BuildKit ({@code version=2}): its steps, from the trace lines, and its session's files. */
    private final BuildKitSteps steps = new BuildKitSteps();
    private final BuildKitRecording buildKitFiles;
    private final GoQuery goQuery;
    private final Map<String, List<String>> query;
    /** Kept only to take them out of step names and errors: never recorded. */
    private final BuildArgValues argValues;
    /** Made now, not when the head is prepared: the context's first bytes may arrive before that. */
    private final BuildContext context;
    private final boolean buildKit;
    private volatile ActivityRecord record;
    private volatile List<String> baseIds = List.of();
    private volatile Instant startedAt;
    private int status;
    /** Set by the first of {@link #finish} and {@link #cutOff}: a record is stored once. */
    private final AtomicBoolean ended = new AtomicBoolean();
    /** How much of a context is held back, waiting for its Dockerfile, before the request goes on without it. */
    private static final int MAX_HELD_CONTEXT = 8 << 20;

    private final Caller caller;

    BuildInterception(InterceptionContext shared, BuildKitRecording buildKitFiles, Caller caller, String uri) {
        this.shared = shared;
        this.buildKitFiles = buildKitFiles;
        this.output = new BuildOutput(trace -> {
            try {
                steps.update(BuildTrace.vertexes(trace));
            } catch (InvalidMessageException e) {
                // one update unread; later ones say where each step ended
            }
        });
        this.caller = caller;
        this.goQuery = GoQuery.lenient(uri); // the build route reads values, and skips pairs Go cannot read
        this.query = goQuery.parameters();
        this.argValues = BuildArgValues.ofQuery(query);
        this.context = new BuildContext(ImageBuild.dockerfilePath(query), shared.contextDigest());
        this.buildKit = "2".equals(query.getOrDefault("version", List.of("1")).get(0));
    }

    @Override
    public int maxRequestBody() {
        return MAX_HELD_CONTEXT;
    }

    /** The head waits for the Dockerfile, so the label can name the base images. */
    @Override
    public boolean readyForHead() {
        return buildKit || unhashed.get() == 0 && context.decided();
    }

    @Override
    public boolean streamsRequestBody() {
        return true;
    }

    @Override
    public CompletableFuture<FullHttpRequest> prepare(FullHttpRequest head) {
        if (isForm(head.headers().get(HttpHeaderNames.CONTENT_TYPE))) {
            // Go's ParseForm would read a form body first, and its labels would win over ours.
            return CompletableFuture.failedFuture(RefusedCall.badRequest(
                    "a build whose body is a form (application/x-www-form-urlencoded) is not passed on by SmartContainers"));
        }
        return CompletableFuture.supplyAsync(() -> {
            awaitHashed();
            startedAt = Instant.now();
            ActivityRecord started = ImageBuild.start(query, startedAt, shared.recording().attribution().agents(caller));
            String dockerfile = buildKit ? null : context.dockerfile();
            if (dockerfile != null) {
                ImageBuild.dockerfile(started, context.dockerfileSha256Hex());
                List<String> references = Dockerfiles.baseImages(dockerfile);
                List<DockerClient.Image> bases = shared.baseImages(references);
                List<String> resolved = bases.stream().map(DockerClient.Image::recordedId).toList();
                ImageBuild.baseImages(started, references, resolved);
                started.carry(InterceptionContext.ancestry(bases));
                baseIds = resolved;
            }
            String uri = withLabel(goQuery, started.label());
            FullHttpRequest rewritten = head.replace(head.content().retain());
            rewritten.setUri(uri);
            head.release();
            record = started;
            return rewritten;
        }, shared.threads().work);
    }

    /** The same request line with our label in {@code labels} (read as the daemon reads it), every other pair as sent. */
    private static String withLabel(GoQuery query, String label) {
        String given = query.first("labels");
        JsonNode parsed = given.isEmpty() ? null : GoJson.value(given);
        if (!given.isEmpty() && (parsed == null || !(parsed.isObject() || parsed.isNull()))) {
            throw RefusedCall.badRequest("the labels parameter is not a JSON object");
        }
        ObjectNode labels = parsed instanceof ObjectNode object ? object : JsonBodies.JSON.createObjectNode();
        JsonBodies.requireStringValues(labels, "the labels parameter");
        labels.put(ProvenanceLabel.KEY, label);
        return query.withOnly("labels", labels.toString());
    }

    /** The media type Go's ParseForm reads as a form (case-insensitive, parameters after {@code ;}). */
    static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.equalsIgnoreCase("application/x-www-form-urlencoded");
    }

    /**
     * Decided by the context's first bytes (event loop only): a plain tar's listing is read where
     * it passes, on the relay's thread; handing each piece to another thread cost more than reading
     * it (a wake-up per 64 KiB).
     */
    private Boolean readInPlace;

    /**
     * Hashing a GiB context, or inflating it, costs a core for a while: it runs on the recorder's
     * context thread, in order, so the event loop goes on relaying. Should it fall far behind, the relay stops reading
     * from the client until it has caught up by half: the event loop never waits for it.
     */
    private final AtomicLong unhashed = new AtomicLong();
    private static final long MAX_UNHASHED = 32 << 20;
    /** The relay's request to be told when more can be taken, while it waits. */
    private final AtomicReference<Runnable> whenHashed = new AtomicReference<>();

    @Override
    public void onRequestContent(ByteBuf content) {
        if (readInPlace == null && content.isReadable()) {
            readInPlace = BuildContext.readsCheaply(shared.contextDigest(), content);
        }
        if (readInPlace == null || readInPlace) {
            context.update(content); // nothing read yet, or a listing
            return;
        }
        int n = content.readableBytes();
        ByteBuf piece = content.retainedDuplicate();
        unhashed.addAndGet(n);
        shared.threads().contexts.execute(() -> {
            try {
                context.update(piece);
            } finally {
                piece.release();
                if (unhashed.addAndGet(-n) <= MAX_UNHASHED / 2) {
                    Runnable waiting = whenHashed.getAndSet(null);
                    if (waiting != null) {
                        waiting.run();
                    }
                }
            }
        });
    }

    @Override
    public boolean takesMoreContent(Runnable whenItDoes) {
        if (unhashed.get() <= MAX_UNHASHED) {
            return true;
        }
        whenHashed.set(whenItDoes);
        // The hasher may have caught up between the two reads and found no one to tell.
        if (unhashed.get() <= MAX_UNHASHED) {
            whenHashed.set(null);
            return true;
        }
        return false;
    }

    /** Everything handed to the hasher so far has been read. */
    private void awaitHashed() {
        try {
            shared.threads().contexts.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The image was made before this run began: every step came from the cache. */
    private boolean existedBefore(String imageId) {
        return shared.docker().imageCreated(imageId).map(created -> created.isBefore(startedAt)).orElse(false);
    }

    @Override
    public void onResponseHead(HttpResponse head) {
        status = head.status().code();
    }

    @Override
    public void onResponseContent(ByteBuf content) {
        output.update(content);
    }

    @Override
    public CompletableFuture<?> finish() {
        return end(null);
    }

    @Override
    public CompletableFuture<?> cutOff(String why) {
        return end(why);
    }

    /** @param cutOff why the build's stream ended early, or null when the daemon's answer is whole */
    private CompletableFuture<?> end(String cutOff) {
        ActivityRecord made = record;
        if (made == null || !ended.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        output.finish();
        return CompletableFuture.supplyAsync(() -> {
            awaitHashed();
            BuildContext seen = context;
            if (!buildKit && seen.size() > 0 && seen.digestsListing()) {
                ImageBuild.contextListing(made, "sha256:" + seen.sha256Hex(), seen.files(), seen.fileBytes());
            } else if (!buildKit && seen.size() > 0) {
                ImageBuild.context(made, "sha256:" + seen.sha256Hex(), seen.size());
            }
            if (buildKit) {
                baseIds = buildKitFiles.readFiles(made, query.getOrDefault("session", List.of("")).get(0), ImageBuild.dockerfilePath(query), steps);
                steps.recordInto(made, argValues);
            }
            String imageId = output.imageId();
            if (cutOff != null) {
                String said = argValues.redact(output.error());
                made.failed(Instant.now(), said == null ? cutOff : cutOff + "; the build had said: " + said);
            } else if (status != 200) {
                String message = argValues.redact(output.message());
                made.failed(Instant.now(), message != null ? message : "HTTP " + status);
            } else if (output.error() != null) {
                made.failed(Instant.now(), argValues.redact(output.error()));
            } else if (imageId == null) {
                made.failed(Instant.now(), "the build stream ended without an image ID");
            } else {
                String fullId = imageId.length() < 64 ? shared.docker().imageId(imageId).orElse(imageId) : imageId;
                ImageBuild.built(made, shared.docker().recordedImageId(fullId), baseIds, existedBefore(fullId), Instant.now());
            }
            return made;
        }, shared.threads().work).thenCompose(shared.recording().keeper()::store);
    }
}
