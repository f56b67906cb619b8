package org.smartcontainers.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.Test;

/** How each exchange ends: answered (the connection kept or closed), hijacked, or failed. */
class InFlightExchangesTest {
    private static final String PING = "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n";
    private static final String PONG = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK";

    private final EmbeddedRelay relay = new EmbeddedRelay();

    @Test
    void keepAliveExchangesFollowOneAnotherOnOneDaemonConnection() {
        for (int i = 0; i < 3; i++) {
            relay.clientSends(PING);
            assertEquals(PING, relay.daemonReceived());
            relay.daemonSends(PONG);
            assertEquals(PONG, relay.clientReceived());
        }
        assertEquals(1, relay.daemons.size());
        assertTrue(relay.client.isOpen());
    }

    @Test
    void aClientThatAsksToCloseIsClosedAfterItsAnswer() {
        relay.clientSends("GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
        relay.daemonSends(PONG);
        assertEquals(PONG, relay.clientReceived());
        assertFalse(relay.client.isOpen());
    }

    @Test
    void aDaemonThatAsksToCloseClosesTheClientAfterTheAnswer() {
        relay.clientSends(PING);
        String closing = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK";
        relay.daemonSends(closing);
        assertEquals(closing, relay.clientReceived());
        assertFalse(relay.client.isOpen());
    }

    @Test
    void aDaemonThatClosesBeforeAnsweringGets502AndTheClientGoesOn() {
        relay.clientSends(PING);
        relay.daemon().close();
        String answer = relay.clientReceived();
        assertTrue(answer.startsWith("HTTP/1.1 502 Bad Gateway\r\n"), answer);
        assertTrue(answer.endsWith("{\"message\":\"The Docker daemon closed the connection before answering"
                + " (through the SmartContainers proxy)\"}"), answer);
        assertTrue(relay.client.isOpen());
        relay.clientSends(PING);
        assertEquals(PING, relay.daemonReceived());
    }

    @Test
    void aDaemonThatClosesMidResponseClosesTheClientWithoutInventingBytes() {
        relay.clientSends(PING);
        relay.daemonSends("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
        relay.daemon().close();
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial", relay.clientReceived());
        assertFalse(relay.client.isOpen());
    }

    @Test
    void aMalformedRequestGets400AndItsConnectionsClose() {
        relay.clientSends(PING);
        relay.daemonSends(PONG);
        relay.clientReceived();
        relay.clientSends("GET /_ping HTTP/1.1\r\nHost: docker\r\nContent-Length: many\r\n\r\n");
        String answer = relay.clientReceived();
        assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
        assertTrue(answer.contains("\r\nconnection: close\r\n"), answer);
        assertTrue(answer.contains("{\"message\":\"malformed HTTP request: "), answer);
        assertFalse(relay.client.isOpen());
        assertFalse(relay.daemon().isOpen());
    }

    @Test
    void drainingClosesOnceWhatIsInFlightHasBeenAnswered() {
        relay.clientSends(PING);
        relay.client.pipeline().fireUserEventTriggered(ClientSideHandler.DRAIN);
        assertTrue(relay.client.isOpen(), "the ping is still to be answered");
        relay.daemonSends(PONG);
        assertEquals(PONG, relay.clientReceived());
        assertFalse(relay.client.isOpen());
    }

    @Test
    void drainingAnIdleConnectionClosesItAtOnce() {
        relay.clientSends(PING);
        relay.daemonSends(PONG);
        relay.client.pipeline().fireUserEventTriggered(ClientSideHandler.DRAIN);
        assertFalse(relay.client.isOpen());
    }

    @Test
    void aClientThatHalfClosesGetsItsAnswerThenTheConnectionCloses() {
        relay.clientSends(PING);
        relay.client.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertTrue(relay.client.isOpen());
        relay.daemonSends(PONG);
        assertEquals(PONG, relay.clientReceived());
        assertFalse(relay.client.isOpen());
    }

    @Test
    void readingWaitsForTheAnswerToARequestThatMayHijack() {
        relay.clientSends("POST /v1.41/containers/abc/attach?stream=1&stdin=1 HTTP/1.1\r\nHost: docker\r\n"
                + "Content-Length: 0\r\n\r\n");
        assertFalse(relay.client.config().isAutoRead(), "the next bytes may be raw stdin");
        relay.daemonSends("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        assertTrue(relay.client.config().isAutoRead(), "answered in plain HTTP: the connection goes on as before");
        assertNotNull(relay.client.pipeline().get(Pipelines.CODEC));
    }

    @Test
    void aHijackAnswerSwitchesBothSidesToRawBytes() {
        relay.clientSends("POST /v1.41/containers/abc/attach?stream=1&stdin=1 HTTP/1.1\r\nHost: docker\r\n"
                + "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n");
        relay.daemonReceived();
        String upgraded = "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
                + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
        relay.daemonSends(upgraded);
        assertEquals(upgraded, relay.clientReceived());
        assertNull(relay.client.pipeline().get(Pipelines.CODEC));
        assertNull(relay.daemon().pipeline().get(Pipelines.CODEC));
        assertTrue(relay.client.config().isAutoRead());

        relay.clientSends("stdin bytes");
        assertEquals("stdin bytes", relay.daemonReceived());
        relay.daemonSends("stdout bytes");
        assertEquals("stdout bytes", relay.clientReceived());
    }
}
