package org.smartcontainers.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smartcontainers.proxy.intercept.Interceptors;

/** How each exchange ends: answered (the connection kept or closed), hijacked, or failed. */
class InFlightExchangesTest {
    @AfterEach
    void releaseWhatNoTestRead() {
        EmbeddedRelay.releaseEveryOne();
    }

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
    void afterA502ForARecordedBuildTheNextRequestOnTheConnectionReachesTheDaemonWhole() {
        FakeInterception build = new FakeInterception(1 << 20, true);
        EmbeddedRelay recording = new EmbeddedRelay(Interceptors.intercepting(
                (request, caller) -> request.uri().startsWith("/build") ? build : null));
        recording.clientSends("POST /build HTTP/1.1\r\nHost: docker\r\nContent-Length: 10\r\n\r\nconte");
        assertEquals("", recording.daemonReceived(), "the head waits for the interception; the body behind it");
        recording.daemon().close(); // Docker goes away before answering
        String answer = recording.clientReceived();
        assertTrue(answer.startsWith("HTTP/1.1 502 Bad Gateway\r\n"), answer);

        recording.clientSends("xt...");  // the rest of the failed request's body (5 bytes): dropped
        recording.clientSends(PING);
        assertEquals(2, recording.daemons.size(), "a new connection for the next request");
        assertEquals(PING, recording.daemonReceived(), "nothing of the failed build, nor a swallowed head");
        recording.daemonSends(PONG);
        assertEquals(PONG, recording.clientReceived());
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

    // ---- the exchanges on their own, on a bare client channel that keeps the responses it is sent ----

    private final EmbeddedChannel client = new EmbeddedChannel();
    private int readingResumed;
    private final InFlightExchanges exchanges =
            new InFlightExchanges(client, Interceptors.NONE, () -> readingResumed++);

    private static Exchange exchange(String connection) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/_ping");
        if (connection != null) {
            request.headers().set("Connection", connection);
        }
        return new Exchange(request, null);
    }

    private List<String> responses() {
        List<String> all = new ArrayList<>();
        for (Object out; (out = client.readOutbound()) != null; ReferenceCountUtil.release(out)) {
            if (out instanceof FullHttpResponse response) { // else the empty buffer flushed before a close
                all.add(response.status().code() + " " + response.headers().get("Connection") + " "
                        + response.content().toString(StandardCharsets.UTF_8));
            }
        }
        return all;
    }

    @Test
    void aFailureAnswersEveryExchangeInFlightAndTheConnectionGoesOn() {
        exchanges.begin(exchange(null));
        exchanges.requestEnded();
        exchanges.begin(exchange(null));
        exchanges.requestEnded();
        exchanges.failUnreachable("unix:///nowhere", new IOException("No such file or directory"));
        String expected = "502 null {\"message\":\"Cannot connect to the Docker daemon at unix:///nowhere"
                + " (through the SmartContainers proxy): No such file or directory. Is the docker daemon running?\"}";
        assertEquals(List.of(expected, expected), responses());
        assertNull(exchanges.oldest());
        assertTrue(client.isOpen());
        assertEquals(1, readingResumed);
    }

    @Test
    void aFailureOfARequestThatAskedToCloseClosesTheConnection() {
        exchanges.begin(exchange("close"));
        exchanges.requestEnded();
        exchanges.dockerClosed();
        assertEquals(List.of("502 close {\"message\":\"The Docker daemon closed the connection before answering"
                + " (through the SmartContainers proxy)\"}"), responses());
        assertFalse(client.isOpen());
    }

    @Test
    void theRestOfABodyTooLargeToHoldIsDroppedUntilItsEnd() {
        exchanges.begin(exchange(null));
        exchanges.failTooLarge("record", 8, false);
        assertEquals(List.of("413 null {\"message\":\"request body too large for the SmartContainers proxy to record"
                + " (over 8 bytes)\"}"), responses());
        DefaultHttpContent rest = new DefaultHttpContent(EmbeddedRelay.ascii("rest"));
        assertTrue(exchanges.discards(rest));
        assertEquals(0, rest.refCnt());
        assertTrue(exchanges.discards(new DefaultLastHttpContent()));
        assertFalse(exchanges.discards(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/_ping")));
    }

    @Test
    void finishingTellsWhetherTheConnectionGoesOn() {
        Exchange kept = exchange(null);
        exchanges.begin(kept);
        kept.responseStarted(response("Content-Length", "2"));
        assertTrue(exchanges.finishOldest());
        assertTrue(client.isOpen());

        Exchange untilClose = exchange(null);
        exchanges.begin(untilClose);
        untilClose.responseStarted(response("Content-Type", "text/plain"));
        assertFalse(exchanges.finishOldest(), "a body delimited by the close ends the connection");
        assertFalse(client.isOpen());
        assertFalse(exchanges.finishOldest(), "nothing left to finish");
    }

    @Test
    void askedToCloseItWaitsForRequestsStillToBegin() {
        exchanges.closeWhenIdle();
        exchanges.closeIfIdleAndAsked(true);
        assertTrue(client.isOpen(), "a request waits behind a local answer");
        exchanges.closeIfIdleAndAsked(false);
        assertFalse(client.isOpen());
    }

    @Test
    void aRequestThatMayHijackHoldsReadingUntilAnsweredInPlainHttp() {
        Exchange attach = new Exchange(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                "/v1.41/containers/abc/attach?stdin=1"), null);
        exchanges.begin(attach);
        exchanges.requestEnded();
        assertTrue(exchanges.awaitingHijack());
        attach.responseStarted(response("Content-Length", "0"));
        assertTrue(exchanges.finishOldest());
        assertFalse(exchanges.awaitingHijack());
        assertEquals(1, readingResumed);
    }

    private static HttpResponse response(String header, String value) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(header, value);
        return response;
    }
}
