package org.smartcontainers.web.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A plain HTTP/1.1 server over TCP: Netty reads and writes, worker threads answer. */
public final class HttpServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Workers workers;
    private final Channel channel;

    private HttpServer(EventLoopGroup group, Workers workers, Channel channel) {
        this.group = group;
        this.workers = workers;
        this.channel = channel;
    }

    /**
     * Listens on {@code address}. Bodies above {@code maxBodyBytes} get 413 before they are read
     * whole; {@code everyResponse} headers go on every answer; {@code hostNames}: the names it answers to
     * besides localhost and IP addresses.
     */
    public static HttpServer start(InetSocketAddress address, Handler handler, Access access, int workerThreads,
            long maxBodyBytes, List<Map.Entry<String, String>> everyResponse, List<String> hostNames) {
        return start(address, handler, access, workerThreads, maxBodyBytes, everyResponse, hostNames, HEAD_TIMEOUT);
    }

    /** How long a connection may take to send a request head, new or idle after an answer. */
    public static final Duration HEAD_TIMEOUT = Duration.ofSeconds(30);
    /** How many bodies of the largest size the server holds at once (see {@link BodyBudget}). */
    static final int BODIES_HELD = 4;

    /** {@code headTimeout}: how long a connection may take to send a request head, new or idle after an answer. */
    public static HttpServer start(InetSocketAddress address, Handler handler, Access access, int workerThreads,
            long maxBodyBytes, List<Map.Entry<String, String>> everyResponse, List<String> hostNames,
            Duration headTimeout) {
        HostNames names = new HostNames(hostNames);
        Workers workers = Workers.of(workerThreads);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        AtomicLong bodyBudget = new AtomicLong(BODIES_HELD * maxBodyBytes);
        String fallbackHost = (address.getAddress().getHostAddress().contains(":")
                ? "[" + address.getAddress().getHostAddress() + "]" : address.getAddress().getHostAddress());
        try {
            ChannelFuture bound = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            int port = ((InetSocketAddress) ch.localAddress()).getPort();
                            ch.pipeline().addLast(new HttpServerCodec(),
                                    new RequestHeadTimeout(headTimeout),
                                    new BodyBudget(bodyBudget, maxBodyBytes),
                                    new HttpServerExpectContinueHandler(),
                                    new HttpObjectAggregator((int) Math.min(Integer.MAX_VALUE, maxBodyBytes)),
                                    new HttpDispatcher(handler, access, workers, fallbackHost + ":" + port, everyResponse,
                                            names));
                        }
                    })
                    .bind(address).awaitUninterruptibly();
            if (!bound.isSuccess()) { // a checked BindException, which sync() would throw past every catch of RuntimeException
                throw new IllegalStateException(String.valueOf(bound.cause().getMessage()), bound.cause());
            }
            return new HttpServer(group, workers, bound.channel());
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.close();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.close();
    }
}
