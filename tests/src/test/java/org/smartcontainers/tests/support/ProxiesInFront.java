package org.smartcontainers.tests.support;

import java.util.EnumMap;
import java.util.Map;

/**
 * One proxy in front of each {@link DockerDaemon}, started when a test first asks for it, stopped
 * together: for a test class whose tests run against both daemons.
 */
public final class ProxiesInFront implements AutoCloseable {
    private final Map<DockerDaemon, ProxyProcess> started = new EnumMap<>(DockerDaemon.class);

    public synchronized ProxyProcess of(DockerDaemon daemon) {
        return started.computeIfAbsent(daemon, DockerDaemon::startProxy);
    }

    @Override
    public synchronized void close() {
        started.values().forEach(ProxyProcess::close);
        started.clear();
    }
}
