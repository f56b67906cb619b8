package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.ProvenanceLabel;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.testsupport.RawHttp;

/**
 * An attacker's ways around the interception: spellings of the request target, bodies Go reads one
 * way and a stricter reader another, a commit's own changes. Every one the Docker daemon takes as a
 * create or commit is recorded and labelled through the proxy, whatever label the client sent; every
 * one it refuses is refused through the proxy too. What the daemon does, asked directly, is the reference.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterceptionBypassTest {
    private ProxyProcess proxy;
    private final List<String> made = new ArrayList<>();

    @BeforeAll
    void start() {
        proxy = ProxyProcess.start();
    }

    @AfterAll
    void stop() {
        DockerCli direct = DockerCli.direct();
        made.forEach(id -> direct.run("rm", "-f", id));
        proxy.close();
    }

    private String id(RawHttp.Response response) {
        JsonNode answer = ScApi.parse(response);
        String id = answer.path("Id").asText();
        made.add(id);
        return id;
    }

    /** A recorded create with Expect: 100-continue is told to send its body at once, as the daemon tells it. */
    @Test
    void aRecordedCreateExpectingContinueIsToldToGoOn() throws Exception {
        String body = "{\"Image\":\"" + DockerSocket.BASE_IMAGE + "\",\"Cmd\":[\"true\"]}";
        String name = "sc-it-expect-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        try (java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(proxy.socket()))) {
            channel.write(java.nio.ByteBuffer.wrap(("POST /v1.41/containers/create?name=" + name + " HTTP/1.1\r\nHost: docker\r\n"
                    + "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " + body.length()
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
            // The interim answer comes before any body is sent.
            String got = readUntil(channel, "\r\n\r\n");
            assertTrue(got.startsWith("HTTP/1.1 100 Continue"), "no 100 Continue before the body: " + got);
            java.nio.ByteBuffer rest = java.nio.ByteBuffer.wrap(body.getBytes(StandardCharsets.ISO_8859_1));
            while (rest.hasRemaining()) {
                channel.write(rest);
            }
            String created = readUntil(channel, "\"Id\"");
            assertTrue(created.startsWith("HTTP/1.1 201"), created);
        } finally {
            DockerCli.direct().run("rm", "-f", name);
        }
    }

    /** HTTP/1.0 and Connection: close answers end with the daemon's close: a recorded one still arrives whole. */
    @Test
    void aRecordedCreateOverHttp10OrConnectionCloseArrivesWhole() {
        String body = "{\"Image\":\"" + DockerSocket.BASE_IMAGE + "\",\"Cmd\":[\"true\"]}";
        for (String mode : List.of("HTTP/1.0", "HTTP/1.1\r\nConnection: close")) {
            String answer = RawHttp.exchangeUntilClose(proxy.socket(), "POST /v1.41/containers/create " + mode
                    + "\r\nHost: docker\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            assertTrue(answer.contains(" 201 ") && answer.contains("\"Id\""), mode + ": " + answer);
            String id = answer.substring(answer.indexOf("\"Id\":\"") + 6, answer.indexOf("\"Id\":\"") + 70);
            made.add(id);
            assertTrue(ScApi.of(proxy).ask("ASK { ?a <" + Vocab.PROV_NS + "generated> <" + Vocab.containerIri(id) + "> }"),
                    mode + ": recorded");
        }
    }

    /** A request pipelined behind a recorded create gets its own answer, after the create's, every time. */
    @Test
    void aPingPipelinedBehindARecordedCreateIsAnswered() {
        String body = "{\"Image\":\"" + DockerSocket.BASE_IMAGE + "\",\"Cmd\":[\"true\"]}";
        for (int i = 0; i < 20; i++) {
            try (RawHttp http = new RawHttp(proxy.socket())) {
                http.send("POST /v1.41/containers/create HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body + "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
                RawHttp.Response created = http.read();
                assertEquals(201, created.status(), "try " + i + ": " + created);
                made.add(ScApi.parse(created).path("Id").asText());
                RawHttp.Response ping = http.read();
                assertEquals(200, ping.status(), "try " + i + ": " + ping);
                assertEquals("OK", ping.body(), "try " + i);
            }
        }
    }

    /**
     * What the channel gives until {@code marker} appears, it closes, or 10 s pass with nothing new
     * (a guard against a hang, so a missing answer fails the test rather than stalling it).
     */
    private static String readUntil(java.nio.channels.SocketChannel channel, String marker) throws IOException {
        if (channel.isBlocking()) {
            channel.configureBlocking(false);
        }
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(4096);
        try (java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
            channel.register(selector, java.nio.channels.SelectionKey.OP_READ);
            while (!got.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
                if (selector.select(10_000) == 0) {
                    break;
                }
                selector.selectedKeys().clear();
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    break;
                }
                got.write(buffer.array(), 0, n);
            }
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }
}
