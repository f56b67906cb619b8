package org.smartcontainers.tests.support;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.RawHttp;
import org.smartcontainers.testsupport.Run;

/**
 * The real Docker daemon the tests use: {@code SC_TEST_DOCKER_HOST} (unix://PATH), else
 * {@code /var/run/docker.sock}. There is no skipping: without a daemon every test that needs one fails.
 */
public final class DockerSocket {
    public static final String ENV = "SC_TEST_DOCKER_HOST";
    public static final String BASE_IMAGE = "sc-busybox:latest";
    private static Path checked;

    private DockerSocket() {
    }

    public static synchronized Path path() {
        if (checked != null) {
            return checked;
        }
        String host = System.getenv().getOrDefault(ENV, "unix:///var/run/docker.sock");
        Path socket = Path.of(host.replaceFirst("^unix://", ""));
        if (!Files.exists(socket)) {
            throw new AssertionError("no Docker daemon socket at " + socket + ": start dockerd, or set " + ENV
                    + "=unix://PATH (see README.md)");
        }
        try (RawHttp http = new RawHttp(socket)) {
            RawHttp.Response ping = http.get("/_ping");
            if (ping.status() != 200) {
                throw new AssertionError("the Docker daemon at " + socket + " does not answer /_ping: " + ping);
            }
        } catch (UncheckedIOException e) {
            throw new AssertionError("cannot reach the Docker daemon at " + socket + ": " + e.getCause(), e);
        }
        Run.run(Map.of("DOCKER_HOST", "unix://" + socket, "DOCKER_CLI", Clients.docker()), null,
                List.of(Paths.repo().resolve("tests/scripts/import-busybox.sh").toString(), BASE_IMAGE)).ok();
        checked = socket;
        return socket;
    }
}
