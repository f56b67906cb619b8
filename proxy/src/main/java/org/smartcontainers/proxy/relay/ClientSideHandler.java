package org.smartcontainers.proxy.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderResult;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.proxy.DockerApiPath;
import org.smartcontainers.proxy.intercept.Caller;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import java.util.concurrent.CompletableFuture;
import org.smartcontainers.proxy.intercept.Interception;
import org.smartcontainers.proxy.intercept.Interceptors;
import org.smartcontainers.proxy.intercept.LocalAnswers;

/**
 * The client's side of one proxied connection, while it speaks HTTP: forwards each request to its
 * own upstream connection (opened on first use, opened again after the daemon went away), reads
 * only while the daemon's side can take more, and turns every failure into a Docker-shaped error
 * for the exchange it hit.
 */
public final class ClientSideHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSideHandler.class);

    /** Sent down the pipeline on shutdown: finish what is in flight, then close. */
    public static final Object DRAIN = new Object() {
        @Override
        public String toString() {
            return "DRAIN";
        }
    };

    private final Channel client;
    private final DaemonDialer connector;
    private final Interceptors interceptors;
    private final InFlightExchanges exchanges;
    private final Upstream upstream;
    /** A recorded request being held whole until its last byte, then prepared off the event loop. */
    private HeldRequest held;
    /** The recorded request whose body is streaming through now. */
    private Interception streaming;
    /** Its head, until handed to the interception to prepare; null once handed over. */
    private HttpRequest streamingHead;
    private Upstream.Place streamingPlace;
    private long streamingQueued;
    private int preparing;
    private final LocalAnswerOrderer orderer;
    private final Caller caller;

    ClientSideHandler(Channel client, DaemonDialer connector, Interceptors interceptors, Caller caller) {
        this.client = client;
        this.connector = connector;
        this.interceptors = interceptors;
        this.caller = caller;
        this.exchanges = new InFlightExchanges(client, interceptors, this::updateReading);
        this.orderer = new LocalAnswerOrderer(client, caller, this::answerMade);
        this.upstream = new Upstream(client, connector, Pipelines.daemonSideHttp(this), this::updateReading,
                this::daemonUnreachable);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!orderer.defers(msg)) {
            read(msg);
        }
    }

    private void read(Object msg) {
        if (!(msg instanceof HttpObject http)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        DecoderResult decoded = http.decoderResult();
        if (decoded.isFailure()) {
            ReferenceCountUtil.release(msg);
            exchanges.rejectMalformed(decoded.cause());
            upstream.close();
            return;
        }
        if (msg instanceof HttpRequest request) {
            LocalAnswers api = interceptors.answeredHere(request);
            Exchange exchange = new Exchange(request, api == null ? interceptors.forRequest(request, caller) : null);
            exchanges.begin(exchange);
            if (api != null) {
                held = new HeldRequest(request, null, api, exchange, client.alloc().compositeBuffer());
            } else if (exchange.interception != null && exchange.interception.streamsRequestBody()) {
                streaming = exchange.interception;
                streamingHead = request;
                streamingQueued = 0;
                streamingPlace = upstream.reserve(); // the head's place: the body queues behind it
            } else if (exchange.interception != null) {
                held = new HeldRequest(request, exchange.interception, null, exchange, client.alloc().compositeBuffer());
            }
        }
        if (exchanges.discards(http)) {
            if (http instanceof LastHttpContent) {
                closeIfIdleAndAsked();
            }
            return;
        }
        if (msg instanceof LastHttpContent) {
            exchanges.requestEnded();
        }
        if (held != null) {
            if (msg instanceof HttpContent content) {
                hold(content); // the head itself is already in held
            }
        } else if (streaming != null && msg instanceof HttpRequest) {
            // its place in the outbox is taken: it goes when prepared
        } else {
            Interception watching = streaming;
            if (watching != null && msg instanceof HttpContent content) {
                watching.onRequestContent(content.content());
                streamingQueued += content.content().readableBytes();
                if (msg instanceof LastHttpContent) {
                    streaming = null;
                }
            }
            upstream.send(http);
            // The head goes once the interception has seen enough of the body (a build, its
            // Dockerfile), or the body ended, or as much as it may hold is queued.
            if (watching != null && streamingHead != null && (watching.readyForHead() || streaming == null
                    || streamingQueued > watching.maxRequestBody())) {
                prepareHead(streamingHead, watching, streamingPlace);
                streamingHead = null;
            }
        }
        updateReading();
    }

    /** A streaming recorded request: its head is prepared off the event loop while its body waits behind it. */
    private void prepareHead(HttpRequest head, Interception interception, Upstream.Place place) {
        preparing++;
        FullHttpRequest headOnly = new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(),
                Unpooled.EMPTY_BUFFER, head.headers(), EmptyHttpHeaders.INSTANCE);
        interception.prepare(headOnly).whenComplete((prepared, error) -> client.eventLoop().execute(() -> {
            if (error != null) {
                unrecorded(head, error);
            } else {
                head.setUri(prepared.uri());
                prepared.release();
            }
            prepared(place, head);
        }));
    }

    /** Recording must never stop a Docker call: it goes on as the client sent it. */
    private static void unrecorded(HttpRequest request, Throwable error) {
        LOG.warn("cannot record {} {}: {}; forwarding it unchanged", request.method(),
                DockerApiPath.pathOnly(request.uri()), error.toString());
    }

    /** A place in the outbox is filled: what waited behind it can go. */
    private void prepared(Upstream.Place place, HttpObject ready) {
        preparing--;
        upstream.fill(place, ready);
        updateReading();
    }

    /** Adds to the request being held; at its end, hands it to its interception to prepare. */
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
            exchanges.failTooLarge(request.api != null ? "read" : "record", request.maxBody(), last);
            return;
        }
        if (!last) {
            return;
        }
        held = null;
        FullHttpRequest whole = new DefaultFullHttpRequest(request.head.protocolVersion(), request.head.method(),
                request.head.uri(), request.body, request.head.headers(), ((LastHttpContent) content).trailingHeaders());
        if (request.api != null) {
            orderer.answer(request.api, whole, request.exchange);
            return;
        }
        Upstream.Place place = upstream.reserve();
        preparing++;
        whole.retain(); // kept to forward unchanged if preparing fails
        request.interception.prepare(whole).whenComplete((prepared, error) -> client.eventLoop().execute(() -> {
            whole.release(); // on success prepare released its own reference; on failure ours is the last
            if (error != null) {
                unrecorded(whole, error);
            }
            prepared(place, error != null ? whole : prepared);
        }));
    }

    /**
     * A request needed whole, by an interception or by the extension API (one of the two is set):
     * its head, and its body as it arrives.
     */
    private record HeldRequest(HttpRequest head, Interception interception, LocalAnswers api, Exchange exchange,
            CompositeByteBuf body) {
        int maxBody() {
            return api != null ? api.maxBody() : interception.maxRequestBody();
        }
    }

    /** An answer made here is ready: it goes when its turn comes, and what waited behind it is read. */
    private void answerMade() {
        writeAnswersMadeHere();
        for (Object msg; client.isActive() && (msg = orderer.nextDeferred()) != null; ) {
            read(msg); // until the next request answered here
        }
        upstream.flush();
        updateReading();
    }

    /** Writes the answers made here that are next in line. */
    private void writeAnswersMadeHere() {
        if (orderer.writeIfNext(exchanges.oldest(), exchanges.closing())) {
            exchangeFinished(); // writes the next one, if it is ready too
            client.flush();
        }
    }

    /** One flush for all that one read produced. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        upstream.flush();
        ctx.fireChannelReadComplete();
    }

    /**
     * Reads from the client only while a request can go somewhere: the daemon connection is open
     * (or can be opened) and not backed up, and no hijack answer is awaited.
     */
    private void updateReading() {
        boolean read = !upstream.connecting() && preparing == 0 && !orderer.answering() && !exchanges.awaitingHijack()
                && upstream.writable();
        client.config().setAutoRead(read);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        upstream.clientWritabilityChanged(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    /** The daemon cannot be reached: what waited for it is dropped, and each exchange in flight gets 502. */
    private void daemonUnreachable(Throwable cause) {
        releaseHeld();
        exchanges.failUnreachable(connector.description(), cause);
    }

    private void releaseHeld() {
        if (held != null) {
            held.body.release();
            held = null;
        }
    }

    // ---- called by DaemonSideHandler, on this channel's event loop ----

    Channel channel() {
        return client;
    }

    Exchange currentExchange() {
        return exchanges.oldest();
    }

    void daemonWritabilityChanged() {
        updateReading();
    }

    /** The response to the oldest exchange has been written in full. */
    void exchangeFinished() {
        if (exchanges.finishOldest()) {
            closeIfIdleAndAsked();
            writeAnswersMadeHere();
        }
    }

    /** The daemon answered a hijack: this connection relays raw bytes from now on. */
    void hijacked() {
        exchanges.hijacked();
        Pipelines.switchToRaw(client, upstream.channel());
    }

    /** A connection to the daemon closed; if it was this client's, the exchange it served cannot finish. */
    void daemonClosed(Channel closed) {
        if (upstream.closed(closed)) {
            exchanges.daemonClosed();
        }
    }

    private void closeIfIdleAndAsked() {
        exchanges.closeIfIdleAndAsked(orderer.requestsWaiting());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == DRAIN || event instanceof ChannelInputShutdownEvent) {
            // Shutting down, or the client will send nothing more: answer what is in flight, then close.
            exchanges.closeWhenIdle();
            closeIfIdleAndAsked();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        upstream.release();
        releaseHeld();
        orderer.release();
        upstream.close();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.info("client connection closed: {}", InFlightExchanges.describe(cause));
        } else {
            LOG.error("unexpected error on a client connection", cause);
        }
        ctx.close();
    }
}
