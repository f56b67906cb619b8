package org.smartcontainers.proxy.buildkit;

import java.time.Instant;
import java.util.List;
import org.smartcontainers.proxy.buildkit.proto.ControlProto;
import org.smartcontainers.proxy.buildkit.proto.ControlProto.StatusRequest;
import org.smartcontainers.proxy.buildkit.proto.ControlProto.StatusResponse;

/**
 * BuildKit's {@code /moby.buildkit.v1.Control/Status} stream: which build it follows, and the
 * build's steps (vertexes) as they start, finish, come from the cache or fail.
 */
public final class ControlStatus {
    private ControlStatus() {
    }

    /**
     * One step of the build. {@code started}, {@code completed} and {@code error} are null when
     * absent (not yet started, not yet done, no error); a vertex is sent again as it changes.
     */
    public record Vertex(String digest, List<String> inputs, String name, boolean cached,
            Instant started, Instant completed, String error) {
    }

    /** The build's ref, the same as its Control/Solve request's. */
    public static String ref(byte[] statusRequest) {
        return Messages.parse(StatusRequest.parser(), statusRequest, "Control/Status request").getRef();
    }

    public static List<Vertex> vertexes(byte[] statusResponse) {
        StatusResponse response = Messages.parse(StatusResponse.parser(), statusResponse, "Control/Status response");
        return response.getVertexesList().stream().map(ControlStatus::vertex).toList();
    }

    private static Vertex vertex(ControlProto.Vertex vertex) {
        return new Vertex(vertex.getDigest(), List.copyOf(vertex.getInputsList()), vertex.getName(),
                vertex.getCached(),
                Messages.instant(vertex.hasStarted(), vertex.getStarted()),
                Messages.instant(vertex.hasCompleted(), vertex.getCompleted()),
                vertex.getError().isEmpty() ? null : vertex.getError());
    }
}
