package org.smartcontainers.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartcontainers.proxy.relay.EmbeddedRelay.Dial;

/** The daemon connection a client connection uses: opened when needed, in order, at the client's pace. */
class UpstreamTest {
    private static final String PING = "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n";
    private static final String VERSION = "GET /v1.41/version HTTP/1.1\r\nHost: docker\r\n\r\n";
    private static final String PONG = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK";
    /** More than the write buffer's high water mark. */
    private static final int TOO_MUCH = Pipelines.WATER_MARK.high() + 1;

    private final EmbeddedRelay relay = new EmbeddedRelay();

    @Test
    void theDaemonIsDialledOnFirstUseOnTheClientsEventLoop() {
        assertTrue(relay.daemons.isEmpty(), "nothing asked yet, nothing opened");
        relay.clientSends(PING);
        assertEquals(List.of(relay.client.eventLoop()), relay.dialledOn, "no hand-off between threads");
        assertEquals(PING, relay.daemonReceived());
        relay.daemonSends(PONG);
        assertEquals(PONG, relay.clientReceived());
    }

    @Test
    void requestsWaitWhileTheConnectionOpensThenGoInOrder() {
        relay.dialling(Dial.WHEN_TOLD).clientSends(PING + VERSION);
        assertFalse(relay.client.config().isAutoRead(), "nothing more is read while connecting");
        assertEquals("", relay.daemonReceived());
        relay.connected();
        assertEquals(PING + VERSION, relay.daemonReceived());
        assertEquals(1, relay.dialledOn.size(), "one connection for both");
        assertTrue(relay.client.config().isAutoRead());
    }

    @Test
    void afterTheDaemonClosedTheConnectionTheNextRequestOpensAnother() {
        relay.clientSends(PING);
        relay.daemonSends(PONG);
        relay.clientReceived();
        relay.daemon().close();
        assertTrue(relay.client.isOpen(), "an idle upstream closing is no news for the client");

        relay.clientSends(VERSION);
        assertEquals(2, relay.daemons.size());
        assertEquals(VERSION, relay.daemonReceived());
        relay.daemonSends(PONG);
        assertEquals(PONG, relay.clientReceived());
    }

    @Test
    void anUnreachableDaemonGets502AtOnceAndTheNextRequestDialsAgain() {
        relay.dialling(Dial.REFUSED).clientSends(PING);
        String answer = relay.clientReceived();
        assertTrue(answer.startsWith("HTTP/1.1 502 Bad Gateway\r\n"), answer);
        assertTrue(answer.endsWith("{\"message\":\"Cannot connect to the Docker daemon at unix:///embedded/docker.sock"
                + " (through the SmartContainers proxy): connect(..) failed: Connection refused."
                + " Is the docker daemon running?\"}"), answer);
        assertTrue(relay.client.isOpen(), "a keep-alive client goes on");
        assertTrue(relay.client.config().isAutoRead());

        relay.dialling(Dial.AT_ONCE).clientSends(PING);
        assertEquals(PING, relay.daemonReceived(), "the daemon is back: no restart needed");
    }

    @Test
    void theClientIsReadOnlyWhileTheDaemonConnectionTakesMore() {
        relay.clientSends(PING);
        EmbeddedChannel daemon = relay.daemon();
        daemon.pipeline().firstContext().write(Unpooled.wrappedBuffer(new byte[TOO_MUCH]));
        assertFalse(relay.client.config().isAutoRead(), "the daemon's side is backed up");
        daemon.flush();
        assertTrue(relay.client.config().isAutoRead(), "drained: read on");
    }

    @Test
    void theDaemonIsReadOnlyWhileTheClientTakesMore() {
        relay.clientSends(PING);
        EmbeddedChannel daemon = relay.daemon();
        relay.client.pipeline().firstContext().write(Unpooled.wrappedBuffer(new byte[TOO_MUCH]));
        assertFalse(daemon.config().isAutoRead(), "the client's side is backed up");
        relay.client.flush();
        assertTrue(daemon.config().isAutoRead());
    }

    @Test
    void oneFlushToTheDaemonForAllThatOneReadBrought() {
        relay.clientSends(PING);
        relay.daemonSends(PONG);
        int before = relay.daemonFlushes.get(0)[0];
        relay.clientSends(PING + VERSION + PING);
        assertEquals(before + 1, relay.daemonFlushes.get(0)[0]);
        assertEquals(PING + PING + VERSION + PING, relay.daemonReceived());
    }
}
