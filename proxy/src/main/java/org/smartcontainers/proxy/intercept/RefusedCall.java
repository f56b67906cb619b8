package org.smartcontainers.proxy.intercept;

/**
 * An intercepted call the proxy will not pass on, because it cannot be sure what the daemon would
 * make of it (a body or query it cannot read as Docker does, a label it cannot place): the relay
 * answers it with this status and message in Docker's shape, and nothing reaches the daemon.
 * The message names what was wrong, never the values sent (they may be secrets).
 */
public final class RefusedCall extends RuntimeException {
    private final int status;

    public RefusedCall(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** 400: the request, as sent, cannot be read the way the daemon reads it. */
    public static RefusedCall badRequest(String why) {
        return new RefusedCall(400, why);
    }

    public int status() {
        return status;
    }
}
