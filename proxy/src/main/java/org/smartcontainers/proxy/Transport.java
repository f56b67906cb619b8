package org.smartcontainers.proxy;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.proxy.loop.PollingEpoll;

/**
 * The Unix-socket transport: epoll on Linux (it exposes the peer's credentials, which attribution
 * needs), NIO's domain sockets elsewhere.
 */
public enum Transport {
    EPOLL {
        @Override
        IoHandlerFactory ioHandlerFactory() {
            return EpollIoHandler.newFactory();
        }

        @Override
        public Class<? extends ServerChannel> serverChannel() {
            return EpollServerDomainSocketChannel.class;
        }

        @Override
        public Class<? extends Channel> clientChannel() {
            return EpollDomainSocketChannel.class;
        }

        @Override
        public SocketAddress address(Path socket) {
            return new DomainSocketAddress(socket.toString());
        }
    },
    NIO {
        @Override
        IoHandlerFactory ioHandlerFactory() {
            return NioIoHandler.newFactory();
        }

        @Override
        public Class<? extends ServerChannel> serverChannel() {
            return NioServerDomainSocketChannel.class;
        }

        @Override
        public Class<? extends Channel> clientChannel() {
            return NioDomainSocketChannel.class;
        }

        @Override
        public SocketAddress address(Path socket) {
            return UnixDomainSocketAddress.of(socket);
        }
    };

    abstract IoHandlerFactory ioHandlerFactory();

    public abstract Class<? extends ServerChannel> serverChannel();

    public abstract Class<? extends Channel> clientChannel();

    public abstract SocketAddress address(Path socket);

    public EventLoopGroup newEventLoopGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory());
    }

    /** Loops for the relay's connections: with epoll, an idle loop polls up to {@code pollMicros} for an answer that is due. */
    public EventLoopGroup newRelayLoopGroup(int threads, long pollMicros) {
        IoHandlerFactory factory = this == EPOLL ? PollingEpoll.factory(pollMicros) : ioHandlerFactory();
        return new MultiThreadIoEventLoopGroup(threads, factory);
    }

    /** Who is at the other end of a client connection: epoll reads the peer's uid from the socket; NIO cannot. */
    public static Caller callerOf(Channel channel) {
        if (channel instanceof EpollDomainSocketChannel epoll) {
            try {
                return new Caller(epoll.peerCredentials().uid());
            } catch (IOException e) {
                return Caller.UNKNOWN;
            }
        }
        return Caller.UNKNOWN;
    }

    /** Epoll where its native library loads, else NIO; {@code -Dsc.transport=nio} forces NIO. */
    public static Transport best() {
        if ("nio".equalsIgnoreCase(System.getProperty("sc.transport"))) {
            return NIO;
        }
        return Epoll.isAvailable() ? EPOLL : NIO;
    }
}
