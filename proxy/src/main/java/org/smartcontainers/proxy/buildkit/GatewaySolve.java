package org.smartcontainers.proxy.buildkit;

import io.netty.buffer.ByteBuf;
import org.smartcontainers.proxy.buildkit.proto.GatewayProto.SolveRequest;

/**
 * The request of BuildKit's {@code /moby.buildkit.v1.frontend.LLBBridge/Solve}, with which a
 * gateway build (buildx's) calls the Dockerfile frontend: check it, and rewrite its frontend
 * options (the same {@code label:KEY}, {@code build-arg:NAME}, ... as Control/Solve's attributes).
 */
public final class GatewaySolve {
    private GatewaySolve() {
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
}
