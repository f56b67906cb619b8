package org.smartcontainers.proxy.intercept;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.provenance.record.ActivityRecord;
import org.smartcontainers.provenance.record.ContainerCommit;

/** {@code POST /commit}: label the new image, record it as made from the container and its image. */
final class CommitInterception extends RecordedJsonCall {
    private volatile String containerId;
    private volatile String baseImageId;

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
            if (baseImageId != null) {
                shared.recording().imageLabels().readOf(baseImageId);
            }
        }
        return ContainerCommit.start(query, containerId, baseImageId, Instant.now(), shared.recording().attribution().agents(caller));
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
        ContainerCommit.committed(record, imageId, containerId, baseImageId, ended);
    }
}
