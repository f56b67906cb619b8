package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerDaemon;
import org.smartcontainers.tests.support.DockerRequests;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.Leftovers;
import org.smartcontainers.tests.support.ProxiesInFront;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.RecordedCalls;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.tests.support.SmartLabel;
import org.smartcontainers.testsupport.RawHttp;

/**
 * Issue 13, fault 8: over HTTP/1.0 or with {@code Connection: close}, the daemon ends its answer by
 * closing the connection; a recorded create or commit got its head and no body, a build a truncated
 * stream. Against Docker 26 and 20.10, in both modes: recorded creates, commits and builds arrive whole,
 * recorded and labelled; an HTTP/1.0 client asking for keep-alive goes on; and a build the daemon answers
 * before reading its context, closing, gets the daemon's answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordedAnswersEndingWithACloseTest {
    private static final List<String> MODES = List.of("HTTP/1.0", "HTTP/1.1\r\nConnection: close");
    private final ProxiesInFront proxies = new ProxiesInFront();
    private final Leftovers leftovers = new Leftovers();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @AfterAll
    void stop() {
        leftovers.close();
        proxies.close();
    }

    private static String request(String target, String mode, String contentType, byte[] body) {
        return "POST " + target + " " + mode + "\r\nHost: docker\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.length + "\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1);
    }

    private static String request(String target, String mode, String body) {
        return request(target, mode, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** HTTP/1.0 and Connection: close answers end with the daemon's close: a recorded one still arrives whole. */
    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void aRecordedCreateOverHttp10OrConnectionCloseArrivesWhole(DockerDaemon daemon) {
        ProxyProcess proxy = proxies.of(daemon);
        String body = "{" + DockerRequests.IMAGE_AND_COMMAND + "}";
        for (String mode : MODES) {
            String answer = RawHttp.exchangeUntilClose(proxy.socket(), request("/v1.41/containers/create", mode, body));
            assertTrue(answer.contains(" 201 ") && answer.contains("\"Id\""), mode + ": " + answer);
            String id = answer.substring(answer.indexOf("\"Id\":\"") + 6, answer.indexOf("\"Id\":\"") + 70);
            leftovers.container(daemon, id);
            assertTrue(ScApi.of(proxy).ask("ASK { ?a <" + Vocab.PROV_NS + "generated> <" + Vocab.containerIri(id) + "> }"),
                    mode + ": recorded");
            SmartLabel.assertOurs(SmartLabel.ofContainer(daemon.direct(), id), Vocab.Docker.Create, mode);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void aRecordedCommitOverHttp10OrConnectionCloseArrivesWhole(DockerDaemon daemon) {
        ProxyProcess proxy = proxies.of(daemon);
        DockerCli direct = daemon.direct();
        String container = leftovers.container(daemon, direct.run("create", DockerSocket.BASE_IMAGE, "true").ok().out());
        for (int i = 0; i < MODES.size(); i++) {
            String tag = leftovers.image(daemon, "sc-it-close-commit-" + run + ":" + i);
            String answer = RawHttp.exchangeUntilClose(proxy.socket(), request("/v1.41/commit?container=" + container
                    + "&repo=sc-it-close-commit-" + run + "&tag=" + i, MODES.get(i), "{\"Labels\":{\"smartcontainer\":\"forged\"}}"));
            assertTrue(answer.contains(" 201 ") && answer.contains("\"Id\":\"sha256:"), MODES.get(i) + ": " + answer);
            String id = answer.substring(answer.indexOf("\"Id\":\"") + 6, answer.indexOf("\"Id\":\"") + 77);
            assertTrue(RecordedCalls.of(proxy).generated(Vocab.Docker.Commit, Vocab.imageIri(id)), MODES.get(i) + ": recorded");
            SmartLabel.assertOurs(SmartLabel.ofImage(direct, tag), Vocab.Docker.Commit, "forged", MODES.get(i));
        }
    }

    /** A build's progress stream ends with the close (HTTP/1.0) or its last chunk: all of it arrives. */
    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void aRecordedBuildOverHttp10OrConnectionCloseStreamsToItsEnd(DockerDaemon daemon) {
        ProxyProcess proxy = proxies.of(daemon);
        DockerCli direct = daemon.direct();
        for (int i = 0; i < MODES.size(); i++) {
            String tag = leftovers.image(daemon, "sc-it-close-build-" + run + ":" + i);
            byte[] context = DockerRequests.context("FROM " + DockerSocket.BASE_IMAGE + "\nLABEL mode=" + i + "\n");
            String answer = RawHttp.exchangeUntilClose(proxy.socket(), request(daemon.prefix() + "/build?t=" + tag
                    + "&labels=%7B%22smartcontainer%22%3A%22forged%22%7D", MODES.get(i), "application/x-tar", context));
            assertTrue(answer.startsWith(i == 0 ? "HTTP/1.0 200 " : "HTTP/1.1 200 "), MODES.get(i) + ": " + answer);
            assertTrue(answer.contains("Successfully tagged " + tag), MODES.get(i) + ": the stream to its end: " + answer);
            if (i == 1) {
                assertTrue(answer.endsWith("\r\n0\r\n\r\n"), "the last chunk: " + answer);
            }
            String image = direct.run("image", "inspect", "-f", "{{.Id}}", tag).ok().out();
            assertTrue(RecordedCalls.of(proxy).generated(Vocab.Docker.Build, Vocab.imageIri(image)), MODES.get(i) + ": recorded");
            SmartLabel.assertOurs(SmartLabel.ofImage(direct, tag), Vocab.Docker.BuildPlan, "forged", MODES.get(i));
        }
    }

    /** HTTP/1.0 with Connection: keep-alive keeps the connection, as the daemon does: the next request is answered. */
    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void anHttp10ClientKeepingAliveGoesOnAfterARecordedCreate(DockerDaemon daemon) {
        ProxyProcess proxy = proxies.of(daemon);
        String body = "{" + DockerRequests.IMAGE_AND_COMMAND + "}";
        try (RawHttp http = new RawHttp(proxy.socket())) {
            RawHttp.Response created = http.send(request("/v1.41/containers/create", "HTTP/1.0\r\nConnection: keep-alive", body)).read();
            assertEquals(201, created.status(), created.toString());
            String id = leftovers.container(daemon, ScApi.parse(created).path("Id").asText());
            assertTrue(RecordedCalls.of(proxy).generated(Vocab.Docker.Create, Vocab.containerIri(id)), "recorded");
            RawHttp.Response ping = http.send("GET /_ping HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertEquals(200, ping.status(), ping.toString());
            assertEquals("OK", ping.body());
        }
    }

    /**
     * The daemon answers some builds before reading their context (a tag it refuses, a path its router
     * redirects) and then closes: with the context still unread, the close resets the connection. A
     * client straight to the daemon reads the answer; through the proxy, every time, so does it.
     */
    @ParameterizedTest
    @EnumSource(value = DockerDaemon.class, names = DockerDaemon.CONTAINERD, mode = EnumSource.Mode.EXCLUDE)
    void aBuildTheDaemonAnswersBeforeReadingItsContextGetsThatAnswer(DockerDaemon daemon) {
        ProxyProcess proxy = proxies.of(daemon);
        // Large enough to be unread when the daemon answers, small enough for the socket's buffer: every write completes.
        byte[] context = DockerRequests.tar(Map.of("Dockerfile", "FROM " + DockerSocket.BASE_IMAGE + "\n",
                "padding", "x".repeat(64 * 1024)));
        List<Executable> tries = new ArrayList<>();
        for (String target : List.of(daemon.prefix() + "/build?t=BAD::tag", "//build")) {
            for (String mode : MODES) {
                String request = request(target, mode, "application/x-tar", context);
                int expected = DockerRequests.exchange(daemon.socket(), request).status();
                IntStream.range(0, 20).forEach(i -> tries.add(() -> assertEquals(expected,
                        DockerRequests.exchange(proxy.socket(), request).status(), target + " " + mode.replace("\r\n", " ")
                        + ", try " + i + ": the daemon's answer")));
            }
        }
        assertAll(daemon + ": builds answered early", tries);
    }
}
