package org.smartcontainers.proxy.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.proxy.h2.ConnectionWatcher;
import org.smartcontainers.proxy.intercept.Interceptors;
import org.smartcontainers.proxy.intercept.LocalAnswers;

/**
 * The client's side of one proxied connection, while it speaks HTTP. Each request is classified as
 * it begins (answered here, recorded, or plain) and its parts go to the collaborator for that:
 * {@link LocalAnswerOrderer} keeps answers made here in order, {@link RequestBodies} holds or
 * streams the bodies of requests that need it, {@link Upstream} carries the rest to the daemon, and
 * {@link InFlightExchanges} ends each exchange. This handler reads from the client only while all
 * of them can take more.
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
    private final DockerDialer daemon;
    private final Interceptors interceptors;
    private final Caller caller;
    private final InFlightExchanges exchanges;
    private final LocalAnswerOrderer orderer;
    private final Upstream upstream;
    private final RequestBodies bodies;

    ClientSideHandler(Channel client, DockerDialer daemon, Interceptors interceptors, Caller caller) {
        this.client = client;
        this.daemon = daemon;
        this.interceptors = interceptors;
        this.caller = caller;
        this.exchanges = new InFlightExchanges(client, interceptors, this::updateReading);
        this.orderer = new LocalAnswerOrderer(client, caller, this::answerMade);
        this.upstream = new Upstream(client, daemon, Pipelines.dockerSideHttp(this), this::updateReading,
                this::dockerUnreachable);
        this.bodies = new RequestBodies(client, upstream, exchanges, orderer, this::updateReading, this::answerMade);
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
        if (exchanges.dropsEverything(http)) {
            return;
        }
        if (msg instanceof HttpRequest request) {
            request.setUri(RequestTargets.withBytesEscaped(request.uri()));
            begin(request);
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
        if (!bodies.takes(http)) {
            upstream.send(http);
        }
        updateReading();
    }

    /** A request begins: answered here, recorded (its body held or streamed through), or relayed as it is. */
    private void begin(HttpRequest request) {
        LocalAnswers answers = interceptors.answeredHere(request);
        Exchange exchange = new Exchange(request, answers == null ? interceptors.forRequest(request, caller) : null);
        boolean alone = exchanges.oldest() == null;
        exchanges.begin(exchange);
        if ((answers != null || exchange.interception != null) && alone && HttpUtil.is100ContinueExpected(request)) {
            // The body is read here before anything goes on: the client is told to send it now, not
            // after its own wait (a second, for curl), and the daemon gets it whole, without Expect.
            request.headers().remove(HttpHeaderNames.EXPECT);
            client.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
        if (answers != null) {
            bodies.holdForAnswer(request, answers, exchange);
        } else if (exchange.interception != null) {
            bodies.intercept(request, exchange);
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

    /** Writes the answers made here that are next in line; the daemon's answers go by themselves. */
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
     * (or can be opened) and not backed up, nothing is being prepared or answered here, no
     * hijack answer is awaited, and the interception of a body streaming through keeps up.
     */
    private void updateReading() {
        boolean read = !upstream.connecting() && !bodies.preparing() && !orderer.answering()
                && !exchanges.awaitingHijack() && upstream.writable() && bodies.takesMore();
        ChannelConfig config = client.config();
        if (config.isAutoRead() != read) { // setting it is an atomic swap, and this runs for every message
            config.setAutoRead(read);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        upstream.clientWritabilityChanged(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    /** What waited for the daemon is dropped (the outbox already is); each exchange in flight gets 502. */
    private void dockerUnreachable(Throwable cause) {
        bodies.release();
        exchanges.failUnreachable(daemon.description(), cause);
    }

    private void closeIfIdleAndAsked() {
        exchanges.closeIfIdleAndAsked(orderer.requestsWaiting());
    }

    // ---- called by DockerSideHandler, on this channel's event loop ----

    Channel channel() {
        return client;
    }

    Exchange currentExchange() {
        return exchanges.oldest();
    }

    /** Docker answered the exchange with an error: what was noted of the call for its events' record goes. */
    void refusedByDocker(Exchange exchange) {
        interceptors.refusedByDocker(exchange.request, caller);
    }

    void dockerWritabilityChanged() {
        updateReading();
    }

    /** The response to the oldest exchange has been written in full. */
    void exchangeFinished() {
        if (exchanges.finishOldest()) {
            closeIfIdleAndAsked();
            writeAnswersMadeHere();
        }
    }

    /**
     * The daemon answered a hijack: this connection relays raw bytes from now on, or HTTP/2 frames
     * through a tap when the answer switched to h2c and a watcher wants to see inside.
     */
    void hijacked(HttpRequest request, HttpResponse answer) {
        exchanges.hijacked();
        ConnectionWatcher watcher = answer.status().code() == 101
                && answer.headers().containsValue(HttpHeaderNames.UPGRADE, "h2c", true)
                ? interceptors.watcherFor(request, caller) : null;
        if (watcher == null) {
            Pipelines.switchToRaw(client, upstream.channel());
        } else {
            Pipelines.switchToTap(client, upstream.channel(), watcher);
        }
    }

    /** A connection to the daemon closed; if it was this client's, the exchange it served cannot finish. */
    void dockerClosed(Channel closed) {
        if (upstream.closed(closed) && exchanges.dockerClosed()) {
            upstream.release(); // the failed requests' queued parts must not reach the next connection
            bodies.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == DRAIN) {
            // Shutting down: answer what is in flight, then close.
            exchanges.closeWhenIdle();
            closeIfIdleAndAsked();
            return;
        }
        if (event instanceof ChannelInputShutdownEvent) {
            // The client sends nothing more (it may have gone). A recorded request whose body can no longer end is
            // cut off; otherwise Docker is told as the client would tell it: it ends a body that can no longer end
            // and a stream nobody may read (Go's server cancels a request whose connection reads EOF), and answers
            // the rest, after which the connection closes.
            exchanges.closeWhenIdle();
            if (exchanges.recordedRequestUnfinished()) {
                ctx.close();
                return;
            }
            upstream.endOutputOnceSent();
            closeIfIdleAndAsked();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        exchanges.cutOff("the client closed its connection before the answer ended");
        upstream.release();
        bodies.release();
        orderer.release();
        upstream.close();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause.getCause() instanceof IOException) {
            // The second: Netty's ChannelException around the kernel's answer for a socket the client just closed
            // (epoll_ctl: No such file or directory), nothing unexpected.
            LOG.info("client connection closed: {}", InFlightExchanges.describe(cause));
        } else {
            LOG.error("unexpected error on a client connection", cause);
        }
        ctx.close();
    }
}
