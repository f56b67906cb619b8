package org.smartcontainers.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.proxy.intercept.Interceptors;
import org.smartcontainers.proxy.intercept.RefusedCall;

/**
 * Bodies the proxy needs whole are held up to a limit (413 beyond it, and the connection goes on);
 * a build's body streams through its interception, queued behind its head until the head is prepared.
 */
class RequestBodiesTest {
    @AfterEach
    void releaseWhatNoTestRead() {
        EmbeddedRelay.releaseEveryOne();
    }

    private static final String PING = "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n";

    @Test
    void anApiRequestIsHeldUntilItsLastByte() {
        FakeLocalAnswers api = new FakeLocalAnswers();
        EmbeddedRelay relay = new EmbeddedRelay(Interceptors.answering(api));
        relay.clientSends("PUT /sc/v1/config HTTP/1.1\r\nHost: docker\r\nContent-Length: 10\r\n\r\n01234");
        assertTrue(api.asked.isEmpty());
        relay.clientSends("56789");
        assertEquals(List.of("PUT /sc/v1/config 0123456789"), api.asked);
    }

    @Test
    void aChunkedApiBodyIsHeldWholeToo() {
        FakeLocalAnswers api = new FakeLocalAnswers();
        EmbeddedRelay relay = new EmbeddedRelay(Interceptors.answering(api));
        relay.clientSends("PUT /sc/v1/config HTTP/1.1\r\nHost: docker\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n");
        assertEquals(List.of("PUT /sc/v1/config 0123456789"), api.asked);
    }

