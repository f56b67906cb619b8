package org.smartcontainers.proxy.h2;

/**
 * A stream refused by the proxy: the opener gets a gRPC error with this status and message, the
 * other side an RST_STREAM (CANCEL).
 */
public final class RefusedMessage extends Exception {
    private static final long serialVersionUID = 1L;
    private final int grpcStatus;

    /** @param grpcStatus a gRPC status code (3 INVALID_ARGUMENT, 7 PERMISSION_DENIED, 13 INTERNAL, ...) */
    public RefusedMessage(int grpcStatus, String message) {
        super(message);
        this.grpcStatus = grpcStatus;
    }

    public int grpcStatus() {
        return grpcStatus;
    }
}
