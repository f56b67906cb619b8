package org.smartcontainers.proxy.intercept;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.smartcontainers.provenance.record.ActivityRecord;

/**
 * A recorded call with a small JSON request body that gets our label, and a small JSON answer:
 * {@code 201 {"Id": …}} on success, Docker's {@code {"message": …}} otherwise. Subclasses build the
 * record in {@link #start} and say what the new ID means in {@link #created}.
 */
abstract class RecordedJsonCall implements Interception {
    protected final Recorder recorder;
    private final JsonBodies.Collector answer = new JsonBodies.Collector(1 << 20);
    /** Set by {@link #prepare}; null when the request could not be read (then nothing is recorded). */
    protected volatile ActivityRecord record;
    private int status;

    /** Who made the call: the records name their person. */
    protected final Caller caller;

    RecordedJsonCall(Recorder recorder, Caller caller) {
        this.recorder = recorder;
        this.caller = caller;
    }

    @Override
    public int maxRequestBody() {
        return 16 << 20;
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
     * Off the event loop: reads the JSON body, starts the record ({@link #start}), puts its label in
     * the body and forwards the rewritten request.
     */
    @Override
    public final CompletableFuture<FullHttpRequest> prepare(FullHttpRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                ObjectNode body = JsonBodies.object(request.content());
                ActivityRecord started = start(request, body);
                JsonBodies.putLabel(body, started.label());
                FullHttpRequest rewritten = JsonBodies.withBody(request, body);
                record = started;
                return rewritten;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, recorder.work());
    }

    /** The record of what the request shows (lookups to the daemon allowed: this is not the event loop). */
    protected abstract ActivityRecord start(FullHttpRequest request, ObjectNode body);

    /** The daemon made something: {@code id} is the new container's or image's ID. */
    protected abstract void created(ActivityRecord record, String id, Instant ended);

    @Override
    public CompletableFuture<?> finish() {
        ActivityRecord made = record;
        if (made == null) {
            return CompletableFuture.completedFuture(null);
        }
        JsonNode json = answer.json();
        if (status == 201 && json.hasNonNull("Id")) {
            created(made, json.get("Id").asText(), Instant.now());
        } else {
            made.failed(Instant.now(), json.path("message").asText("HTTP " + status));
        }
        return recorder.store(made);
    }
}
