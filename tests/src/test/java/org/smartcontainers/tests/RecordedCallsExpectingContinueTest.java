package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.tests.support.DockerDaemon;
import org.smartcontainers.tests.support.DockerRequests;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Leftovers;
import org.smartcontainers.tests.support.ProxiesInFront;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.SmartLabel;

/**
 * Issue 13, fault 10: a recorded create with {@code Expect: 100-continue} waited for the client's own
 * timeout (1.25 s against 0.05 s direct) before its body was sent. Against Docker 26 and 20.10: a
 * recorded create, commit or build expecting to continue is told to go on before it sends its body, as
 * the daemon tells it, and then answered (and labelled); so is a create the proxy refuses as unreadable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordedCallsExpectingContinueTest {
    private final ProxiesInFront proxies = new ProxiesInFront();
    private final Leftovers leftovers = new Leftovers();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @AfterAll
    void stop() {
        leftovers.close();
        proxies.close();
    }

    /**
     * Sends the head expecting to continue, checks that the interim answer comes before any body is sent,
     * then sends the body and returns what follows, up to {@code marker}.
     */
    private static String expectingContinue(ProxyProcess proxy, String target, String contentType, byte[] body, String marker)
            throws IOException {
        try (SocketChannel channel = DockerRequests.connect(proxy.socket())) {
            DockerRequests.write(channel, "POST " + target + " HTTP/1.1\r\nHost: docker\r\nContent-Type: " + contentType
                    + "\r\nExpect: 100-continue\r\nContent-Length: " + body.length + "\r\n\r\n");
            // The interim answer comes before any body is sent.
            String got = DockerRequests.readUntil(channel, "\r\n\r\n");
            assertTrue(got.startsWith("HTTP/1.1 100 Continue"), target + ": no 100 Continue before the body: " + got);
            DockerRequests.write(channel, new String(body, StandardCharsets.ISO_8859_1));
            return DockerRequests.readUntil(channel, marker);
        }
    }

    /** A recorded create with Expect: 100-continue is told to send its body at once, as the daemon tells it. */
    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void aRecordedCreateExpectingContinueIsToldToGoOn(DockerDaemon daemon) throws Exception {
        String name = leftovers.container(daemon, "sc-it-expect-" + run);
        String body = "{" + DockerRequests.IMAGE_AND_COMMAND + ",\"Labels\":{\"smartcontainer\":\"forged\"}}";
        String created = expectingContinue(proxies.of(daemon), "/v1.41/containers/create?name=" + name, "application/json",
                body.getBytes(StandardCharsets.UTF_8), "\"Id\"");
        assertTrue(created.startsWith("HTTP/1.1 201"), created);
        SmartLabel.assertOurs(SmartLabel.ofContainer(daemon.direct(), name), Vocab.Docker.Create, "forged", "the create");
    }

    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void aRecordedCommitExpectingContinueIsToldToGoOn(DockerDaemon daemon) throws Exception {
        String container = leftovers.container(daemon, daemon.direct().run("create", DockerSocket.BASE_IMAGE, "true").ok().out());
        String tag = leftovers.image(daemon, "sc-it-expect-commit-" + run + ":t");
        String committed = expectingContinue(proxies.of(daemon), "/v1.41/commit?container=" + container + "&repo=sc-it-expect-commit-"
                + run + "&tag=t", "application/json", "{\"Labels\":{\"smartcontainer\":\"forged\"}}".getBytes(StandardCharsets.UTF_8), "\"Id\"");
        assertTrue(committed.startsWith("HTTP/1.1 201"), committed);
        SmartLabel.assertOurs(SmartLabel.ofImage(daemon.direct(), tag), Vocab.Docker.Commit, "forged", "the commit");
    }

    /** A build's context streams: the go-ahead comes before any of it, and the build runs to its end. */
    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void aRecordedBuildExpectingContinueIsToldToGoOn(DockerDaemon daemon) throws Exception {
        String tag = leftovers.image(daemon, "sc-it-expect-build-" + run + ":t");
        String built = expectingContinue(proxies.of(daemon), daemon.prefix() + "/build?t=" + tag
                + "&labels=%7B%22smartcontainer%22%3A%22forged%22%7D", "application/x-tar",
                DockerRequests.context("FROM " + DockerSocket.BASE_IMAGE + "\nLABEL expect=" + run + "\n"), "Successfully tagged");
        assertTrue(built.startsWith("HTTP/1.1 200"), built);
        assertTrue(built.contains("Successfully tagged " + tag), built);
        SmartLabel.assertOurs(SmartLabel.ofImage(daemon.direct(), tag), Vocab.Docker.BuildPlan, "forged", "the build");
    }

    /** The proxy reads the body before it can tell it cannot read it: the go-ahead, then its refusal in Docker's shape. */
    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void aCreateTheProxyRefusesIsToldToGoOnAndThenRefused(DockerDaemon daemon) throws Exception {
        String refused = expectingContinue(proxies.of(daemon), "/v1.41/containers/create", "application/json",
                ("{" + DockerRequests.IMAGE_AND_COMMAND + ",\"Labels\":\"smartcontainer=forged\"}").getBytes(StandardCharsets.UTF_8),
                "}");
        assertTrue(refused.startsWith("HTTP/1.1 400") && refused.contains("{\"message\":\""), refused);
    }
}
