package org.smartcontainers.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(DockerApiPath.mayHijack("/v1.41/containers/abc/attach?stream=1&stdin=1", false));
        assertTrue(DockerApiPath.mayHijack("/exec/abc/start", false));
        assertFalse(DockerApiPath.mayHijack("/v1.41/containers/abc/attach/ws", false), "ws needs its Upgrade header");
        assertFalse(DockerApiPath.mayHijack("/v1.41/containers/abc/start", false));
        assertTrue(DockerApiPath.mayHijack("/session", true));
    }

    @Test
    void imageChangingCallsAreRecognised() {
        assertTrue(DockerApiPath.changesImages("POST", "/v1.41/images/busybox/tag?repo=x"));
        assertTrue(DockerApiPath.changesImages("DELETE", "/images/busybox"));
        assertTrue(DockerApiPath.changesImages("POST", "/build?t=x"));
        assertTrue(DockerApiPath.changesImages("POST", "/v1.47/commit?container=c"));
        assertTrue(DockerApiPath.changesImages("PUT", "/sc/v1/images/x/label?commit=true"));
        assertFalse(DockerApiPath.changesImages("GET", "/images/busybox/json"));
        assertFalse(DockerApiPath.changesImages("HEAD", "/images/busybox/json"));
        assertFalse(DockerApiPath.changesImages("POST", "/containers/create"));
    }
}
