package org.smartcontainers.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smartcontainers.proxy.relay.EmbeddedRelay.Dial;

/** The daemon connection a client connection uses: opened when needed, in order, at the client's pace. */
class UpstreamTest {
    @AfterEach
    void releaseWhatNoTestRead() {
        EmbeddedRelay.releaseEveryOne();
    }

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

    // ---- the outbox on its own: the daemon's side is a bare EmbeddedChannel that keeps what it is sent ----

    private final EmbeddedChannel client = new EmbeddedChannel();
    private final List<Throwable> unreachable = new ArrayList<>();

    private Upstream upstream(BareDockerConnections daemons) {
        return new Upstream(client, daemons, new ChannelInboundHandlerAdapter(), () -> { }, unreachable::add);
    }

    private static HttpRequest head(String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
    }

    private static HttpContent content(String text) {
        return new DefaultHttpContent(EmbeddedRelay.ascii(text));
    }

    @Test
    void aRequestPreparedAfterItsPlaceWasDroppedGoesNowhereAndIsReleased() {
        BareDockerConnections daemons = new BareDockerConnections();
        Upstream upstream = upstream(daemons);
        Upstream.Place place = upstream.reserve();
        HttpContent queuedBehind = content("queued behind");
        upstream.send(queuedBehind);
        upstream.release(); // its exchange failed while it was being prepared
        assertEquals(0, queuedBehind.refCnt(), "what waited behind it is released");

        FullHttpRequest prepared = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/late",
                EmbeddedRelay.ascii("{}"));
        upstream.fill(place, prepared);
        assertEquals(0, prepared.refCnt(), "released, not leaked");
        assertEquals(List.of(), daemons.received(), "nothing of the failed request reaches the daemon");

        HttpRequest next = head("/next");
        upstream.send(next);
        upstream.flush();
        assertEquals(List.of(next), daemons.received(), "the next request goes on alone");
    }

    @Test
    void whatComesBehindARequestBeingPreparedWaitsForIt() {
        BareDockerConnections daemons = new BareDockerConnections();
        Upstream upstream = upstream(daemons);
        Upstream.Place first = upstream.reserve();
        HttpRequest second = head("/second");
        upstream.send(second);
        upstream.send(LastHttpContent.EMPTY_LAST_CONTENT);
        assertEquals(1, daemons.opened.size(), "the connection opens meanwhile");
        assertEquals(List.of(), daemons.received(), "nothing overtakes the request being prepared");

        HttpRequest prepared = head("/first");
        upstream.fill(first, prepared);
        assertEquals(List.of(prepared, second, LastHttpContent.EMPTY_LAST_CONTENT), daemons.received());
        HttpRequest third = head("/third");
        upstream.send(third);
        upstream.flush();
        assertEquals(List.of(third), daemons.received(), "an empty outbox: straight on");
    }

    @Test
    void whatWaitedForAnUnreachableDaemonIsReleased() {
        IOException refused = new IOException("connection refused");
        Upstream upstream = upstream(new BareDockerConnections(true, refused));
        HttpContent queued = content("body");
        upstream.send(queued);
        assertEquals(0, queued.refCnt());
        assertEquals(List.of(refused), unreachable);
        assertFalse(upstream.connecting());
    }

    @Test
    void aConnectionThatOpensAfterTheClientLeftIsClosedAndWhatWaitedReleased() {
        BareDockerConnections daemons = new BareDockerConnections(false, null);
        Upstream upstream = upstream(daemons);
        HttpContent queued = content("body");
        upstream.send(queued);
        assertTrue(upstream.connecting());
        client.close();
        daemons.open();
        assertFalse(daemons.opened.get(0).isOpen());
        assertEquals(0, queued.refCnt());
        assertTrue(unreachable.isEmpty(), "no one to tell");
    }
}
