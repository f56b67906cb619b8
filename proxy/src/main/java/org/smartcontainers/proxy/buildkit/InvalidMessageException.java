package org.smartcontainers.proxy.buildkit;

/**
 * A gRPC message that is not the BuildKit message it was read as: bytes protobuf cannot decode,
 * or values no sender produces. The caller refuses the call; no protobuf exception leaves this
 * package.
 */
public class InvalidMessageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidMessageException(String message) {
        super(message);
    }

    InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A message readable, but whose fields SmartContainers reads hold more than it reads. */
    public static final class TooLarge extends InvalidMessageException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }
}
