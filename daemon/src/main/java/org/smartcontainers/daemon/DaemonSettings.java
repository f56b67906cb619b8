package org.smartcontainers.daemon;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.smartcontainers.config.Agent;
import org.smartcontainers.provenance.StoreLocation;
import org.smartcontainers.proxy.ProxySettings;
import org.smartcontainers.proxy.intercept.ContextDigest;
import org.smartcontainers.web.HttpAddress;

/**
 * Everything {@code sc daemon} was told, parsed and checked once, before anything starts.
 *
 * @param http null for {@code --http off}
 * @param httpNames host names the HTTP server answers to besides localhost and IP addresses
 * @param contextDigest what a classic build's context is digested by
 * @param agentFlags the default person from the command line (over the file and the environment)
 * @param dataDirectory the default store's directory, where a remote store's queue waits too
 */
public record DaemonSettings(ProxySettings proxy, StoreLocation store, HttpAddress http, List<String> httpNames,
        Duration sparqlTimeout, ContextDigest contextDigest,
        Path configDirectory, Agent agentFlags, Duration shutdownTimeout, Path dataDirectory, String version) {
}
