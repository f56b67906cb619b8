package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.ProxyProcess;
import org.smartcontainers.tests.support.ScApi;
import org.smartcontainers.testsupport.RawHttp;

/**
 * Fail closed: a create, commit or build the proxy cannot read as the daemon reads it is refused by
 * the proxy itself, with a Docker-shaped 400 saying why; nothing reaches the daemon, nothing is
 * made or recorded, no value sent is logged, and the connection goes on (a build's ends after the
 * answer: its body cannot be told apart from what follows).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreadableRequestsTest {
    private static final String REFUSED_HERE = "(refused by the SmartContainers proxy, which records this call)";
    private static final String SECRET = "s3cr3t-" + UUID.randomUUID();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private ProxyProcess proxy;

    @BeforeAll
    void start() {
        proxy = ProxyProcess.start();
    }

    @AfterAll
    void stop() {
        proxy.close();
    }

    private static String post(String target, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + target + " HTTP/1.1\r\nHost: docker\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + bytes.length + "\r\n\r\n" + new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static RawHttp.Response send(Path socket, String request) {
        try (RawHttp http = new RawHttp(socket)) {
            return http.send(request).read();
        }
    }

    /** Refused by the proxy in Docker's shape; the next request on the same connection is served. */
    private void refusedHereAndTheConnectionGoesOn(String request, String why) {
        try (RawHttp http = new RawHttp(proxy.socket())) {
            RawHttp.Response answer = http.send(request).read();
            assertEquals(400, answer.status(), why + ": " + answer);
            assertEquals("application/json", answer.header("Content-Type"), why);
            assertTrue(answer.body().startsWith("{\"message\":\"") && answer.body().contains(REFUSED_HERE), why + ": " + answer.body());
            assertFalse(answer.body().contains(SECRET), why + ": no value sent is quoted");
            assertEquals(200, http.get("/_ping").status(), why + ": the connection goes on");
        }
        assertFalse(proxy.log().contains(SECRET), why + ": no value sent reaches the log");
    }

    private void nothingMadeOrRecorded(String name) {
        assertNotEquals(0, DockerCli.direct().run("inspect", name).exitCode(), name + " was not made");
        assertFalse(ScApi.of(proxy).ask("ASK { ?s ?p ?o FILTER(CONTAINS(STR(?o), \"" + name + "\")) }"),
                name + " was not recorded");
    }

    @Test
    void createBodiesThatCannotBeReadAreRefusedByTheProxy() {
        String image = "\"Image\":\"" + DockerSocket.BASE_IMAGE + "\",\"Env\":[\"TOKEN=" + SECRET + "\"]";
        List<String> bodies = List.of(
                "{" + image + ",",                                              // cut off
                "{" + image + ",\"Cmd\":[\"true\"] " + SECRET + "}",            // a bare token
                "[{" + image + "}]",                                            // not an object
                "{" + image + ",\"Labels\":\"smartcontainer=forged\"}",         // Labels not an object
                "{" + image + ",\"Cmd\":" + "[".repeat(10_001) + "]".repeat(10_001) + "}"); // deeper than Go reads
        for (int i = 0; i < bodies.size(); i++) {
            String name = "sc-it-unreadable-" + run + "-" + i;
            String request = post("/v1.45/containers/create?name=" + name, "application/json", bodies.get(i));
            refusedHereAndTheConnectionGoesOn(request, "body " + i);
            assertTrue(send(DockerSocket.path(), request).status() >= 400, "body " + i + ": the daemon refuses it too");
            nothingMadeOrRecorded(name);
        }
    }

    @Test
    void queriesGoCannotParseAreRefusedByTheProxyAsByTheDaemon() {
        String body = "{\"Image\":\"" + DockerSocket.BASE_IMAGE + "\",\"Cmd\":[\"true\"]}";
        List<String> queries = List.of("name=sc-it-q-" + run + "-0;labels=x", "name=sc-it-q-" + run + "-1&x=%zz",
                "name=sc-it-q-" + run + "-2&x=%4");
        for (int i = 0; i < queries.size(); i++) {
            String request = post("/v1.45/containers/create?" + queries.get(i), "application/json", body);
            refusedHereAndTheConnectionGoesOn(request, queries.get(i));
            assertEquals(400, send(DockerSocket.path(), request).status(), queries.get(i) + ": the daemon refuses it too");
            nothingMadeOrRecorded("sc-it-q-" + run + "-" + i);
        }
    }

    @Test
    void aCommitBodyThatCannotBeReadIsRefusedByTheProxy() {
        DockerCli direct = DockerCli.direct();
        String container = direct.run("create", DockerSocket.BASE_IMAGE, "true").ok().out();
        try {
            String repo = "sc-it-unreadable-commit-" + run;
            refusedHereAndTheConnectionGoesOn(post("/v1.45/commit?container=" + container + "&repo=" + repo,
                    "application/json", "{\"Env\":[\"TOKEN=" + SECRET + "\"],\"Labels\":"), "commit");
            nothingMadeOrRecorded(repo);
        } finally {
            direct.run("rm", "-f", container);
        }
    }

    /** A build's body streams: after the refusal, the connection ends (the rest of the body is dropped). */
    private void buildRefusedHere(String target, String contentType, String why) {
        String context = "FROM " + DockerSocket.BASE_IMAGE + "\n";
        try (RawHttp http = new RawHttp(proxy.socket())) {
            RawHttp.Response answer = http.send(post(target, contentType, context)).read();
            assertEquals(400, answer.status(), why + ": " + answer);
            assertTrue(answer.body().contains(REFUSED_HERE), why + ": " + answer.body());
            assertEquals("close", answer.header("Connection"), why);
            assertTrue(http.closedByPeer(), why + ": the connection ends after a refused build");
        }
    }

    @Test
    void buildsThatCannotBeLabelledAsTheDaemonReadsThemAreRefusedByTheProxy() {
        String tag = "sc-it-unreadable-build-" + run;
        // Go's ParseForm reads a form body before the query: its labels would win over ours.
        buildRefusedHere("/v1.45/build?t=" + tag + "&remote=x", "application/x-www-form-urlencoded",
                "a form body");
        buildRefusedHere("/v1.45/build?t=" + tag + "&remote=x", "Application/X-WWW-Form-URLEncoded; charset=utf-8",
                "a form body, spelled otherwise");
        buildRefusedHere("/v1.45/build?t=" + tag + "&labels=%5B%5D", "application/x-tar", "labels not an object");
        buildRefusedHere("/v1.45/build?t=" + tag + "&labels=%7B%22a%22", "application/x-tar", "labels cut off");
        buildRefusedHere("/v1.45/build?t=" + tag + "&labels=%7B%7D%20x", "application/x-tar", "labels with more after");
        nothingMadeOrRecorded(tag);
        assertTrue(proxy.isAlive());
    }
}
