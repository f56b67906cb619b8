package org.smartcontainers.tests.support;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.docker.ImageIdentities;
import org.smartcontainers.provenance.Vocab;

/**
 * The real daemons ({@link DockerSocket}) as a test parameter, for tests that try the same attack against Docker 26
 * and Docker 20.10 (each answers with its own Go, router and API version), and for tests of images, Docker 26 with
 * the containerd image store too (where Docker's image ID is not what records name an image by).
 */
public enum DockerDaemon {
    DOCKER_26("1.45"),
    DOCKER_20_10("1.41"),
    DOCKER_26_CONTAINERD("1.45");

    /** For {@code @EnumSource(names = ..., mode = EXCLUDE)}: tests of the proxy's HTTP, where the image store makes no difference. */
    public static final String CONTAINERD = "DOCKER_26_CONTAINERD";

    private final String apiVersion;

    DockerDaemon(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public Path socket() {
        return switch (this) {
            case DOCKER_26 -> DockerSocket.path();
            case DOCKER_20_10 -> DockerSocket.docker20();
            case DOCKER_26_CONTAINERD -> DockerSocket.containerdStore();
        };
    }

    /** The docker CLI straight to this daemon: the reference, and for clean-up. */
    public DockerCli direct() {
        return switch (this) {
            case DOCKER_26 -> DockerCli.direct();
            case DOCKER_20_10 -> DockerCli.direct20();
            case DOCKER_26_CONTAINERD -> DockerCli.directContainerd();
        };
    }

    public ProxyProcess startProxy(String... extraArgs) {
        return ProxyProcess.start(socket(), "", extraArgs);
    }

    /** The IRI records name an image by, for this daemon's ID of it (its config digest; another on a containerd store). */
    public String imageIri(String dockerImageId) {
        return Vocab.imageIri(recordedId(dockerImageId));
    }

    /** Docker's own ID of the image {@code reference} names on this daemon. */
    public String dockerId(String reference) {
        return direct().run("image", "inspect", "-f", "{{.Id}}", reference).ok().out();
    }

    /** The ID records name the image {@code reference} names on this daemon by (its config digest). */
    public String recordedIdOf(String reference) {
        return recordedId(dockerId(reference));
    }

    /** The ID records name an image by ({@code sha256:} and its config digest), for this daemon's ID of it. */
    public String recordedId(String dockerImageId) {
        return IDENTITIES.computeIfAbsent(this, d -> new ImageIdentities(new DockerClient(d.socket()))).of(dockerImageId).config();
    }

    private static final Map<DockerDaemon, ImageIdentities> IDENTITIES = new ConcurrentHashMap<>();

    /** The version prefix of this daemon's own API version, {@code /v1.45}. */
    public String prefix() {
        return "/v" + apiVersion;
    }
}
