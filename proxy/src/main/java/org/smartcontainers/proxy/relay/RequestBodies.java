package org.smartcontainers.proxy.relay;

import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.docker.DockerApiPath;
import org.smartcontainers.proxy.intercept.Interception;
import org.smartcontainers.proxy.intercept.LocalAnswers;

/**
 * The bodies of requests that do not simply stream to the daemon. A request the proxy records
 * (a create, a commit) or answers itself is held whole, up to what may be held (413 beyond), then
 * prepared off the event loop, or answered. A build's context streams on through its interception,
 * queued behind its head until the interception has seen enough to prepare the head.
 */
final class RequestBodies {
    private static final Logger LOG = LoggerFactory.getLogger(RequestBodies.class);

    private final Channel client;
    private final Upstream upstream;
    private final InFlightExchanges exchanges;
    private final LocalAnswerOrderer orderer;
    private final Runnable preparedOne;
    /** preparedOne, from any thread. */
    private final Runnable readAgain;
    /** The request being held until its last byte. */
    private HeldRequest held;
    /** The recorded request whose body is streaming through now. */
    private StreamedRequest streaming;
    /** Requests being prepared off the event loop: nothing more is read meanwhile. */
    private int preparing;

    /**
     * @param preparedOne told on the client's event loop each time a request has been prepared, and when a
     *     streamed body's interception can take more again
     */
    RequestBodies(Channel client, Upstream upstream, InFlightExchanges exchanges, LocalAnswerOrderer orderer,
            Runnable preparedOne) {
        this.client = client;
        this.upstream = upstream;
        this.exchanges = exchanges;
        this.orderer = orderer;
        this.preparedOne = preparedOne;
        this.readAgain = () -> client.eventLoop().execute(preparedOne);
    }

    /** A request needed whole, by an interception or to be answered here (one of the two is set). */
    private record HeldRequest(HttpRequest head, Interception interception, LocalAnswers answers, Exchange exchange,
            CompositeByteBuf body) {
        int maxBody() {
            return answers != null ? answers.maxBody() : interception.maxRequestBody();
        }
    }

    /** A recorded request whose body streams on while its head waits in its place in the outbox. */
    private static final class StreamedRequest {
        final Interception interception;
        final Upstream.Place place;
        /** Until handed to the interception to prepare; null after. */
        HttpRequest head;
        /** Body bytes queued behind the head. */
        long queued;

        StreamedRequest(Interception interception, HttpRequest head, Upstream.Place place) {
            this.interception = interception;
            this.head = head;
            this.place = place;
        }
    }

    void holdForAnswer(HttpRequest head, LocalAnswers answers, Exchange exchange) {
        held = new HeldRequest(head, null, answers, exchange, client.alloc().compositeBuffer());
    }

    void intercept(HttpRequest head, Interception interception) {
        if (interception.streamsRequestBody()) {
            // the head's place: the body queues behind it
            streaming = new StreamedRequest(interception, head, upstream.reserve());
        } else {
            held = new HeldRequest(head, interception, null, null, client.alloc().compositeBuffer());
        }
    }

    boolean preparing() {
        return preparing > 0;
    }

    /** False while the interception of the body streaming through is behind: reading waits for it. */
    boolean takesMore() {
        StreamedRequest watching = streaming;
        return watching == null
                || watching.interception.takesMoreContent(readAgain);
    }

    /** Takes what belongs to a held or streamed request; false for what simply goes to the daemon. */
    boolean takes(HttpObject msg) {
        if (held != null) {
            if (msg instanceof HttpContent content) {
                hold(content); // the head itself is already in held
            }
            return true;
        }
        StreamedRequest watching = streaming;
        if (watching == null) {
            return false;
        }
        if (msg instanceof HttpRequest) {
            return true; // its place in the outbox is taken: it goes when prepared
        }
        if (msg instanceof HttpContent content) {
            watching.interception.onRequestContent(content.content());
            watching.queued += content.content().readableBytes();
            if (msg instanceof LastHttpContent) {
                streaming = null;
            }
        }
        upstream.send(msg);
        // The head goes once the interception has seen enough of the body (a build, its
        // Dockerfile), or the body ended, or as much as it may hold is queued.
        if (watching.head != null && (watching.interception.readyForHead() || streaming == null
                || watching.queued > watching.interception.maxRequestBody())) {
            prepareHead(watching);
        }
        return true;
    }

    /** Adds to the request being held; at its end, hands it to be answered or prepared. */
    private void hold(HttpContent content) {
        HeldRequest request = held;
        if (content.content().isReadable()) {
            request.body.addComponent(true, content.content().retain());
        }
        boolean last = content instanceof LastHttpContent;
        content.release();
        if (request.body.readableBytes() > request.maxBody()) {
            held = null;
            request.body.release();
            exchanges.failTooLarge(request.answers != null ? "read" : "record", request.maxBody(), last);
            return;
        }
        if (!last) {
            return;
        }
        held = null;
        HttpRequest head = request.head;
        FullHttpRequest whole = new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(),
                request.body, head.headers(), ((LastHttpContent) content).trailingHeaders());
        if (request.answers != null) {
            orderer.answer(request.answers, whole, request.exchange);
        } else {
            prepare(whole, request.interception);
        }
    }

    /** A held recorded request is prepared off the event loop; what the client sends next queues behind it. */
    private void prepare(FullHttpRequest whole, Interception interception) {
        Upstream.Place place = upstream.reserve();
        preparing++;
        whole.retain(); // kept to forward unchanged if preparing fails
        interception.prepare(whole).whenComplete((prepared, error) -> client.eventLoop().execute(() -> {
            whole.release(); // on success prepare released its own reference; on failure ours is the last
            if (error != null) {
                unrecorded(whole, error);
            }
            prepared(place, error != null ? whole : prepared);
        }));
    }

    /** A streamed recorded request: its head is prepared off the event loop while its body waits behind it. */
    private void prepareHead(StreamedRequest request) {
        HttpRequest head = request.head;
        request.head = null;
        preparing++;
        FullHttpRequest headOnly = new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(),
                Unpooled.EMPTY_BUFFER, head.headers(), EmptyHttpHeaders.INSTANCE);
        request.interception.prepare(headOnly).whenComplete((prepared, error) -> client.eventLoop().execute(() -> {
            if (error != null) {
                unrecorded(head, error);
            } else {
                head.setUri(prepared.uri());
                prepared.release();
            }
            prepared(request.place, head);
        }));
    }

    private void prepared(Upstream.Place place, HttpObject ready) {
        preparing--;
        upstream.fill(place, ready);
        preparedOne.run();
    }

    /** Recording must never stop a Docker call: it goes on as the client sent it. */
    private static void unrecorded(HttpRequest request, Throwable error) {
        LOG.warn("cannot record {} {}: {}; forwarding it unchanged", request.method(),
                DockerApiPath.pathOnly(request.uri()), error.toString());
    }

    /**
     * Forgets the request whose body is being held or streamed: the client is gone, or its exchange
     * failed (the rest of its body is then discarded as it arrives, and the next request is new).
     */
    void release() {
        if (held != null) {
            held.body.release();
            held = null;
        }
        streaming = null;
    }
}
