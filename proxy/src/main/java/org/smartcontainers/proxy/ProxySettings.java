package org.smartcontainers.proxy;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * What the proxy needs to run.
 *
 * @param listen      the proxy's own socket
 * @param upstream    the Docker daemon's socket
 * @param socketMode  permissions of {@code listen}
 * @param socketGroup group of {@code listen}, or null to leave it as created
 * @param ioThreads   event-loop threads
 * @param pollMicros  how long an idle event loop polls for an answer that is due before it sleeps (0: never)
 */
public record ProxySettings(Path listen, Path upstream, Set<PosixFilePermission> socketMode,
                            String socketGroup, int ioThreads, long pollMicros) {
    public static final String DEFAULT_MODE = "0660";
    public static final long DEFAULT_POLL_MICROS = 50;

    public static ProxySettings of(Path listen, Path upstream) {
        return new ProxySettings(listen, upstream, ListenSocket.parseMode(DEFAULT_MODE), null,
                Runtime.getRuntime().availableProcessors(), DEFAULT_POLL_MICROS);
    }
}
