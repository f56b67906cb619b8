package org.smartcontainers.proxy.intercept;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.ContainerCreate;

/** {@code POST /containers/create}: label the container, record its creation. */
final class CreateInterception implements Interception {
    private final Recorder recorder;
    private final JsonBodies.Collector answer = new JsonBodies.Collector(1 << 20);
    private ActivityRecord record;
    private String imageId;
    private int status;

    CreateInterception(Recorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public int maxRequestBody() {
        return 16 << 20;
    }

    @Override
    public CompletableFuture<FullHttpRequest> prepare(FullHttpRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                ObjectNode body = JsonBodies.object(request.content());
                String reference = body.path("Image").asText("");
                imageId = reference.isEmpty() ? null : recorder.lookup().imageId(reference).orElse(null);
                List<String> names = new QueryStringDecoder(request.uri()).parameters().get("name");
                record = ContainerCreate.start(body, names == null ? null : names.get(0), imageId, Instant.now(),
                        recorder.agents());
                JsonBodies.putLabel(body, record.label());
                return JsonBodies.withBody(request, body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, recorder.work());
    }

    @Override
    public void onResponseHead(HttpResponse head) {
        status = head.status().code();
    }

    @Override
    public void onResponseContent(ByteBuf content) {
        answer.add(content);
    }

    @Override
    public CompletableFuture<?> finish() {
        if (record == null) {
            return CompletableFuture.completedFuture(null);
        }
        JsonNode json = answer.json();
        if (status == 201 && json.hasNonNull("Id")) {
            ContainerCreate.created(record, json.get("Id").asText(), imageId, Instant.now());
        } else {
            record.failed(Instant.now(), json.path("message").asText("HTTP " + status));
        }
        return recorder.store(record);
    }
}
