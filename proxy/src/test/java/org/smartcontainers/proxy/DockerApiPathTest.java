package org.smartcontainers.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class DockerApiPathTest {
    @Test
    void routeStripsVersionAndQuery() {
        assertEquals("/containers/create", DockerApiPath.route("/v1.41/containers/create?name=x"));
        assertEquals("/containers/create", DockerApiPath.route("/containers/create"));
        assertEquals("/_ping", DockerApiPath.route("/v1.55/_ping"));
        assertEquals("/version", DockerApiPath.route("/v1/version"));
        assertEquals("/v1.41", DockerApiPath.route("/v1.41"), "a bare version is no prefix");
    }

    @Test
    void pathOnlyDropsTheQueryThatMayHoldSecrets() {
        assertEquals("/v1.41/build", DockerApiPath.pathOnly("/v1.41/build?buildargs=%7B%22PASSWORD%22%3A%22x%22%7D"));
    }

    @Test
    void hijackingCallsAreRecognised() {
        assertTrue(DockerApiPath.mayHijack(post("/v1.41/containers/abc/attach?stream=1&stdin=1")));
        assertTrue(DockerApiPath.mayHijack(post("/exec/abc/start")));
        assertFalse(DockerApiPath.mayHijack(post("/v1.41/containers/abc/attach/ws")), "ws needs its Upgrade header");
        assertFalse(DockerApiPath.mayHijack(post("/v1.41/containers/abc/start")));
        HttpRequest session = post("/session");
        session.headers().set("Upgrade", "h2c");
        assertTrue(DockerApiPath.mayHijack(session));
    }

    private static HttpRequest post(String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
    }
}
