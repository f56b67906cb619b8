package org.smartcontainers.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.smartcontainers.proxy.relay.FakeLocalAnswers.ok;
import static org.smartcontainers.proxy.relay.FakeLocalAnswers.okBytes;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.proxy.intercept.Interceptors;

/** Answers the proxy makes itself leave in the order their requests came, whoever answers first. */
class LocalAnswerOrdererTest {
    @AfterEach
    void releaseWhatNoTestRead() {
        EmbeddedRelay.releaseEveryOne();
    }

    private static final String API = "GET /sc/v1/version HTTP/1.1\r\nHost: docker\r\n\r\n";
    private static final String PING = "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n";
    private static final String PONG = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK";

    private final FakeLocalAnswers api = new FakeLocalAnswers();
    private final EmbeddedRelay relay = new EmbeddedRelay(Interceptors.answering(api));

    @Test
    void whatTheClientSendsBehindARequestTheApiIsAnsweringWaitsForThatAnswer() {
        relay.clientSends(API + PING); // one read: the decoder hands on both, paused or not
        assertEquals(List.of("GET /sc/v1/version "), api.asked);
        assertTrue(relay.daemons.isEmpty(), "the ping waits: the daemon's answer could overtake the API's");
        assertFalse(relay.client.config().isAutoRead(), "nothing more is read while the API answers");

        api.answers.get(0).complete(ok("api"));
        relay.client.runPendingTasks();
        assertEquals(okBytes("api"), relay.clientReceived());
        assertEquals(PING, relay.daemonReceived(), "then what waited goes on");
        relay.daemonSends(PONG);
        assertEquals(PONG, relay.clientReceived());
        assertTrue(relay.client.config().isAutoRead());
    }

    @Test
    void theApiAnswerWaitsForTheDaemonsAnswerAheadOfIt() {
        relay.clientSends(PING);
        relay.clientSends(API);
        api.answers.get(0).complete(ok("api"));
        relay.client.runPendingTasks();
        assertEquals("", relay.clientReceived(), "the ping came first, so its answer goes first");
        assertTrue(relay.client.config().isAutoRead(), "answered: reading goes on");

        relay.daemonSends(PONG);
        assertEquals(PONG + okBytes("api"), relay.clientReceived());
        assertTrue(relay.client.isOpen());
    }

    @Test
    void answersReadyTogetherLeaveInRequestOrder() {
        relay.clientSends(PING);
        relay.clientSends(API);
        relay.clientSends("GET /sc/v1/config HTTP/1.1\r\nHost: docker\r\n\r\n");
        assertEquals(1, api.asked.size(), "the second API request waits behind the first");
        api.answers.get(0).complete(ok("one"));
        relay.client.runPendingTasks();
        api.answers.get(1).complete(ok("two"));
        relay.client.runPendingTasks();
        assertEquals("", relay.clientReceived());

        relay.daemonSends(PONG);
        assertEquals(PONG + okBytes("one") + okBytes("two"), relay.clientReceived());
    }

    @Test
    void anApiAnswerThatFailedIsA500InDockersShape() {
        relay.clientSends(API);
        api.answers.get(0).completeExceptionally(new IllegalStateException("boom"));
        relay.client.runPendingTasks();
        String answer = relay.clientReceived();
        assertTrue(answer.startsWith("HTTP/1.1 500 Internal Server Error\r\n"), answer);
        assertTrue(answer.endsWith("{\"message\":\"the SmartContainers API failed:"
                + " java.lang.IllegalStateException: boom\"}"), answer);
        assertTrue(relay.client.isOpen());
    }

    @Test
    void anAnswerToARequestThatAskedToCloseSaysSoAndCloses() {
        relay.clientSends("GET /sc/v1/version HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
        api.answers.get(0).complete(ok("api"));
        relay.client.runPendingTasks();
        String answer = relay.clientReceived();
        assertTrue(answer.contains("\r\nconnection: close\r\n"), answer);
        assertFalse(relay.client.isOpen());
    }

    @Test
    void drainingWhileTheApiAnswersClosesAfterTheAnswer() {
        relay.clientSends(API);
        relay.client.pipeline().fireUserEventTriggered(ClientSideHandler.DRAIN);
        assertTrue(relay.client.isOpen(), "the answer is still to come");
        api.answers.get(0).complete(ok("api"));
        relay.client.runPendingTasks();
        assertTrue(relay.clientReceived().contains("\r\nconnection: close\r\n"));
        assertFalse(relay.client.isOpen());
    }

    // ---- the orderer on its own ----

    private final EmbeddedChannel client = new EmbeddedChannel();
    private int answersMade;
    private final LocalAnswerOrderer orderer = new LocalAnswerOrderer(client, Caller.UNKNOWN, () -> answersMade++);

    private static Exchange exchange(String uri) {
        return new Exchange(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri), null);
    }

    private static FullHttpRequest whole(String uri, String body) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, uri, EmbeddedRelay.ascii(body));
    }

    @Test
    void whileAnAnswerIsMadeWhatFollowsWaitsThenComesBackInOrder() {
        Object first = new Object();
        assertFalse(orderer.defers(first), "nothing is being answered: straight on");
        Exchange exchange = exchange("/sc/v1/config");
        FullHttpRequest request = whole("/sc/v1/config", "{}");
        orderer.answer(api, request, exchange);
        assertEquals(List.of("PUT /sc/v1/config {}"), api.asked);
        assertEquals(0, request.refCnt(), "the API copied what it needed");
        assertTrue(orderer.answering());

        HttpContent behind = new DefaultHttpContent(Unpooled.EMPTY_BUFFER);
        Object after = new Object();
        assertTrue(orderer.defers(behind));
        assertTrue(orderer.defers(after));
        assertNull(orderer.nextDeferred(), "not before the answer is made");

        api.answers.get(0).complete(ok("{}"));
        assertEquals(0, answersMade, "told on the client's event loop, not the API's thread");
        client.runPendingTasks();
        assertEquals(1, answersMade);
        assertFalse(orderer.answering());
        assertTrue(orderer.requestsWaiting());
        assertEquals(behind, orderer.nextDeferred());
        assertEquals(after, orderer.nextDeferred());
        assertFalse(orderer.requestsWaiting());
    }

    @Test
    void anAnswerIsWrittenOnlyWhenItsExchangeIsTheOldestAndItIsMade() {
        Exchange exchange = exchange("/sc/v1/version");
        assertFalse(orderer.writeIfNext(null, false));
        assertFalse(orderer.writeIfNext(exchange, false), "not made yet");
        orderer.answer(api, whole("/sc/v1/version", ""), exchange);
        api.answers.get(0).complete(ok("v"));
        client.runPendingTasks();

        assertTrue(orderer.writeIfNext(exchange, true));
        client.flush();
        FullHttpResponse written = client.readOutbound();
        assertEquals("close", written.headers().get("Connection"), "the connection is closing: the answer says so");
        written.release();
        assertTrue(exchange.hasResponse());
        assertFalse(orderer.writeIfNext(exchange, false), "written once");
    }

    @Test
    void whatWaitedIsReleasedWhenTheClientGoes() {
        orderer.answer(api, whole("/sc/v1/config", ""), exchange("/sc/v1/config"));
        HttpContent behind = new DefaultHttpContent(EmbeddedRelay.ascii("body"));
        orderer.defers(behind);
        orderer.release();
        assertEquals(0, behind.refCnt());
        assertFalse(orderer.requestsWaiting());
    }
}
