package org.smartcontainers.proxy.relay;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;

/**
 * How a client connection reaches the daemon: {@link DockerConnector} on the daemon's socket, or
 * in tests an {@code EmbeddedChannel} standing in for the daemon's side.
 */
interface DockerDialer {

    /** Opens a connection on {@code loop} (the client's), its pipeline built by {@code initializer}. */
    ChannelFuture connect(EventLoop loop, ChannelHandler initializer);

    /** The daemon's address as a user would write it: {@code unix:///var/run/docker.sock}. */
    String description();
}
