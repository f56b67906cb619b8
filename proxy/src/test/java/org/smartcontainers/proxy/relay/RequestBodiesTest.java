package org.smartcontainers.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartcontainers.proxy.intercept.Interceptors;

/** Bodies the proxy needs whole are held up to a limit; beyond it the request gets 413 and the connection goes on. */
class RequestBodiesTest {
    private static final String PING = "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n";

    @Test
    void anApiRequestIsHeldUntilItsLastByte() {
        FakeLocalAnswers api = new FakeLocalAnswers();
        EmbeddedRelay relay = new EmbeddedRelay(new Interceptors(null, api));
        relay.clientSends("PUT /sc/v1/config HTTP/1.1\r\nHost: docker\r\nContent-Length: 10\r\n\r\n01234");
        assertTrue(api.asked.isEmpty());
        relay.clientSends("56789");
        assertEquals(List.of("PUT /sc/v1/config 0123456789"), api.asked);
    }

    @Test
    void aChunkedApiBodyIsHeldWholeToo() {
        FakeLocalAnswers api = new FakeLocalAnswers();
        EmbeddedRelay relay = new EmbeddedRelay(new Interceptors(null, api));
        relay.clientSends("PUT /sc/v1/config HTTP/1.1\r\nHost: docker\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n");
        assertEquals(List.of("PUT /sc/v1/config 0123456789"), api.asked);
    }

    @Test
    void anApiBodyOverItsLimitGets413TheRestIsDroppedAndTheConnectionGoesOn() {
        FakeLocalAnswers api = new FakeLocalAnswers(4);
        EmbeddedRelay relay = new EmbeddedRelay(new Interceptors(null, api));
        relay.clientSends("PUT /sc/v1/config HTTP/1.1\r\nHost: docker\r\nContent-Length: 10\r\n\r\n01234");
        String answer = relay.clientReceived();
        assertTrue(answer.startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"), answer);
        assertTrue(answer.endsWith("{\"message\":\"request body too large for the SmartContainers proxy to read"
                + " (over 4 bytes)\"}"), answer);
        relay.clientSends("56789");
        assertTrue(api.asked.isEmpty());
        assertTrue(relay.daemons.isEmpty(), "the rest of the body went nowhere");

        relay.clientSends(PING);
        assertEquals(PING, relay.daemonReceived());
    }
}
