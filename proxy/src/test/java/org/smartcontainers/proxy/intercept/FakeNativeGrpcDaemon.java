package org.smartcontainers.proxy.intercept;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.smartcontainers.proxy.Transport;
import org.smartcontainers.proxy.buildkit.ControlSolve;
import org.smartcontainers.proxy.buildkit.proto.ControlProto.StatusRequest;
import org.smartcontainers.proxy.buildkit.proto.ControlProto.StatusResponse;
import org.smartcontainers.testsupport.GrpcTestClient;

/**
 * Docker 29 as BuildKit's clients see it when they speak gRPC natively (HTTP/2 with prior knowledge
 * on the API socket): {@code Control/Status} and {@code Control/Solve}, nothing else (other methods
 * get UNIMPLEMENTED). No daemon here speaks it, so this fake stands in. A status stream gets its
 * response headers at once and waits; the solve of its ref sends the status updates, then the
 * solve's answer, then ends the status stream, as BuildKit ends a build's status after its solve.
 * The recording does not ask this fake anything over HTTP/1: its Docker client points elsewhere.
 */
final class FakeNativeGrpcDaemon implements AutoCloseable {
    static final String SOLVE = "/moby.buildkit.v1.Control/Solve";
    static final String STATUS = "/moby.buildkit.v1.Control/Status";

    /** How the fake answers a solve: the response headers (null for a trailers-only answer), messages, trailers. */
    record Answer(Http2Headers headers, List<byte[]> messages, Http2Headers trailers) {
    }

    /** What a stream brought: its request headers, its DATA frames' payload (gRPC framing included), a reset. */
    static final class Received {
        final Http2Headers headers;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        volatile int dataFrames;
        volatile boolean reset;

        Received(Http2Headers headers) {
            this.headers = headers;
        }

        /** The request's one gRPC message. */
        byte[] message() {
            List<byte[]> messages = GrpcTestClient.messages(data.toByteArray());
            if (messages.size() != 1) {
                throw new AssertionError("expected one message, got " + messages.size());
            }
            return messages.get(0);
        }
    }

    /** Every stream opened, in order. */
    final List<Received> streams = new CopyOnWriteArrayList<>();
    /** The solve's answer. */
    volatile Answer solveAnswer;
    /** The status updates of a build, given the moment its solve arrived. */
    volatile Function<Instant, List<StatusResponse>> statusUpdates = arrived -> List.of();
    /** When the last solve arrived. */
    volatile Instant solveArrived;

    private final Map<String, Channel> waitingStatus = new ConcurrentHashMap<>();
    private final EventLoopGroup group;
    private final Channel server;

    FakeNativeGrpcDaemon(Path socket) {
        Transport transport = Transport.best();
        group = transport.newEventLoopGroup(1);
        server = new ServerBootstrap().group(group).channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel connection) {
                        connection.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                                new Http2MultiplexHandler(new ChannelInitializer<>() {
                                    @Override
                                    protected void initChannel(Channel stream) {
                                        stream.pipeline().addLast(new Stream());
                                    }
                                }));
                    }
                })
                .bind(transport.address(socket)).syncUninterruptibly().channel();
    }

    List<Received> streams(String path) {
        return streams.stream().filter(s -> s.headers.path().toString().equals(path)).toList();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One stream: the request gathered, answered when it ends. */
    private final class Stream extends ChannelInboundHandlerAdapter {
        private Received received;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame headers && received == null) {
                    received = new Received(headers.headers());
                    streams.add(received);
                    if (headers.isEndStream()) {
                        answer(ctx.channel());
                    }
                } else if (msg instanceof Http2DataFrame data && received != null) {
                    received.dataFrames++;
                    data.content().readBytes(received.data, data.content().readableBytes());
                    if (data.isEndStream()) {
                        answer(ctx.channel());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof Http2ResetFrame && received != null) {
                received.reset = true;
            }
            ReferenceCountUtil.release(event);
        }

        private void answer(Channel stream) {
            String path = received.headers.path().toString();
            if (path.equals(STATUS)) {
                String ref = parseRef(received.message());
                stream.writeAndFlush(new DefaultHttp2HeadersFrame(Grpc.responseHeaders()));
                waitingStatus.put(ref, stream);
            } else if (path.equals(SOLVE)) {
                solve(stream);
            } else {
                stream.writeAndFlush(new DefaultHttp2HeadersFrame(Grpc.responseHeaders()
                        .add("grpc-status", "12").add("grpc-message", "unknown method " + path), true));
            }
        }

        private void solve(Channel stream) {
            Instant arrived = Instant.now();
            solveArrived = arrived;
            String ref;
            try {
                ref = ControlSolve.read(Unpooled.wrappedBuffer(received.message())).ref();
            } catch (RuntimeException e) {
                ref = "";
            }
            Channel status = waitingStatus.remove(ref);
            if (status != null) {
                for (StatusResponse update : statusUpdates.apply(arrived)) {
                    status.writeAndFlush(new DefaultHttp2DataFrame(GrpcTestClient.frame(update.toByteArray())));
                }
            }
            Answer answer = solveAnswer;
            if (answer.headers() != null) {
                stream.write(new DefaultHttp2HeadersFrame(answer.headers()));
                for (byte[] message : answer.messages()) {
                    stream.write(new DefaultHttp2DataFrame(GrpcTestClient.frame(message)));
                }
            }
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(answer.trailers(), true));
            if (status != null) {
                status.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().add("grpc-status", "0"), true));
            }
        }
    }

    private static String parseRef(byte[] statusRequest) {
        try {
            return StatusRequest.parseFrom(statusRequest).getRef();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** gRPC's framing over HTTP/2. */
    static final class Grpc {
        private Grpc() {
        }

        static Http2Headers responseHeaders() {
            return new DefaultHttp2Headers().status("200").add("content-type", "application/grpc");
        }
    }
}
