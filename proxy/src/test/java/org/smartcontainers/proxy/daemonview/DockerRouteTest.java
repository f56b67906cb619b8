package org.smartcontainers.proxy.daemonview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The router oracle against what Docker 26 answered to these request lines (sent raw to its socket
 * with a body of {@code []}: the create handler's "cannot unmarshal array" shows it ran).
 */
class DockerRouteTest {
    private static Optional<DockerRoute> route(String line) {
        return GoRequestLine.parse(line).flatMap(DockerRoute::of);
    }

    @Test
    void spellingsTheCreateHandlerRan() {
        for (String target : new String[] {"/v1.45/containers/create", "/v1.45/containers/%63reate",
            "/v1.45/containers%2Fcreate", "http:///containers/create", "http:/v1.45/containers/create",
            "x:/v1.45/containers/create", "/v./containers/create"}) {
            assertEquals(Optional.of(DockerRoute.CREATE), route("POST " + target + " HTTP/1.1"), target);
        }
    }

    @Test
    void spellingsNoHandlerRan() {
        // 404 page not found, 301 to the clean path, 400 from net/http: in that order
        for (String target : new String[] {"/v1.45/containers/create/", "/containers/create#x",
            "/v1.45//containers/create", "http://%zz/containers/create"}) {
            assertEquals(Optional.empty(), route("POST " + target + " HTTP/1.1"), target);
        }
        assertEquals(Optional.empty(), route("post /containers/create HTTP/1.1"), "methods match exactly");
        assertEquals(Optional.empty(), route("POST  /containers/create HTTP/1.1"), "one space, no more");
        assertEquals(Optional.empty(), route("POST /containers/create HTTP/2.0"));
    }

    @Test
    void pathsAreCleanedAsGoDoes() {
        assertEquals("/a/c", GoPath.clean("/a/b/../c"));
        assertEquals("/", GoPath.clean("/../.."));
        assertEquals("/a/b/", GoPath.muxClean("/a/./b/"));
        assertEquals("/", GoPath.muxClean(""));
    }

    @Test
    void queriesAreReadAsGoDoes() {
        GoUrl.Query query = GoUrl.parseQuery("a=1;b=2&changes=LABEL+x%3Dy&bad=%zz&&c");
        assertEquals(List.of("LABEL x=y"), query.values("changes"));
        assertEquals(List.of(""), query.values("c"));
        assertEquals(List.of(), query.values("a"), "a pair with ; is dropped");
        assertTrue(query.failed());
    }
}
