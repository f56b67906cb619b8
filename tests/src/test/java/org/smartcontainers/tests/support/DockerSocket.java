package org.smartcontainers.tests.support;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        String ping = rawRequest(socket, "GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
        if (!ping.startsWith("HTTP/1.1 200")) {
            throw new AssertionError("the Docker daemon at " + socket + " does not answer /_ping: " + ping);
        }
        Run.run(Map.of("DOCKER_HOST", "unix://" + socket), null,
                List.of(Paths.repo().resolve("tests/scripts/import-busybox.sh").toString(), BASE_IMAGE)).ok();
        checked = socket;
        return socket;
    }

    /** Sends raw bytes, reads until the peer closes; for requests a client library would not send. */
    public static String rawRequest(Path socket, String request) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
            StringBuilder answer = new StringBuilder();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) > 0) {
                buffer.flip();
                answer.append(StandardCharsets.ISO_8859_1.decode(buffer));
                buffer.clear();
            }
            return answer.toString();
        } catch (IOException e) {
            throw new AssertionError("raw request to " + socket + " failed: " + e, e);
        }
    }
}
