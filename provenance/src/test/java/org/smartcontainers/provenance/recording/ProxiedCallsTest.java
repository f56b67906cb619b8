package org.smartcontainers.provenance.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProxiedCallsTest {
    private static final String ID = "a3d80f7826f26984c17f5e5f2832557bca2a3f0804f61ec0845b70d7602a9b14";
    private static final Caller ADA = new Caller(1000);
    private static final Caller BOB = new Caller(1001);

    @Test
    void aStartIsMatchedToItsEventByNameOrIdPrefixOnce() {
        ProxiedCalls calls = new ProxiedCalls();
        calls.observe("POST", "/v1.45/containers/web/start", ADA);
        calls.observe("POST", "/containers/a3d80f78/start", BOB);
        Instant now = Instant.now();
        assertEquals(ADA, calls.take("start", ID, now, "web"));
        assertEquals(BOB, calls.take("start", ID, now, "other"), "by a prefix of its ID");
        assertNull(calls.take("start", ID, now, "web"), "each call makes one start");
    }

    @Test
    void routesAreReadAsDockersRouterReadsThem() {
        ProxiedCalls calls = new ProxiedCalls();
        calls.observe("POST", "/v1.45/containers/web/%73top", ADA);
        calls.observe("DELETE", "/containers/web?force=1", BOB);
        calls.observe("POST", "/exec/" + ID + "/start", ADA);
        calls.observe("GET", "/containers/web/json", BOB);
        calls.observe("POST", "/containers//web/start", BOB); // a redirect: Docker runs nothing
        Instant now = Instant.now();
        assertEquals(ADA, calls.take("stop", ID, now, "web"));
        assertEquals(ADA, calls.take("kill", ID, now, "web"), "a stop kills first");
        assertEquals(BOB, calls.take("destroy", ID, now, "/web"));
        assertEquals(ADA, calls.take("exec_start", ID, now));
        assertNull(calls.take("start", ID, now, "web"));
    }

    @Test
    void aRenameIsFoundByItsOldName() {
        ProxiedCalls calls = new ProxiedCalls();
        calls.observe("POST", "/containers/old/rename?name=new", ADA);
        assertEquals(ADA, calls.take("rename", ID, Instant.now(), "new", "/old"));
    }

    @Test
    void aCallNotMatchedWithinTheWindowIsNotTheEventsCaller() {
        ProxiedCalls calls = new ProxiedCalls();
        calls.observe("POST", "/containers/web/start", ADA);
        assertNull(calls.take("start", ID, Instant.now().plus(ProxiedCalls.MATCH_WINDOW).plusSeconds(5), "web"));
        assertNull(calls.take("start", ID, Instant.now(), "web"), "and it is dropped");
    }

    /** An import's event names nothing the request sent: a refused import's note must not be the next import's. */
    @Test
    void aCallDockerRefusedLeavesNoNoteForTheNextEvent() {
        ProxiedCalls calls = new ProxiedCalls();
        calls.observe("POST", "/v1.45/images/create?fromSrc=http://host/missing.tar&repo=x", BOB);
        calls.refused("POST", "/v1.45/images/create?fromSrc=http://host/missing.tar&repo=x", BOB);
        calls.observe("POST", "/v1.45/images/create?fromSrc=http://host/r.tar", ADA);
        ProxiedCalls.Taken taken = calls.takeImage("import", Instant.now(), ID, java.util.List.of());
        assertEquals(ADA, taken.caller());
        assertEquals("http://host/r.tar", taken.facts().get(ProxiedCalls.SOURCE));
        assertNull(calls.takeImage("tag", Instant.now(), ID, java.util.List.of("x:latest")), "its tag's note went too");
        calls.observe("POST", "/containers/web/start", ADA);
        calls.observe("POST", "/containers/web/start", BOB);
        calls.refused("POST", "/containers/web/start", BOB);
        assertEquals(ADA, calls.take("start", ID, Instant.now(), "web"), "only the refused call's own note goes");
        assertNull(calls.take("start", ID, Instant.now(), "web"));
    }
}
