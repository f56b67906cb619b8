package org.smartcontainers.provenance.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy's notes of image calls: who asked, and what the event will not say (never a credential). */
class ProxiedImageCallsTest {
    private static final String ID = "5381eadbe192a1c318ece480d993ab132cc2c856492861ec45ead45500395e96";
    private static final Caller ADA = new Caller(1000);
    private static final Caller BOB = new Caller(1001);

    @Test
    void aPullIsMatchedByItsReferenceWithThePlatformItAskedFor() {
        ProxiedCalls calls = new ProxiedCalls();
        calls.observe("POST", "/v1.45/images/create?fromImage=localhost%3A5000%2Fx&tag=1&platform=linux%2Famd64", ADA);
        calls.observe("POST", "/images/create?fromImage=busybox&tag=latest", BOB);
        Instant now = Instant.now();
        ProxiedCalls.Taken pull = calls.takeImage("pull", now, ID, List.of("localhost:5000/x:1", "localhost:5000/x"));
        assertEquals(ADA, pull.caller());
        assertEquals(Map.of(ProxiedCalls.PLATFORM, "linux/amd64"), pull.facts());
        assertEquals(BOB, calls.takeImage("pull", now, ID, List.of("busybox:latest", "busybox")).caller(),
                "docker.io/library/busybox is busybox");
        assertNull(calls.takeImage("pull", now, ID, List.of("busybox:latest")), "once");
    }

    @Test
    void anImportKeepsItsSourceWithoutCredentials() {
        ProxiedCalls calls = new ProxiedCalls();
        calls.observe("POST", "/images/create?fromSrc=" + "https%3A%2F%2Fada%3As3cret%40files.example%3A8443%2Fa%2Fb.tar%3Ftoken%3Dt0k%23frag"
                + "&repo=imp&tag=1", ADA);
        calls.observe("POST", "/images/create?fromSrc=-", BOB);
        Instant now = Instant.now();
        assertEquals(Map.of(ProxiedCalls.SOURCE, "https://files.example:8443/a/b.tar"),
                calls.takeImage("import", now, ID, List.of()).facts(), "no user, password, query or fragment");
        assertEquals(ADA, calls.takeImage("tag", now, ID, List.of("imp:1")).caller(), "its repo and tag: a tag event");
        assertEquals(Map.of(ProxiedCalls.SOURCE, "-"), calls.takeImage("import", now, ID, List.of()).facts(), "an upload");
        assertEquals("http://host/x.tar", ProxiedCalls.importSource("u:p@host/x.tar"), "no scheme: Docker's http://");
        assertNull(ProxiedCalls.importSource("not a url at all"));
    }

    @Test
    void tagPushRemovalAndLoadAreNoted() {
        ProxiedCalls calls = new ProxiedCalls();
        calls.observe("POST", "/v1.45/images/sc-busybox:latest/tag?repo=team%2Ftool&tag=2", ADA);
        calls.observe("POST", "/images/localhost:5000/x/push?tag=1", ADA);
        calls.observe("DELETE", "/images/team/tool:2", BOB);
        calls.observe("DELETE", "/images/5381eadbe192?force=1", ADA);
        calls.observe("POST", "/images/load?quiet=1", BOB);
        Instant now = Instant.now();
        assertEquals(ADA, calls.takeImage("tag", now, ID, List.of("team/tool:2")).caller());
        assertEquals(ADA, calls.takeImage("push", now, ID, List.of("localhost:5000/x:1", "localhost:5000/x")).caller());
        assertEquals(BOB, calls.takeImage("untag", now, ID, List.of("team/tool:2")).caller(), "by the name it took away");
        assertEquals(ADA, calls.takeImage("untag", now, ID, List.of()).caller(), "by a prefix of the image's ID");
        assertNotNull(calls.takeImage("load", now, ID, List.of()));
        assertEquals(BOB, calls.takeImage("load", now, "b".repeat(64), List.of()).caller(), "one load brings many images");
        assertNull(calls.takeImage("tag", now, ID, List.of("other:1")));
    }
}
