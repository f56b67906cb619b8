package org.smartcontainers.web.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A connection waiting for a request head gets this long to send it, whether it just opened or is
 * idle after an answer: a client that trickles a head, or holds a connection open saying nothing,
 * does not keep it forever; then its body gets as long again (a body held unfinished holds the
 * memory it was read into). A request being answered, however long, is not timed.
 */
final class RequestHeadTimeout extends ChannelDuplexHandler {
    private final long nanos;
    private ScheduledFuture<?> deadline;

    RequestHeadTimeout(Duration timeout) {
        this.nanos = timeout.toNanos();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        arm(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof LastHttpContent) {
            disarm(); // the request is whole (a head without a body ends with one too)
        } else if (msg instanceof HttpRequest) {
            arm(ctx); // its body gets as long again: one trickled or left unfinished holds memory
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof LastHttpContent) {
            promise.addListener(written -> {
                if (written.isSuccess() && ctx.channel().isActive()) {
                    arm(ctx); // the answer is out: the next head, or the connection closes
                }
            });
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        super.channelInactive(ctx);
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        deadline = ctx.executor().schedule(() -> {
            ctx.close();
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
