package org.smartcontainers.proxy.fuzz;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.smartcontainers.proxy.daemonview.DockerRoute;
import org.smartcontainers.proxy.daemonview.GoRequestLine;

/**
 * The Docker daemon's side of the proxy, in the JVM: it keeps every byte each connection brings,
 * for the test to read as Docker would, and answers every request as a daemon that succeeds (a new
 * container's or image's ID, a build's progress stream), so each recorded call gets its record.
 */
final class FakeDaemon {
    /** Go's net/http reads request heads up to 1 MiB (Netty's default line is 4 KiB): a long labelled target fits. */
    private static final HttpDecoderConfig GO_LIMITS = new HttpDecoderConfig()
            .setMaxInitialLineLength(1 << 20).setMaxHeaderSize(1 << 20);

    /** One connection the proxy opened: what it sent, and the IDs answered, in order. */
    static final class Connection {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<String> answeredIds = new ArrayList<>();

        synchronized byte[] bytes() {
            return bytes.toByteArray();
        }

        synchronized List<String> answeredIds() {
            return List.copyOf(answeredIds);
        }

        private synchronized void received(ByteBuf content) {
            byte[] copy = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), copy);
            bytes.writeBytes(copy);
        }

        private synchronized String answering() {
            byte[] random = new byte[32];
            ThreadLocalRandom.current().nextBytes(random);
            String id = HexFormat.of().formatHex(random); // 64 hex digits, as Docker's IDs
            answeredIds.add(id);
            return id;
        }
    }

    final LocalAddress address = new LocalAddress("sc-fuzz-daemon-" + UUID.randomUUID());
    private final Channel server;
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private final Queue<Connection> connections = new ConcurrentLinkedQueue<>();

    FakeDaemon(EventLoopGroup loops) throws InterruptedException {
        server = new ServerBootstrap().group(loops).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel channel) {
                        Connection connection = new Connection();
                        connections.add(connection);
                        open.add(channel);
                        channel.closeFuture().addListener(closed -> open.remove(channel));
                        channel.pipeline().addLast(new Keeping(connection), new HttpServerCodec(GO_LIMITS),
                                new HttpObjectAggregator(64 << 20), new Answering(connection));
                    }
                })
                .bind(address).sync().channel();
    }

    /** True once every connection the proxy opened has closed. */
    boolean allClosed() {
        return open.isEmpty();
    }

    /** The connections opened since the last call. */
    List<Connection> takeConnections() {
        List<Connection> taken = new ArrayList<>();
        for (Connection connection; (connection = connections.poll()) != null; ) {
            taken.add(connection);
        }
        return taken;
    }

    void close() {
        server.close().syncUninterruptibly();
    }

    /** Keeps the bytes as they arrive, before any decoding. */
    private static final class Keeping extends ChannelInboundHandlerAdapter {
        private final Connection connection;

        Keeping(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            connection.received((ByteBuf) msg);
            ctx.fireChannelRead(msg);
        }
    }

    /** 201 with a new ID; for what Docker would run as a build, 200 and a progress stream naming the image. */
    private static final class Answering extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Connection connection;

        Answering(Connection connection) {
            this.connection = connection;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String id = connection.answering();
            Optional<DockerRoute> route = Optional.of(request.method().name() + " " + request.uri() + " HTTP/1.1")
                    .flatMap(GoRequestLine::parse).flatMap(DockerRoute::of);
            boolean build = route.equals(Optional.of(DockerRoute.BUILD));
            String body = build
                    ? "{\"stream\":\"Step 1/1 : FROM scratch\\n\"}\r\n{\"aux\":{\"ID\":\"sha256:" + id + "\"}}\r\n"
                            + "{\"stream\":\"Successfully built " + id.substring(0, 12) + "\\n\"}\r\n"
                    : "{\"Id\":\"" + id + "\",\"Warnings\":[]}";
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    build ? HttpResponseStatus.OK : HttpResponseStatus.CREATED,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            if (keepAlive) {
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // the bytes kept say what arrived
        }
    }
}
