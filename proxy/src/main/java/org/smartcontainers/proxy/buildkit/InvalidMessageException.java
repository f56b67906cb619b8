package org.smartcontainers.proxy.buildkit;

/**
 * A gRPC message that is not the BuildKit message it was read as: bytes protobuf cannot decode,
 * or values no sender produces. The caller refuses the call; no protobuf exception leaves this
 * package.
 */
public final class InvalidMessageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidMessageException(String message) {
        super(message);
    }

    InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
