package org.smartcontainers.proxy.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.proxy.h2.Http2Tap;

/**
 * Opens a tunnel to the daemon for a connection that is not HTTP/1 (the HTTP/2 preface): raw, or
 * through an HTTP/2 tap when one is given.
 */
final class RawTunnelOpener extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RawTunnelOpener.class);
    private final DockerDialer connector;
    /** Null for a raw tunnel. */
    private final Http2Tap tap;
    private final ArrayDeque<Object> early = new ArrayDeque<>();

    RawTunnelOpener(DockerDialer connector, Http2Tap tap) {
        this.connector = connector;
        this.tap = tap;
    }

    private boolean connecting;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!ctx.channel().isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        early.add(msg); // the preface, held until the tunnel is open
        if (!connecting) {
            connecting = true;
            ctx.channel().config().setAutoRead(false); // until the tunnel is open
            connect(ctx);
        }
    }

    private void connect(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        ChannelFuture connected = connector.connect(client.eventLoop(), Pipelines.dockerSideTunnel(client, tap));
        connected.addListener((ChannelFutureListener) done -> {
            if (!done.isSuccess() || !client.isActive()) {
                LOG.info("cannot open a raw tunnel to {}: {}", connector.description(),
                        done.cause() == null ? "client gone" : done.cause().toString());
                early.forEach(ReferenceCountUtil::release);
                early.clear();
                client.close();
                done.channel().close();
                return;
            }
            Channel daemon = done.channel();
            ChannelPipeline pipeline = ctx.pipeline();
            if (tap == null) {
                while (!early.isEmpty()) {
                    daemon.write(early.poll());
                }
                daemon.flush();
                Pipelines.tunnelOpened(pipeline, this, daemon, null);
            } else { // the early bytes go through the tap, which reads them as frames
                Pipelines.tunnelOpened(pipeline, this, daemon, tap);
                while (!early.isEmpty()) {
                    pipeline.fireChannelRead(early.poll());
                }
                pipeline.fireChannelReadComplete();
            }
            client.config().setAutoRead(true);
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        ctx.fireChannelInactive();
    }
}
