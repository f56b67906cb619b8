package org.smartcontainers.testsupport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
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
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC client as buildx is one, on Netty's HTTP/2 codec: either with prior knowledge (its first bytes
 * are the connection preface, as against Docker 29) or after {@code POST /grpc} switched the connection
 * to h2c (Docker 20.10 to 28). One stream per call.
 */
public final class GrpcTestClient implements AutoCloseable {
    /** What came back: response headers (null for a trailers-only answer), the messages, the trailers. */
    public record Answer(Http2Headers headers, List<byte[]> messages, Http2Headers trailers) {
        public String grpcStatus() {
            CharSequence status = trailers.get("grpc-status");
            return status == null ? null : status.toString();
        }

        public String grpcMessage() {
            CharSequence message = trailers.get("grpc-message");
            return message == null ? null : message.toString();
        }
    }

    /** One call: its response headers when they come, its whole answer when the stream ends. */
    public record Call(CompletableFuture<Http2Headers> headers, CompletableFuture<Answer> answer) {
    }

    private final EventLoopGroup group;
    private final Channel connection;

    private GrpcTestClient(EventLoopGroup group, Channel connection) {
        this.group = group;
        this.connection = connection;
    }

    /**
     * Speaks HTTP/2 from the first byte on a connection made by {@code bootstrap} (its group and channel
     * type set; the group is the client's to shut down) to {@code address}.
     */
    public static GrpcTestClient priorKnowledge(Bootstrap bootstrap, SocketAddress address) {
        Channel connection = bootstrap.handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                speakHttp2(channel);
            }
        }).connect(address).syncUninterruptibly().channel();
        return new GrpcTestClient(bootstrap.config().group(), connection);
    }

    /** Asks for h2c with {@code POST path} (Docker's {@code /grpc}) first, as the docker CLI's buildx does. */
    public static GrpcTestClient afterUpgrade(Bootstrap bootstrap, SocketAddress address, String path) {
        CompletableFuture<Void> switched = new CompletableFuture<>();
        Channel connection = bootstrap.handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(new UpgradeAnswer(switched));
            }
        }).connect(address).syncUninterruptibly().channel();
        String upgrade = "POST " + path + " HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n"
                + "Content-Length: 0\r\n\r\n";
        connection.writeAndFlush(Unpooled.copiedBuffer(upgrade, StandardCharsets.US_ASCII));
        switched.orTimeout(60, TimeUnit.SECONDS).join();
        return new GrpcTestClient(bootstrap.config().group(), connection);
    }

    private static void speakHttp2(Channel channel) {
        channel.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
    }

    /** Sends one request message on a new stream, its end with it. */
    public Call call(String path, byte[] message) {
        Call call = new Call(new CompletableFuture<>(), new CompletableFuture<>());
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection).handler(new Reader(call))
                .open().syncUninterruptibly().getNow();
        Http2Headers headers = new DefaultHttp2Headers().method("POST").scheme("http").path(path)
                .authority("localhost").add("content-type", "application/grpc").add("te", "trailers")
                .add("user-agent", "grpc-go/1.74.2");
        stream.write(new DefaultHttp2HeadersFrame(headers));
        stream.writeAndFlush(new DefaultHttp2DataFrame(frame(message), true));
        return call;
    }

    /** True while the connection is open. */
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        connection.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A message with its 5-byte gRPC prefix (not compressed). */
    public static ByteBuf frame(byte[] message) {
        return Unpooled.buffer(5 + message.length).writeByte(0).writeInt(message.length).writeBytes(message);
    }

    /** The messages of a stream's DATA payload, each after its 5-byte prefix (never compressed here). */
    public static List<byte[]> messages(byte[] data) {
        ByteBuf bytes = Unpooled.wrappedBuffer(data);
        List<byte[]> messages = new ArrayList<>();
        while (bytes.readableBytes() >= 5) {
            if (bytes.readByte() != 0) {
                throw new AssertionError("a compressed message");
            }
            byte[] message = new byte[bytes.readInt()];
            bytes.readBytes(message);
            messages.add(message);
        }
        if (bytes.isReadable()) {
            throw new AssertionError("a message cut short");
        }
        return messages;
    }

    /** Reads the answer to the upgrade; on 101, the connection speaks HTTP/2 with what followed it. */
    private static final class UpgradeAnswer extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Void> switched;
        private final ByteArrayOutputStream head = new ByteArrayOutputStream();

        UpgradeAnswer(CompletableFuture<Void> switched) {
            this.switched = switched;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                while (in.isReadable() && !endsHead()) {
                    head.write(in.readByte());
                }
                if (!endsHead()) {
                    return;
                }
                String answer = head.toString(StandardCharsets.ISO_8859_1);
                if (!answer.startsWith("HTTP/1.1 101 ")) {
                    switched.completeExceptionally(new AssertionError("the upgrade was answered: " + answer));
                    ctx.close();
                    return;
                }
                ctx.pipeline().remove(this);
                speakHttp2(ctx.channel());
                if (in.isReadable()) {
                    ctx.pipeline().fireChannelRead(in.retain());
                }
                switched.complete(null);
            } finally {
                in.release();
            }
        }

        private boolean endsHead() {
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            switched.completeExceptionally(new AssertionError("the connection closed before the upgrade was answered"));
        }
    }

    /** Gathers a stream's answer. */
    private static final class Reader extends ChannelInboundHandlerAdapter {
        private final Call call;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        private Http2Headers headers;

        Reader(Call call) {
            this.call = call;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame frame) {
                    if (!frame.isEndStream()) {
                        headers = frame.headers();
                        call.headers().complete(headers);
                    } else {
                        call.headers().complete(headers != null ? headers : frame.headers());
                        call.answer().complete(new Answer(headers, messages(data.toByteArray()), frame.headers()));
                    }
                } else if (msg instanceof Http2DataFrame frame) {
                    data.writeBytes(ByteBufUtil.getBytes(frame.content()));
                    if (frame.isEndStream()) {
                        call.answer().completeExceptionally(new AssertionError("the stream ended without trailers"));
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof Http2ResetFrame reset) {
                call.answer().completeExceptionally(new AssertionError("the stream was reset: " + reset.errorCode()));
            }
            ReferenceCountUtil.release(event);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            call.answer().completeExceptionally(new AssertionError("the stream closed without trailers"));
        }
    }
}
