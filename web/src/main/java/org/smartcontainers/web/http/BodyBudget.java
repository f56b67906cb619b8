package org.smartcontainers.web.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many request-body bytes the HTTP server holds at once, over all its connections: a request's
 * body is read whole (direct memory, which the Docker relay shares) and then copied for its handler,
 * so bodies left unfinished, or queued behind slow answers, could take the memory the relay needs.
 * A request reserves its {@code Content-Length} (the most a body may be when it has none) from when
 * its head arrives until its answer has gone; one that does not fit is answered 503 and its
 * connection closed. A request without a body reserves nothing and always fits.
 */
final class BodyBudget extends ChannelDuplexHandler {
    private final AtomicLong left;
    private final long maxBody;
    private long reserved;
    private boolean refused;

    /** {@code left}: the budget every connection of one server shares. */
    BodyBudget(AtomicLong left, long maxBody) {
        this.left = left;
        this.maxBody = maxBody;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            long length = HttpUtil.isTransferEncodingChunked(request) ? maxBody : HttpUtil.getContentLength(request, 0L);
            long wanted = Math.min(Math.max(length, 0), maxBody); // more than the most is refused by the aggregator
            if (!reserve(wanted)) {
                refused = true;
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(Response.text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                                "the server holds as many request bodies as it may; try again").header("Retry-After", "1")
                                .toNetty(false, java.util.List.of()))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof LastHttpContent) {
            giveBack(); // the answer is on its way: its request's body has been let go
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        giveBack();
        super.channelInactive(ctx);
    }

    private boolean reserve(long bytes) {
        giveBack();
        if (bytes == 0) {
            return true;
        }
        long now;
        do {
            now = left.get();
            if (now < bytes) {
                return false;
            }
        } while (!left.compareAndSet(now, now - bytes));
        reserved = bytes;
        return true;
    }

    private void giveBack() {
        if (reserved > 0) {
            left.addAndGet(reserved);
            reserved = 0;
        }
    }
}
