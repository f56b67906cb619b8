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
    void classifyReadsTheTargetAsDockersRouterDoes() {
        String create = "/containers/create";
        for (String target : new String[] {"/v1.45/containers/create?name=x", "/containers/create",
                "/v1.45/containers/%63reate", "/v1.45/%63ontainers/create", "/v1.45/containers%2Fcreate",
                "/v1.45/containers/%63%72%65%61%74%65", "/%76%31.45/containers/create", "/v./containers/create",
                "/v1.45.9.9/containers/create", "/v1/containers/create", "http://docker/v1.45/containers/create",
                "http://docker:2375/containers/%63reate?name=x", "HTTP://x/containers/create"}) {
            assertEquals(create, DockerApiPath.classify(target), target);
        }
        assertEquals("/build", DockerApiPath.classify("/v1.41/b%75ild?t=x"));
        assertEquals("/commit", DockerApiPath.classify("/v1.41/%63ommit?container=c"));
        assertEquals("/grpc", DockerApiPath.classify("/v1.45/%67rpc"));
    }

    @Test
    void classifyGivesNoRouteWhereDockerAnswersBeforeAnyHandler() {
        for (String target : new String[] {"/v1.45//containers/create", "/v1.45/./containers/create",
                "/v1.45/containers/../containers/create", "/v1.45/containers/%2E%2E/containers/create",
                "/v1.45/containers/cre%ate", "/v1.45/containers/create%", "*", "docker/containers/create"}) {
            assertEquals(DockerApiPath.NO_ROUTE, DockerApiPath.classify(target), target);
        }
        assertEquals("/containers/create/", DockerApiPath.classify("/containers/create/"), "a trailing slash is another route");
        assertEquals("/v/containers/create", DockerApiPath.classify("/v/containers/create"), "no version digits: no prefix");
    }

    @Test
    void hijacksAreRecognisedInAnySpelling() {
        assertTrue(DockerApiPath.mayHijack("/v1.41/containers/abc/%61ttach?stream=1", false));
        assertTrue(DockerApiPath.mayHijack("/v1.41/exec/abc/st%61rt", false));
    }

    @Test
    void anAbsoluteFormWithoutAuthorityIsRoutedByItsPathAsGoReadsIt() {
        for (String target : new String[] {"http:/v1.41/containers/create", "docker:/v1.41/containers/%63reate",
                "a+b.c-d:/containers/create", "HTTP:/containers/create?name=x", "x://host/v1.45/containers/create",
                "http:///v1.45/containers/create"}) {
            assertEquals("/containers/create", DockerApiPath.classify(target), target);
        }
        for (String target : new String[] {"1http:/containers/create", ":/containers/create", "http:containers/create",
                "ht_tp:/containers/create", "http://host"}) {
            assertEquals(DockerApiPath.NO_ROUTE, DockerApiPath.classify(target), target);
        }
    }

    @Test
    void aTargetIsLoggedByItsPathAloneNeverItsAuthorityOrQuery() {
        assertEquals("/v1.45/commit", DockerApiPath.forLog("http://user:PASSWORD@docker/v1.45/commit?changes=ENV%20A%3Db"));
        assertEquals("/v1.45/commit", DockerApiPath.forLog("/v1.45/commit?container=x"));
        assertEquals("(a request target that cannot be read)", DockerApiPath.forLog("user:PASSWORD@host"));
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
