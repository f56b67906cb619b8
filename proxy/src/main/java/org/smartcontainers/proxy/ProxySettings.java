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
 */
public record ProxySettings(Path listen, Path upstream, Set<PosixFilePermission> socketMode,
                            String socketGroup, int ioThreads) {
    public static final String DEFAULT_MODE = "0660";

    public static ProxySettings of(Path listen, Path upstream) {
        return new ProxySettings(listen, upstream, ListenSocket.parseMode(DEFAULT_MODE), null,
                Runtime.getRuntime().availableProcessors());
    }
}
