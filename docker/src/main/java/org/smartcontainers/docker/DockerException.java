package org.smartcontainers.docker;

/**
 * The Docker daemon said no, or could not be reached: its status (502 when unreachable) and its
 * message in Docker's words, so whoever answers a client can pass both on.
 */
public final class DockerException extends RuntimeException {
    private final int status;

    public DockerException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
