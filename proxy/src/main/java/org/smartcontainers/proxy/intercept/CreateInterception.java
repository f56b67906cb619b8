package org.smartcontainers.proxy.intercept;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.ThisHost;
import org.smartcontainers.provenance.record.ContainerCreate;
import org.smartcontainers.provenance.record.Mounts;

/** {@code POST /containers/create}: label the container, record its creation. */
final class CreateInterception extends RecordedJsonCall {
    private volatile String imageId;
    /** What the create mounts, and where named mounts live: read by {@link #start}, named again by {@link #created}. */
    private volatile Mounts mounts;
    private volatile Mounts.Places places;
    /** The image, when remembered at {@link #startsWithoutAsking}: {@link #start} then asks nobody. */
    private Optional<DockerClient.Image> remembered = Optional.empty();

    CreateInterception(InterceptionContext shared, Caller caller) {
        super(shared, caller);
    }

    @Override
    protected boolean startsWithoutAsking(ObjectNode body) {
        String reference = body.path("Image").asText("");
        remembered = shared.images().remembered(reference);
        return (reference.isEmpty() || remembered.isPresent()) && shared.recording().attribution().known(caller);
    }

    @Override
    protected ActivityRecord start(FullHttpRequest request, GoQuery query, ObjectNode body) {
        String reference = body.path("Image").asText("");
        // Usually remembered; else the daemon resolves the image while the rest of the record is built.
        CompletableFuture<Optional<DockerClient.Image>> lookup = reference.isEmpty() || remembered.isPresent()
                ? CompletableFuture.completedFuture(remembered)
                : CompletableFuture.supplyAsync(() -> shared.images().lookUp(reference), shared.threads().lookups);
        String name = query.first("name");
        mounts = Mounts.of(body);
        places = new Mounts.Places(shared.docker().engineId(), ThisHost.name());
        ActivityRecord record = ContainerCreate.start(body, name.isEmpty() ? null : name, null, Instant.now(),
                shared.recording().attribution().agents(caller), mounts, places);
        lookup.join().ifPresent(image -> {
            imageId = image.recordedId();
            ContainerCreate.usedImage(record, imageId);
            shared.recording().imageLabels().read(image);
        });
        return record;
    }

    @Override
    protected void created(ActivityRecord record, String containerId, Instant ended) {
        ContainerCreate.created(record, containerId, imageId, ended, mounts, places);
    }
}
