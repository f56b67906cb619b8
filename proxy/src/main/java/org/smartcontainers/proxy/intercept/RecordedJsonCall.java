package org.smartcontainers.proxy.intercept;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.provenance.record.ActivityRecord;

/**
 * A recorded call with a small JSON request body that gets our label, and a small JSON answer:
 * {@code 201 {"Id": …}} on success, Docker's {@code {"message": …}} otherwise. Subclasses build the
 * record in {@link #start} and say what the new ID means in {@link #created}.
 */
abstract class RecordedJsonCall implements Interception {
    protected final InterceptionContext shared;
    /** A body up to this size is read on the event loop (create bodies are a few hundred bytes). */
    private static final int INLINE_BODY = 64 << 10;
    static final int MAX_BODY = 4 << 20;
    private final JsonBodies.Collector answer = new JsonBodies.Collector(1 << 20);
    /** Set by {@link #prepare}; null when the request could not be read (then nothing is recorded). */
    protected volatile ActivityRecord record;
    private int status;
    /** Set by the first of {@link #finish} and {@link #cutOff}: a record is stored once. */
    private final AtomicBoolean ended = new AtomicBoolean();

    /** Who made the call: the records name their person. */
    protected final Caller caller;

    RecordedJsonCall(InterceptionContext shared, Caller caller) {
        this.shared = shared;
        this.caller = caller;
    }

    /**
     * Far more than a client sends (a create is a few KiB), and little enough that the body, its record and the
     * container's label read back at the next start fit the daemon's heap: 16 MiB in one label did not.
     */
    @Override
    public int maxRequestBody() {
        return MAX_BODY;
    }

    @Override
    public void onResponseHead(HttpResponse head) {
        status = head.status().code();
    }

    @Override
    public void onResponseContent(ByteBuf content) {
        answer.add(content);
    }

    /**
     * Reads the JSON body, starts the record ({@link #start}), puts its label in the body and
     * forwards the rewritten request. When {@link #startsWithoutAsking} a small body, that is a few
     * microseconds of work done here on the event loop (two thread hops cost more); otherwise it runs
     * off the event loop.
     */
    @Override
    public final CompletableFuture<FullHttpRequest> prepare(FullHttpRequest request) {
        if (request.content().readableBytes() > INLINE_BODY || GoJson.mayNestDeep(request.content())) {
            return CompletableFuture.supplyAsync(() -> labelled(request, null), shared.threads().work);
        }
        try {
            GoJson.Body body = GoJson.read(request.content());
            return startsWithoutAsking(body.config())
                    ? CompletableFuture.completedFuture(labelled(request, body))
                    : CompletableFuture.supplyAsync(() -> labelled(request, body), shared.threads().work);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e); // refused, as from the other thread
        }
    }

    /**
     * @param read the body if already read, else null
     * @throws RefusedCall when the request cannot be read as the daemon reads it, or not labelled
     */
    private FullHttpRequest labelled(FullHttpRequest request, GoJson.Body read) {
        GoJson.Body body = read != null ? read : GoJson.read(request.content());
        GoQuery query = GoQuery.of(request.uri());
        ActivityRecord started = start(request, query, body.config());
        JsonBodies.putLabel(body.config(), started.label());
        String uri = withLabel(request.uri(), started.label());
        FullHttpRequest rewritten = JsonBodies.withBody(request, body.config(), body.trailing());
        rewritten.setUri(uri);
        record = started;
        return rewritten;
    }

    /**
     * True when {@link #start} needs nothing from the daemon for this body (everything it needs is
     * remembered), so it may run on the event loop; it must then not block.
     */
    protected boolean startsWithoutAsking(ObjectNode body) {
        return false;
    }

    /** The request target, with whatever else must carry the label (by default the body alone does). */
    protected String withLabel(String uri, String label) {
        return uri;
    }

    /** The record of what the request shows (lookups to the daemon allowed unless {@link #startsWithoutAsking}). */
    protected abstract ActivityRecord start(FullHttpRequest request, GoQuery query, ObjectNode body);

    /** The daemon made something: {@code id} is the new container's or image's ID. */
    protected abstract void created(ActivityRecord record, String id, Instant ended);

    /** What {@link #created} needs and was asked for while the call ran; it runs once this completes (or fails). */
    protected CompletableFuture<?> stillLearning() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<?> finish() {
        ActivityRecord made = record;
        if (made == null || !ended.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        Instant now = Instant.now();
        JsonNode json = answer.json();
        int answered = status;
        return stillLearning().handle((learned, failure) -> null).thenCompose(learned -> {
            if (answered == 201 && json.hasNonNull("Id")) {
                created(made, json.get("Id").asText(), now);
            } else {
                made.failed(now, json.path("message").asText("HTTP " + answered));
            }
            return shared.recording().keeper().store(made);
        });
    }

    @Override
    public CompletableFuture<?> cutOff(String why) {
        ActivityRecord made = record;
        if (made == null || !ended.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        made.failed(Instant.now(), why);
        return shared.recording().keeper().store(made);
    }
}
