package org.smartcontainers.proxy.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import java.net.SocketAddress;

/** Opens connections to the upstream Docker daemon socket, on the caller's event loop. */
public final class DockerConnector implements DockerDialer {
    private final Class<? extends Channel> channelClass;
    private final SocketAddress address;
    private final String description;

    public DockerConnector(Class<? extends Channel> channelClass, SocketAddress address, String description) {
        this.channelClass = channelClass;
        this.address = address;
        this.description = description;
    }

    /** Same event loop as the client: no hand-off between threads on the hot path. */
    @Override
    public ChannelFuture connect(EventLoop loop, ChannelHandler initializer) {
        return new Bootstrap()
                .group(loop)
                .channel(channelClass)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel daemon) {
                        Pipelines.configure(daemon.config());
                        // The daemon may answer before reading a whole body (a refused build) and close:
                        // a write failing then must not close the connection before that answer is read.
                        daemon.config().setAutoClose(false);
                        daemon.pipeline().addLast(initializer);
                    }
                })
                .connect(address);
    }

    @Override
    public String description() {
        return description;
    }
}
