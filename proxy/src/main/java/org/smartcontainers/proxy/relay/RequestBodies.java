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
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.docker.DockerApiPath;
import org.smartcontainers.proxy.intercept.Interception;
import org.smartcontainers.proxy.intercept.LocalAnswers;
import org.smartcontainers.proxy.intercept.RefusedCall;

/**
 * The bodies of requests that do not simply stream to the daemon. A request the proxy records
 * (a create, a commit) or answers itself is held whole, up to what may be held (413 beyond), then
 * prepared off the event loop, or answered. A build's context streams on through its interception,
 * queued behind its head until the interception has seen enough to prepare the head. A recorded
 * request that cannot be prepared is refused here: it never reaches the daemon without our label.
 */
final class RequestBodies {
    private static final Logger LOG = LoggerFactory.getLogger(RequestBodies.class);

    private final Channel client;
    private final Upstream upstream;
    private final InFlightExchanges exchanges;
    private final LocalAnswerOrderer orderer;
    private final Runnable preparedOne;
    private final Runnable refusedOne;
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
     * @param refusedOne told on the client's event loop when a request was refused: its answer, made
     *     here, is on its exchange
     */
    RequestBodies(Channel client, Upstream upstream, InFlightExchanges exchanges, LocalAnswerOrderer orderer,
            Runnable preparedOne, Runnable refusedOne) {
        this.client = client;
        this.upstream = upstream;
        this.exchanges = exchanges;
        this.orderer = orderer;
        this.preparedOne = preparedOne;
        this.refusedOne = refusedOne;
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
        final Exchange exchange;
        final Upstream.Place place;
        /** Until handed to the interception to prepare; null after. */
        HttpRequest head;
        /** Body bytes queued behind the head. */
        long queued;

        StreamedRequest(Interception interception, Exchange exchange, HttpRequest head, Upstream.Place place) {
            this.interception = interception;
            this.exchange = exchange;
            this.head = head;
            this.place = place;
        }
    }

    void holdForAnswer(HttpRequest head, LocalAnswers answers, Exchange exchange) {
        held = new HeldRequest(head, null, answers, exchange, client.alloc().compositeBuffer());
    }

    void intercept(HttpRequest head, Exchange exchange) {
        Interception interception = exchange.interception;
        if (interception.streamsRequestBody()) {
            // the head's place: the body queues behind it
            streaming = new StreamedRequest(interception, exchange, head, upstream.reserve());
        } else {
            held = new HeldRequest(head, interception, null, exchange, client.alloc().compositeBuffer());
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
            prepare(whole, request.interception, request.exchange);
        }
    }

    /** A held recorded request is prepared off the event loop; what the client sends next queues behind it. */
    private void prepare(FullHttpRequest whole, Interception interception, Exchange exchange) {
        Upstream.Place place = upstream.reserve();
        preparing++;
        whole.retain(); // ours: prepare releases its own only when it succeeds
        interception.prepare(whole).whenComplete((prepared, error) -> client.eventLoop().execute(() -> {
            preparing--;
            if (error == null) {
                whole.release(); // prepare released its own, unless it forwards this very request
                upstream.fill(place, prepared);
                preparedOne.run();
            } else {
                whole.release(whole.refCnt()); // nothing of it goes on
                upstream.skip(place); // what the client sent behind it does
                refuse(whole, exchange, error, false);
            }
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
            preparing--;
            if (error == null) {
                head.setUri(prepared.uri());
                prepared.release();
                upstream.fill(request.place, head);
                preparedOne.run();
                return;
            }
            // The body queued behind the head, and what may follow it, cannot be told apart from what
            // the daemon would read next: all of it is dropped, and the connection ends after the answer.
            upstream.dropFrom(request.place);
            if (streaming == request) {
                streaming = null;
            }
            exchanges.dropEverythingRead();
            refuse(head, request.exchange, error, true);
        }));
    }

    /**
     * Fail closed: an intercepted request that could not be prepared is answered here, in Docker's
     * shape, and never reaches the daemon unlabelled. {@link RefusedCall} says why; anything else
     * is a failure of ours (500).
     */
    private void refuse(HttpRequest request, Exchange exchange, Throwable error, boolean thenClose) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String path = DockerApiPath.forLog(request.uri());
        HttpResponseStatus status;
        String message;
        if (cause instanceof RefusedCall refused) {
            status = HttpResponseStatus.valueOf(refused.status());
            message = refused.getMessage() + " (refused by the SmartContainers proxy, which records this call)";
            LOG.info("refused {} {}: {}", request.method(), path, refused.getMessage());
        } else {
            status = HttpResponseStatus.INTERNAL_SERVER_ERROR;
            message = "the SmartContainers proxy could not record this call, so it did not pass it on to the Docker daemon: "
                    + cause.getClass().getSimpleName();
            LOG.error("cannot record {} {}; refused it", request.method(), path, cause);
        }
        exchange.answeredHere(ErrorResponses.response(status, message, thenClose));
        refusedOne.run();
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
