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
 * The real Docker daemons the tests use. The suite's daemon: {@code SC_TEST_DOCKER_HOST} (unix://PATH),
 * else {@code /var/run/docker.sock} ({@code tests/run} starts Docker 26). A Docker 20.10 daemon (API 1.41)
 * for what is specific to it and to the 20.10 CLI: {@code SC_TEST_DOCKER20_HOST}, no default
 * ({@code tests/run} starts Debian bookworm's). Docker 26 with the containerd image store: {@code
 * SC_TEST_DOCKER_CONTAINERD_HOST}, no default ({@code tests/run} starts it). There is no skipping: without its
 * daemon every test that needs one fails.
 */
public final class DockerSocket {
    public static final String ENV = "SC_TEST_DOCKER_HOST";
    public static final String DOCKER20_ENV = "SC_TEST_DOCKER20_HOST";
    public static final String CONTAINERD_ENV = "SC_TEST_DOCKER_CONTAINERD_HOST";
    public static final String BASE_IMAGE = "sc-busybox:latest";
    private static Path checked;
    private static Path checked20;
    private static Path checkedContainerd;

    private DockerSocket() {
    }

    /** The suite's daemon, answering, with the base image imported. */
    public static synchronized Path path() {
        if (checked == null) {
            String host = System.getenv().getOrDefault(ENV, "unix:///var/run/docker.sock");
            checked = checked(host, "start dockerd, or set " + ENV + "=unix://PATH (see docs/testing.md)");
        }
        return checked;
    }

    /** The Docker 20.10 daemon, answering, checked to be 20.10, with the base image imported. */
    public static synchronized Path docker20() {
        if (checked20 == null) {
            String host = System.getenv(DOCKER20_ENV);
            if (host == null || host.isBlank()) {
                throw new AssertionError(DOCKER20_ENV + " is not set: this test needs a Docker 20.10 daemon (API 1.41);"
                        + " tests/run starts Debian bookworm's, or set " + DOCKER20_ENV + "=unix://PATH (see docs/testing.md)");
            }
            Path socket = checked(host, "start Docker 20.10's dockerd there, or set " + DOCKER20_ENV + "=unix://PATH");
            String version = Run.run(Map.of("DOCKER_HOST", "unix://" + socket), null,
                    List.of(Clients.docker(), "version", "--format", "{{.Server.Version}}")).ok().out();
            if (!version.startsWith("20.10.")) {
                throw new AssertionError(DOCKER20_ENV + "=" + host + " is Docker " + version + ", not 20.10");
            }
            checked20 = socket;
        }
        return checked20;
    }

    /** Docker 26 with the containerd image store (Docker 29's default), answering, with the base image imported. */
    public static synchronized Path containerdStore() {
        if (checkedContainerd == null) {
            String host = System.getenv(CONTAINERD_ENV);
            if (host == null || host.isBlank()) {
                throw new AssertionError(CONTAINERD_ENV + " is not set: this test needs a Docker daemon with the containerd image"
                        + " store; tests/run starts one, or set " + CONTAINERD_ENV + "=unix://PATH (see README.md)");
            }
            Path socket = checked(host, "start dockerd with {\"features\": {\"containerd-snapshotter\": true}} there, or set "
                    + CONTAINERD_ENV + "=unix://PATH");
            String driver = Run.run(Map.of("DOCKER_HOST", "unix://" + socket), null,
                    List.of(Clients.docker(), "info", "--format", "{{json .DriverStatus}}")).ok().out();
            if (!driver.contains("io.containerd.snapshotter.v1")) {
                throw new AssertionError(CONTAINERD_ENV + "=" + host + " does not keep its images in containerd: " + driver);
            }
            checkedContainerd = socket;
        }
        return checkedContainerd;
    }

    private static Path checked(String host, String advice) {
        Path socket = Path.of(host.replaceFirst("^unix://", ""));
        if (!Files.exists(socket)) {
            throw new AssertionError("no Docker daemon socket at " + socket + ": " + advice);
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
        return socket;
    }
}
