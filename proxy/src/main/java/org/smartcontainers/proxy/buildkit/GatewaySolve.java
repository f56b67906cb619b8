package org.smartcontainers.proxy.buildkit;

import java.util.Map;
import java.util.Set;
import org.smartcontainers.proxy.buildkit.proto.GatewayProto.SolveRequest;

/**
 * The request of BuildKit's {@code /moby.buildkit.v1.frontend.LLBBridge/Solve}, with which a
 * gateway build (buildx's) calls the Dockerfile frontend: read it, and rewrite its frontend
 * options (the same {@code label:KEY}, {@code build-arg:NAME}, ... as Control/Solve's attributes).
 */
public final class GatewaySolve {
    private GatewaySolve() {
    }

    /** {@code isFinal}: the solve whose result is the build's. Options are in key order. */
    public record Request(String frontend, Map<String, String> frontendOpt, boolean isFinal) {
    }

    public static Request read(byte[] message) {
        SolveRequest request = parse(message);
        return new Request(request.getFrontend(), Messages.sorted(request.getFrontendOptMap()), request.getFinal());
    }

    /**
     * The same message with the options in {@code remove} gone and those in {@code put} set (a
     * key in both ends with the value put); every other field passes through unchanged.
     */
    public static byte[] withFrontendOpts(byte[] message, Map<String, String> put, Set<String> remove) {
        SolveRequest.Builder request = parse(message).toBuilder();
        Messages.change(put, remove, request::removeFrontendOpt, request::putFrontendOpt);
        return request.build().toByteArray();
    }

    private static SolveRequest parse(byte[] message) {
        return Messages.parse(SolveRequest.parser(), message, "LLBBridge/Solve request");
    }
}
