package org.smartcontainers.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays raw bytes from its channel to a peer once HTTP is over (hijacked attach and exec, h2c,
 * WebSocket, HTTP/2): reading only while the peer can take more, one flush per read, and a half-close
 * passed on so stdin EOF reaches the container and the container's exit reaches the client.
 */
final class RawRelayHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RawRelayHandler.class);
    private final Channel peer;
    private boolean unflushed;

    RawRelayHandler(Channel peer) {
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel self = ctx.channel();
        if (msg instanceof HttpContent content) {
            // Decoded just before the switch: only its bytes belong to the raw stream.
            msg = content.content();
        } else if (!(msg instanceof ByteBuf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        peer.write(msg);
        unflushed = true;
        if (!peer.isWritable()) {
            self.config().setAutoRead(false); // resumed by the peer's channelWritabilityChanged
        }
    }

    /** One flush for all that one read produced. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed) {
            unflushed = false;
            peer.flush();
        }
        ctx.fireChannelReadComplete();
    }

    /** Our side drained or backed up: let the peer read on, or make it wait. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        peer.config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            passOnHalfClose(ctx.channel());
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    /** Our side will send no more: say so to the peer once what we relayed has been flushed. */
    private void passOnHalfClose(Channel self) {
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) flushed -> {
            if (!(peer instanceof DuplexChannel duplexPeer) || !peer.isActive()) {
                closeBoth(self);
                return;
            }
            duplexPeer.shutdownOutput().addListener((ChannelFutureListener) shut -> {
                boolean selfDone = !(self instanceof DuplexChannel duplexSelf) || duplexSelf.isOutputShutdown();
                if (!shut.isSuccess() || selfDone) {
                    closeBoth(self);
                }
            });
        });
    }

    private void closeBoth(Channel self) {
        self.close();
        peer.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("raw relay closed after an error: {}", cause.toString());
        closeBoth(ctx.channel());
    }
}
