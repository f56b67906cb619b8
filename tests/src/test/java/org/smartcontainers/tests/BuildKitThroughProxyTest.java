package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Paths;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.Run;

/**
 * Debian's docker 20.10 CLI with BuildKit: {@code /session} (h2c, daemon as gRPC client) and {@code /build?version=2},
 * through a proxy in front of the Docker 20.10 daemon ({@code SC_TEST_DOCKER20_HOST}).
 */
class BuildKitThroughProxyTest {

    @Test
    void buildKitBuildThroughTheProxy() throws IOException {
        Path context = Paths.scratch("bk");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + DockerSocket.BASE_IMAGE
                + "\nCOPY data.txt /data.txt\nRUN wc -c /data.txt > /size.txt\n");
        Files.writeString(context.resolve("data.txt"), "x".repeat(100_000));
        try (ProxyProcess proxy = ProxyProcess.startInFrontOfDocker20()) {
            DockerCli buildkit = DockerCli.through(proxy).withBinary(Clients.docker20(), Map.of("DOCKER_BUILDKIT", "1"));
            String tag = buildkit.name("buildkit") + ":t";
            try {
                Run.Result build = buildkit.run("build", "--network=none", "--no-cache", "--progress=plain",
                        "-t", tag, context.toString()).ok();
                assertTrue(build.stderr().contains("naming to docker.io/library/" + tag), build.stderr());
                assertEquals("100000 /data.txt", DockerCli.direct20().run("run", "--rm", tag, "cat", "/size.txt").ok().out());
            } finally {
                DockerCli.direct20().run("rmi", "-f", tag);
            }
            String log = proxy.log();
            assertTrue(log.contains("/session -> 101"), "the BuildKit session went through the proxy:\n" + log);
            assertTrue(log.contains("/build -> 200"), log);
        }
    }
}
