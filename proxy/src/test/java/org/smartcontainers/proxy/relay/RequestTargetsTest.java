package org.smartcontainers.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A request line's bytes from 0x80 reach the daemon as themselves: escaped, never re-encoded as UTF-8. */
class RequestTargetsTest {
    @AfterEach
    void releaseWhatNoTestRead() {
        EmbeddedRelay.releaseEveryOne();
    }


    @Test
    void highBytesAreEscapedAndTheRestKept() {
        assertEquals("/v1.45/build?t=%FF%C3x%20y", RequestTargets.withBytesEscaped("/v1.45/build?t=\u00ff\u00c3x%20y"));
        String ascii = "/v1.45/containers/create?name=x";
        assertSame(ascii, RequestTargets.withBytesEscaped(ascii));
    }

    @Test
    void throughTheRelayTheDaemonGetsTheSameBytesEscaped() {
        EmbeddedRelay relay = new EmbeddedRelay(org.smartcontainers.proxy.intercept.Interceptors.NONE);
        relay.clientSends("GET /v1.45/images/\u00ff\u00e9/json HTTP/1.1\r\nHost: docker\r\n\r\n");
        assertEquals("GET /v1.45/images/%FF%E9/json HTTP/1.1\r\nHost: docker\r\n\r\n", relay.daemonReceived());
    }
}
