package org.smartcontainers.proxy.intercept;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.ContainerCommit;
import org.smartcontainers.provenance.record.FileChanges;

/** {@code POST /commit}: label the new image, record it as made from the container and its image. */
final class CommitInterception extends RecordedJsonCall {
    private volatile String containerId;
    private volatile String baseImageId;
    /** {@code docker diff} of the container, asked for as the commit goes to the daemon (it changes nothing there). */
    private volatile CompletableFuture<Optional<FileChanges>> changes;

    CommitInterception(InterceptionContext shared, Caller caller) {
        super(shared, caller);
    }

    @Override
    protected ActivityRecord start(FullHttpRequest request, GoQuery goQuery, ObjectNode config) {
        Map<String, List<String>> query = goQuery.parameters();
        String container = goQuery.first("container");
        if (!container.isEmpty()) {
            shared.docker().container(container).ifPresent(found -> {
                containerId = found.id();
                baseImageId = found.imageId();
            });
        }
        Optional<DockerClient.Image> baseImage = baseImageId == null ? Optional.empty() : shared.docker().image(baseImageId);
        baseImage.ifPresent(shared.recording().imageLabels()::read);
        // Records name it by its config digest (the daemon's ID is another on a containerd store).
        baseImageId = baseImage.map(DockerClient.Image::recordedId).orElseGet(() -> shared.docker().recordedImageId(baseImageId));
        if (containerId != null) {
            String id = containerId;
            changes = CompletableFuture.supplyAsync(() -> {
                FileChanges found = new FileChanges();
                return shared.docker().containerChanges(id, found) ? Optional.of(found) : Optional.empty();
            }, shared.threads().lookups);
        }
        ActivityRecord started = ContainerCommit.start(query, containerId, baseImageId, Instant.now(),
                shared.recording().attribution().agents(caller));
        started.carry(InterceptionContext.ancestry(baseImage.stream().toList()));
        shared.recording().attribution().author(goQuery.first("author"))
                .ifPresent(author -> ContainerCommit.authoredBy(started, author));
        return started;
    }

    @Override
    protected CompletableFuture<?> stillLearning() {
        CompletableFuture<?> asked = changes;
        return asked != null ? asked : super.stillLearning();
    }

    /**
     * The commit's {@code changes} are applied over the body's config, so a client's
     * {@code LABEL smartcontainer=...} would replace ours: our own LABEL goes last, and wins.
     */
    @Override
    protected String withLabel(String uri, String label) {
        GoQuery query = GoQuery.of(uri);
        return query.withOnly("changes", CommitChanges.withLabel(
                query.parameters().getOrDefault("changes", List.of()), label));
    }

    @Override
    protected void created(ActivityRecord record, String imageId, Instant ended) {
        ContainerCommit.committed(record, shared.docker().recordedImageId(imageId), containerId, baseImageId, ended);
        CompletableFuture<Optional<FileChanges>> asked = changes;
        if (asked != null) {
            asked.getNow(Optional.empty()).ifPresent(found -> ContainerCommit.changed(record, found));
        }
    }
}
