package org.smartcontainers.tests.support;

import java.nio.file.Path;

/**
 * The two real daemons ({@link DockerSocket}) as a test parameter, for tests that try the same attack
 * against Docker 26 and Docker 20.10: each answers with its own Go, router and API version.
 */
public enum DockerDaemon {
    DOCKER_26("1.45"),
    DOCKER_20_10("1.41");

    private final String apiVersion;

    DockerDaemon(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public Path socket() {
        return this == DOCKER_26 ? DockerSocket.path() : DockerSocket.docker20();
    }

    /** The docker CLI straight to this daemon: the reference, and for clean-up. */
    public DockerCli direct() {
        return this == DOCKER_26 ? DockerCli.direct() : DockerCli.direct20();
    }

    public ProxyProcess startProxy(String... extraArgs) {
        return this == DOCKER_26 ? ProxyProcess.start(extraArgs) : ProxyProcess.startInFrontOfDocker20(extraArgs);
    }

    /** The version prefix of this daemon's own API version, {@code /v1.45}. */
    public String prefix() {
        return "/v" + apiVersion;
    }
}
