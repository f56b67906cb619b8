package org.smartcontainers.proxy.buildkit;

import io.netty.buffer.ByteBuf;
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
     * {@code message} with the frontend option {@code key} set to {@code value}, over any the client gave: one
     * entry appended, the rest as it came (its definition may be tens of MiB: never copied). The message is
     * checked to be a request first (its declared fields read in place).
     */
    public static ByteBuf withFrontendOpt(ByteBuf message, String key, String value) {
        Messages.parseDeclared(SolveRequest.getDefaultInstance(), message, "LLBBridge/Solve request");
        return Messages.withMapEntryAppended(message, SolveRequest.FRONTEND_OPT_FIELD_NUMBER, key, value);
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
