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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.ContainerCommit;

/** {@code POST /commit}: label the new image, record it as made from the container and its image. */
final class CommitInterception implements Interception {
    private final Recorder recorder;
    private final JsonBodies.Collector answer = new JsonBodies.Collector(1 << 20);
    private ActivityRecord record;
    private String containerId;
    private String baseImageId;
    private int status;

    CommitInterception(Recorder recorder) {
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
                ObjectNode config = JsonBodies.object(request.content());
                Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
                List<String> container = query.get("container");
                if (container != null && !container.isEmpty()) {
                    recorder.lookup().container(container.get(0)).ifPresent(found -> {
                        containerId = found.id();
                        baseImageId = found.imageId();
                    });
                }
                record = ContainerCommit.start(query, containerId, baseImageId, Instant.now(), recorder.agents());
                JsonBodies.putLabel(config, record.label());
                return JsonBodies.withBody(request, config);
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
            ContainerCommit.committed(record, json.get("Id").asText(), containerId, baseImageId, Instant.now());
        } else {
            record.failed(Instant.now(), json.path("message").asText("HTTP " + status));
        }
        return recorder.store(record);
    }
}
