package org.smartcontainers.proxy.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.proxy.intercept.Interception;
import org.smartcontainers.proxy.loop.AnswerExpected;

/**
 * The daemon's side of one proxied connection: writes each part of a response to the client as it
 * arrives, reads only while the client can take more, and notices when the daemon takes the
 * connection over.
 */
final class DockerSideHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(DockerSideHandler.class);
    private static final String DOCKER_STREAM_TYPES = "application/vnd.docker.";

    private final ClientSideHandler client;
    /** A 1xx answer (100 Continue) is on its way: its end is not the end of the exchange. */
    private boolean informational;
    private boolean unflushed;
    /** An answer's last part is among what awaits the next flush. */
    private boolean answerEnded;

    DockerSideHandler(ClientSideHandler client) {
        this.client = client;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (holdingLast) {
            // The next answers were read with the last one (pipelined requests): they wait for it.
            waiting.add(msg);
            return;
        }
        Exchange exchange = client.currentExchange();
        if (!(msg instanceof HttpObject http) || http.decoderResult().isFailure() || exchange == null) {
            LOG.info("unusable answer from the Docker daemon ({}), closing its connection",
                    msg instanceof HttpObject h && h.decoderResult().isFailure() ? h.decoderResult().cause() : "unsolicited");
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        Interception interception = exchange.interception;
        if (msg instanceof HttpResponse response) {
            int code = response.status().code();
            informational = code / 100 == 1 && code != 101;
            if (!informational) {
                exchange.responseStarted(response);
                if (code >= 400) {
                    client.refusedByDocker(exchange);
                }
                if (interception != null) {
                    interception.onResponseHead(response);
                }
            }
            if (answersHijack(exchange, response)) {
                client.channel().writeAndFlush(response);
                client.hijacked(exchange.request, response);
                return;
            }
        }
        if (interception != null && !informational && msg instanceof HttpContent content) {
            interception.onResponseContent(content.content());
            if (msg instanceof LastHttpContent last) {
                finishRecorded(ctx, interception, last);
                return;
            }
        }
        Channel toClient = client.channel();
        toClient.write(msg);
        unflushed = true;
        if (!toClient.isWritable()) {
            ctx.channel().config().setAutoRead(false); // the client's ChannelWritabilityChanged resumes
        }
        if (msg instanceof LastHttpContent) {
            if (informational) {
                informational = false;
            } else {
                client.exchangeFinished();
                answerEnded = true;
            }
        }
    }

    /**
     * The daemon's answer to a recorded call is complete: its last byte waits until the record is
     * committed, so a client that saw success can always find it. The daemon's side pauses meanwhile.
     */
    private void finishRecorded(ChannelHandlerContext ctx, Interception interception, LastHttpContent last) {
        Channel daemon = ctx.channel();
        daemon.config().setAutoRead(false);
        CompletableFuture<Void> written = new CompletableFuture<>();
        lastPartWritten = written;
        holdingLast = true;
        CompletableFuture<?> recorded;
        try {
            recorded = interception.finish();
        } catch (RuntimeException e) {
            LOG.error("recording failed; the Docker call goes on", e);
            recorded = CompletableFuture.completedFuture(null);
        }
        recorded.whenComplete((done, error) -> client.channel().eventLoop().execute(() -> {
            client.channel().write(last);
            client.exchangeFinished();
            holdingLast = false;
            while (!holdingLast && !waiting.isEmpty()) {
                channelRead(ctx, waiting.poll());
            }
            client.channel().flush();
            if (!holdingLast) {
                daemon.config().setAutoRead(client.channel().isWritable());
            }
            written.complete(null);
        }));
    }

    /** The last part of a recorded answer, written once its record is committed; null before the first. */
    private CompletableFuture<Void> lastPartWritten;
    /** A recorded answer's last part waits for its record: what the daemon sent after it waits too. */
    private boolean holdingLast;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();

    /** One flush for all that one read produced. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed) {
            unflushed = false;
            client.channel().flush();
            if (answerEnded) {
                AnswerExpected.soon(); // a client that keeps its connection asks again soon
            }
        }
        answerEnded = false;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        client.dockerWritabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    /** 101, or the 200 with a raw Docker stream that attach and exec start send without Upgrade. */
    private static boolean answersHijack(Exchange exchange, HttpResponse response) {
        int code = response.status().code();
        if (code == 101) {
            return true;
        }
        String contentType = response.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        return exchange.mayHijack && code == 200 && contentType.startsWith(DOCKER_STREAM_TYPES)
                && !HttpUtil.isContentLengthSet(response) && !HttpUtil.isTransferEncodingChunked(response);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            ctx.close(); // in HTTP the daemon's half-close ends the connection
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    /**
     * The daemon closed. When the last part of a recorded answer still waits for its record (an
     * HTTP/1.0 or {@code Connection: close} answer ends with the daemon's close), the close is
     * handled after that part went out: the answer is whole, then the connection ends.
     */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closedAfterLastPart(ctx);
        ctx.fireChannelInactive();
    }

    private void closedAfterLastPart(ChannelHandlerContext ctx) {
        CompletableFuture<Void> pending = lastPartWritten;
        if (pending != null && !pending.isDone()) {
            pending.whenComplete((done, error) -> client.channel().eventLoop().execute(() -> closedAfterLastPart(ctx)));
        } else {
            client.dockerClosed(ctx.channel());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("connection to the Docker daemon failed: {}", cause.toString());
        ctx.close();
    }
}
