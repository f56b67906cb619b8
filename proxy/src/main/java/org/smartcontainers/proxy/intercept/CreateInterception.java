package org.smartcontainers.proxy.intercept;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Instant;
import java.util.List;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.ContainerCreate;

/** {@code POST /containers/create}: label the container, record its creation. */
final class CreateInterception extends RecordedJsonCall {
    private volatile String imageId;

    CreateInterception(Recorder recorder) {
        super(recorder);
    }

    @Override
    protected ActivityRecord start(FullHttpRequest request, ObjectNode body) {
        String reference = body.path("Image").asText("");
        DockerLookup.Image image = reference.isEmpty() ? null : recorder.lookup().image(reference).orElse(null);
        if (image != null) {
            imageId = image.id();
            recorder.readImageLabel(image);
        }
        List<String> names = new QueryStringDecoder(request.uri()).parameters().get("name");
        return ContainerCreate.start(body, names == null ? null : names.get(0), imageId, Instant.now(),
                recorder.agents());
    }

    @Override
    protected void created(ActivityRecord record, String containerId, Instant ended) {
        ContainerCreate.created(record, containerId, imageId, ended);
    }
}