    @Test
    void anApiBodyOverItsLimitGets413TheRestIsDroppedAndTheConnectionGoesOn() {
        FakeLocalAnswers api = new FakeLocalAnswers(4);
        EmbeddedRelay relay = new EmbeddedRelay(Interceptors.answering(api));
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

    // ---- the bodies of recorded requests, with the collaborators around them on bare channels ----

    private final EmbeddedChannel client = new EmbeddedChannel();
    private final BareDockerConnections daemons = new BareDockerConnections();
    private final Upstream upstream = new Upstream(client, daemons, new ChannelInboundHandlerAdapter(), () -> { },
            cause -> { });
    private final InFlightExchanges exchanges = new InFlightExchanges(client, Interceptors.NONE, () -> { });
    private int preparedCount;
    private int refusedCount;
    private final RequestBodies bodies = new RequestBodies(client, upstream, exchanges,
            new LocalAnswerOrderer(client, Caller.UNKNOWN, () -> { }), () -> preparedCount++, () -> refusedCount++);

    private HttpRequest begin(String uri, FakeInterception interception) {
        return beginExchange(uri, interception).request;
    }

    private Exchange beginExchange(String uri, FakeInterception interception) {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
        Exchange exchange = new Exchange(head, interception);
        exchanges.begin(exchange);
        bodies.intercept(head, exchange);
        assertTrue(bodies.takes(head));
        return exchange;
    }

    private static HttpContent part(String text) {
        return new DefaultHttpContent(EmbeddedRelay.ascii(text));
    }

    private static HttpContent last(String text) {
        return new DefaultLastHttpContent(EmbeddedRelay.ascii(text));
    }

    /** What reached the daemon, requests as {@code URI BODY} and body parts as their text. */
    private List<String> daemonReceived() {
        List<String> all = new ArrayList<>();
        for (Object out : daemons.received()) {
            if (out instanceof FullHttpRequest request) {
                all.add(request.uri() + " " + request.content().toString(StandardCharsets.ISO_8859_1));
            } else if (out instanceof HttpRequest head) {
                all.add(head.uri());
            } else {
                all.add(((HttpContent) out).content().toString(StandardCharsets.ISO_8859_1));
            }
            ReferenceCountUtil.release(out);
        }
        return all;
    }

    @Test
    void aRecordedRequestIsHeldWholeAndGoesOnAsPrepared() {
        FakeInterception create = new FakeInterception(1024, false);
        begin("/containers/create", create);
        assertTrue(bodies.takes(part("{\"Image\":")));
        assertTrue(create.toPrepare.isEmpty());
        assertTrue(bodies.takes(last("\"busybox\"}")));
        assertEquals(List.of("/containers/create {\"Image\":\"busybox\"}"), create.toPrepare);
        assertTrue(bodies.preparing());
        assertTrue(daemons.opened.isEmpty(), "nothing goes before it is prepared");

        create.prepared("/containers/create?labelled");
        client.runPendingTasks();
        assertFalse(bodies.preparing());
        assertEquals(1, preparedCount);
        assertEquals(List.of("/containers/create?labelled {\"Image\":\"busybox\"}"), daemonReceived());
    }

    @Test
    void aRecordedRequestThatCannotBeReadIsRefusedHereAndWhatFollowsGoesOn() {
        FakeInterception commit = new FakeInterception(1024, false);
        Exchange refused = beginExchange("/commit?container=abc", commit);
        bodies.takes(last("{\"Labels\":"));
        upstream.send(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/_ping")); // pipelined behind it
        commit.failed(RefusedCall.badRequest("the request body is not JSON the Docker daemon can read (line 1, column 11)"));
        client.runPendingTasks();
        assertEquals(1, refusedCount);
        FullHttpResponse answer = refused.takeAnswerMadeHere();
        assertEquals(400, answer.status().code());
        assertEquals("{\"message\":\"the request body is not JSON the Docker daemon can read (line 1, column 11)"
                + " (refused by the SmartContainers proxy, which records this call)\"}",
                answer.content().toString(StandardCharsets.UTF_8));
        assertFalse(answer.headers().contains("Connection"), "the connection goes on");
        answer.release();
        assertEquals(List.of("/_ping"), daemonReceived(), "the refused request never reaches the daemon");
    }

    @Test
    void aRecordedRequestThatFailedToBePreparedIsRefusedWith500() {
        FakeInterception create = new FakeInterception(1024, false);
        Exchange refused = beginExchange("/containers/create", create);
        bodies.takes(last("{}"));
        create.failed(new IllegalStateException("the store is down"));
        client.runPendingTasks();
        FullHttpResponse answer = refused.takeAnswerMadeHere();
        assertEquals(500, answer.status().code());
        assertTrue(answer.content().toString(StandardCharsets.UTF_8).contains("did not pass it on to the Docker daemon"));
        answer.release();
        assertEquals(List.of(), daemonReceived());
    }

    @Test
    void aRefusedBuildDropsItsQueuedBodyAndEverythingAfterAndTheConnectionEnds() {
        FakeInterception build = new FakeInterception(1024, true);
        Exchange refused = beginExchange("/build?t=x", build);
        build.readyForHead = true;
        bodies.takes(part("context part 1"));
        build.failed(RefusedCall.badRequest("invalid semicolon separator in query"));
        client.runPendingTasks();
        FullHttpResponse answer = refused.takeAnswerMadeHere();
        assertEquals(400, answer.status().code());
        assertEquals("close", answer.headers().get("Connection"));
        answer.release();
        assertTrue(exchanges.closing());
        HttpContent more = last("context part 2");
        assertTrue(exchanges.dropsEverything(more), "the rest of the body is dropped as it comes");
        assertEquals(0, more.refCnt());
        assertEquals(List.of(), daemonReceived(), "neither the head nor the body reached the daemon");
    }

    @Test
    void aRecordedBodyOverItsLimitGets413() {
        begin("/containers/create", new FakeInterception(3, false));
        HttpContent tooMuch = part("{\"Image");
        bodies.takes(tooMuch);
        assertEquals(0, tooMuch.refCnt());
        client.flush();
        FullHttpResponse answer = client.readOutbound();
        assertEquals(413, answer.status().code());
        assertEquals("{\"message\":\"request body too large for the SmartContainers proxy to record (over 3 bytes)\"}",
                answer.content().toString(StandardCharsets.UTF_8));
        answer.release();
        assertFalse(bodies.takes(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/_ping")),
                "nothing held any more: the next request simply goes on");
    }

    @Test
    void aStreamedBodyQueuesBehindItsHeadUntilTheHeadIsPrepared() {
        FakeInterception build = new FakeInterception(1024, true);
        HttpRequest head = begin("/build?t=x", build);
        assertTrue(bodies.takes(part("context part 1")));
        assertEquals(List.of("context part 1"), build.seen, "the interception reads the body as it passes");
        assertEquals(List.of(), daemonReceived(), "queued behind the head");
        assertTrue(build.toPrepare.isEmpty(), "the interception has not seen enough yet");

        build.readyForHead = true;
        bodies.takes(part("context part 2"));
        assertEquals(List.of("/build?t=x "), build.toPrepare, "the head alone is prepared");
        assertTrue(bodies.preparing());
        build.prepared("/build?t=x&labels=y");
        client.runPendingTasks();
        assertEquals("/build?t=x&labels=y", head.uri());
        assertEquals(List.of("/build?t=x&labels=y", "context part 1", "context part 2"), daemonReceived());

        bodies.takes(last("end"));
        upstream.flush();
        assertEquals(List.of("end"), daemonReceived(), "the rest streams straight on");
        assertFalse(bodies.takes(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/_ping")));
    }

    @Test
    void aStreamedHeadGoesWhenAsMuchAsMayBeHeldIsQueued() {
        FakeInterception build = new FakeInterception(4, true);
        begin("/build", build);
        bodies.takes(part("1234"));
        assertTrue(build.toPrepare.isEmpty());
        bodies.takes(part("5"));
        assertEquals(List.of("/build "), build.toPrepare);
    }

    @Test
    void aStreamedHeadGoesAtTheEndOfTheBodyAtTheLatest() {
        FakeInterception build = new FakeInterception(1024, true);
        begin("/build", build);
        bodies.takes(last("all of it"));
        assertEquals(List.of("/build "), build.toPrepare);
    }

    @Test
    void afterAFailedExchangeTheNextRequestIsNotTakenForThePartOfAStreamedOne() {
        begin("/build", new FakeInterception(1024, true));
        bodies.takes(part("context part 1"));
        bodies.release(); // the daemon closed before answering: 502, the rest of this body is discarded
        assertFalse(bodies.takes(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/_ping")),
                "the next request goes to the daemon as it is");
    }

    @Test
    void afterAFailedExchangeTheNextRequestIsNotAddedToAHeldOne() {
        begin("/containers/create", new FakeInterception(1024, false));
        HttpContent part = part("{");
        bodies.takes(part);
        bodies.release();
        assertFalse(bodies.takes(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/_ping")));
        assertFalse(bodies.takes(last("")), "its body is its own");
    }

    @Test
    void aBodyBeingHeldIsReleasedWhenTheClientGoes() {
        begin("/containers/create", new FakeInterception(1024, false));
        HttpContent part = part("{");
        bodies.takes(part);
        assertEquals(1, part.content().refCnt(), "kept in the body being held");
        bodies.release();
        assertEquals(0, part.content().refCnt());
    }
}
