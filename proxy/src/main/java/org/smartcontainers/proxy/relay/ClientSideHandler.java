package org.smartcontainers.proxy.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's side of one proxied connection, while it speaks HTTP: forwards each request to its
 * own upstream connection (opened on first use, opened again after the daemon went away), reads the
 * next bytes only once the last ones were written, and turns every failure into a Docker-shaped
 * error for the exchange it hit.
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

    private final DaemonConnector connector;
    private final ArrayDeque<Exchange> inFlight = new ArrayDeque<>();
    private final ArrayDeque<HttpObject> awaitingConnection = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Channel daemon;
    private boolean connecting;
    private boolean discardingRequestBody;
    private boolean closeWhenIdle;
    /** The last write to the daemon since the last flush; flushed once per read. */
    private ChannelFuture unflushed;
    private boolean holdReadsAfterFlush;

    ClientSideHandler(DaemonConnector connector) {
        this.connector = connector;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject http)) {
            ReferenceCountUtil.release(msg);
            ctx.read();
            return;
        }
        DecoderResult decoded = http.decoderResult();
        if (decoded.isFailure()) {
            ReferenceCountUtil.release(msg);
            rejectMalformed(decoded.cause());
            return;
        }
        if (msg instanceof HttpRequest request) {
            inFlight.add(new Exchange(request));
            discardingRequestBody = false;
        }
        if (discardingRequestBody) {
            ReferenceCountUtil.release(msg);
            if (msg instanceof LastHttpContent) {
                discardingRequestBody = false;
                closeIfIdleAndAsked();
            }
            ctx.read();
            return;
        }
        if (msg instanceof LastHttpContent && !inFlight.isEmpty()) {
            inFlight.peekLast().requestCompleted();
        }
        if (daemon != null) {
            writeToDaemon(http);
        } else {
            awaitingConnection.add(http);
            connectToDaemon();
        }
    }

    private void writeToDaemon(HttpObject msg) {
        // After a request that may hijack the connection, the next bytes may be raw stdin: hold
        // them until the daemon's answer says whether HTTP goes on.
        holdReadsAfterFlush = msg instanceof LastHttpContent && !inFlight.isEmpty() && inFlight.peekLast().mayHijack;
        unflushed = daemon.write(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushToDaemon();
        ctx.fireChannelReadComplete();
    }

    /** One flush for all that one read produced; the next read only once it is written. */
    private void flushToDaemon() {
        if (unflushed == null) {
            return;
        }
        ChannelFuture written = unflushed;
        boolean holdReads = holdReadsAfterFlush;
        unflushed = null;
        daemon.flush();
        written.addListener((ChannelFutureListener) done -> {
            if (!done.isSuccess()) {
                LOG.debug("write to daemon failed: {}", done.cause().toString());
            } else if (!holdReads) {
                ctx.read();
            }
        });
    }

    private void connectToDaemon() {
        if (connecting) {
            return;
        }
        connecting = true;
        ChannelFuture connected = connector.connect(ctx.channel().eventLoop(), new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                Pipelines.daemonSideHttp(ch.pipeline(), ClientSideHandler.this);
            }
        });
        connected.addListener((ChannelFutureListener) this::connectFinished);
    }

    private void connectFinished(ChannelFuture connected) {
        connecting = false;
        if (!ctx.channel().isActive()) {
            connected.channel().close();
            awaitingConnection.forEach(ReferenceCountUtil::release);
            awaitingConnection.clear();
            return;
        }
        if (!connected.isSuccess()) {
            LOG.info("cannot reach the Docker daemon at {}: {}", connector.description(), connected.cause().toString());
            awaitingConnection.forEach(ReferenceCountUtil::release);
            awaitingConnection.clear();
            failInFlight(HttpResponseStatus.BAD_GATEWAY, "Cannot connect to the Docker daemon at "
                    + connector.description() + " (through the SmartContainers proxy): "
                    + describe(connected.cause()) + ". Is the docker daemon running?");
            return;
        }
        daemon = connected.channel();
        while (!awaitingConnection.isEmpty()) {
            writeToDaemon(awaitingConnection.poll());
        }
        flushToDaemon();
    }

    // ---- called by DaemonSideHandler, on this channel's event loop ----

    Channel channel() {
        return ctx.channel();
    }

    Exchange currentExchange() {
        return inFlight.peek();
    }

    /** The response to the oldest exchange has been written in full. */
    void exchangeFinished() {
        Exchange done = inFlight.poll();
        if (done == null) {
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug(done.describe());
        }
        if (done.endsConnection()) {
            closeAfterFlush();
            return;
        }
        if (done.mayHijack && inFlight.isEmpty()) {
            ctx.read(); // reads were held for a hijack that did not happen
        }
        closeIfIdleAndAsked();
    }

    /** The daemon answered a hijack: this connection relays raw bytes from now on. */
    void hijacked() {
        Exchange exchange = inFlight.poll();
        if (exchange != null && LOG.isDebugEnabled()) {
            LOG.debug("{}, connection hijacked", exchange.describe());
        }
        Pipelines.switchToRaw(ctx.channel(), daemon);
    }

    /** The upstream connection closed; the exchange it was serving, if any, cannot finish. */
    void daemonClosed(Channel closed) {
        if (closed != daemon) {
            return;
        }
        daemon = null;
        unflushed = null;
        Exchange current = inFlight.peek();
        if (current == null) {
            return; // idle: the next request opens a new connection
        }
        if (current.hasResponse()) {
            LOG.info("Docker daemon closed the connection in the middle of a response: {}", current.describe());
            inFlight.clear();
            closeAfterFlush();
        } else {
            failInFlight(HttpResponseStatus.BAD_GATEWAY,
                    "The Docker daemon closed the connection before answering (through the SmartContainers proxy)");
        }
    }

    // ---- errors: the one place where failures become responses ----

    private void failInFlight(HttpResponseStatus status, String message) {
        Exchange current = inFlight.peekLast();
        boolean unfinishedBody = current != null && !current.isRequestComplete();
        boolean close = closeWhenIdle || (current != null && !current.requestKeepAlive);
        int count = inFlight.size();
        inFlight.clear();
        for (int i = 0; i < count; i++) {
            ctx.write(DockerErrors.response(status, message, close));
        }
        ctx.flush();
        if (close) {
            closeAfterFlush();
        } else {
            discardingRequestBody = unfinishedBody;
            ctx.read();
        }
    }

    private void rejectMalformed(Throwable cause) {
        LOG.info("malformed request from a client, closing its connection: {}", describe(cause));
        inFlight.clear();
        ctx.writeAndFlush(DockerErrors.response(HttpResponseStatus.BAD_REQUEST,
                        "malformed HTTP request: " + describe(cause), true))
                .addListener(ChannelFutureListener.CLOSE);
        if (daemon != null) {
            daemon.close();
        }
    }

    private void closeIfIdleAndAsked() {
        if (closeWhenIdle && inFlight.isEmpty() && !discardingRequestBody) {
            closeAfterFlush();
        }
    }

    private void closeAfterFlush() {
        ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == DRAIN || event instanceof ChannelInputShutdownEvent) {
            // Shutting down, or the client will send nothing more: answer what is in flight, then close.
            closeWhenIdle = true;
            closeIfIdleAndAsked();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        awaitingConnection.forEach(ReferenceCountUtil::release);
        awaitingConnection.clear();
        if (daemon != null) {
            daemon.close();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof java.io.IOException) {
            LOG.info("client connection closed: {}", describe(cause));
        } else {
            LOG.error("unexpected error on a client connection", cause);
        }
        ctx.close();
    }
}
