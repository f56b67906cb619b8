package org.smartcontainers.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading blobs where no daemon here can be asked: a Docker 29 that serves gRPC only natively on its socket, and a
 * daemon that accepts and never answers. (Docker 26's {@code POST /grpc} path is read from the real daemon by the
 * integration tests of the containerd store.)
 */
class BuildKitContentTest {
    private Path dir;
    private Path socket;

    @BeforeEach
    void socket() throws IOException {
        dir = Files.createTempDirectory("sc-content");
        socket = dir.resolve("docker.sock");
    }

    @AfterEach
    void clean() throws IOException {
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }

    private static String digest(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aDaemonWithoutGrpcUpgradeIsReadOverNativeHttp2AndThatIsRemembered() throws Exception {
        try (FakeNativeContentDaemon daemon = new FakeNativeContentDaemon(socket)) {
            byte[] large = new byte[200_000]; // more than HTTP/2's initial window of 64 KiB, in several gRPC messages
            new Random(7).nextBytes(large);
            String largeDigest = digest(large);
            daemon.blobs.put(largeDigest, large);
            byte[] manifest = "{\"config\":{\"digest\":\"sha256:abc\"}}".getBytes();
            daemon.blobs.put(digest(manifest), manifest);
            BuildKitContent content = new BuildKitContent(socket);

            assertArrayEquals(large, content.read(largeDigest).orElseThrow(), "the whole blob, in order");
            assertEquals(1, daemon.http1Requests.get(), "POST /grpc was tried once, refused");
            assertEquals("sha256:abc", content.json(digest(manifest)).path("config").path("digest").asText());
            assertEquals(Optional.empty(), content.read("sha256:" + "0".repeat(64)), "NOT_FOUND: no such blob");
            assertEquals(1, daemon.http1Requests.get(), "once refused, the upgrade is not asked again");
            assertEquals(3, daemon.grpcCalls.get());
        }
    }

    @Test
    void aDaemonThatNeverAnswersEndsTheReadWithAnError() throws Exception {
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket));
            BuildKitContent content = new BuildKitContent(socket, Duration.ofMillis(300));
            Thread acceptor = new Thread(() -> {
                try (SocketChannel accepted = silent.accept()) {
                    accepted.read(java.nio.ByteBuffer.allocate(1 << 16)); // reads the request, answers nothing
                    Thread.sleep(60_000);
                } catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });
            acceptor.start();
            try {
                IOException e = assertThrows(IOException.class, () -> content.read("sha256:" + "1".repeat(64)));
                assertTrue(e.getMessage().contains("did not answer within 300 ms"), e.getMessage());
                DockerException asDocker = assertThrows(DockerException.class, () -> new BuildKitContent(socket, Duration.ofMillis(1))
                        .json("sha256:" + "2".repeat(64)));
                assertTrue(asDocker.getMessage().contains("cannot read"), asDocker.getMessage());
            } finally {
                acceptor.interrupt();
            }
        }
    }
}
