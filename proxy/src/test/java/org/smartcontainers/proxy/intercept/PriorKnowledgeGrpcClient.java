package org.smartcontainers.proxy.intercept;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
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
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.smartcontainers.proxy.Transport;
import org.smartcontainers.proxy.intercept.FakeNativeGrpcDaemon.Grpc;

/**
 * A gRPC client as buildx is one against Docker 29: HTTP/2 with prior knowledge on the Unix socket
 * (its first bytes are the connection preface), one stream per call, on Netty's HTTP/2 codec.
 */
final class PriorKnowledgeGrpcClient implements AutoCloseable {
    /** What came back: response headers (null for a trailers-only answer), the messages, the trailers. */
    record Answer(Http2Headers headers, List<byte[]> messages, Http2Headers trailers) {
        String grpcStatus() {
            CharSequence status = trailers.get("grpc-status");
            return status == null ? null : status.toString();
        }
    }

    /** One call: its response headers when they come, its whole answer when the stream ends. */
    record Call(CompletableFuture<Http2Headers> headers, CompletableFuture<Answer> answer) {
    }

    private final EventLoopGroup group;
    private final Channel connection;

    PriorKnowledgeGrpcClient(Path socket) {
        Transport transport = Transport.best();
        group = transport.newEventLoopGroup(1);
        connection = new Bootstrap().group(group).channel(transport.clientChannel())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                })
                .connect(transport.address(socket)).syncUninterruptibly().channel();
    }

    /** Sends one request message on a new stream, its end with it. */
    Call call(String path, byte[] message) {
        Call call = new Call(new CompletableFuture<>(), new CompletableFuture<>());
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection).handler(new Reader(call))
                .open().syncUninterruptibly().getNow();
        Http2Headers headers = new DefaultHttp2Headers().method("POST").scheme("http").path(path)
                .authority("localhost").add("content-type", "application/grpc").add("te", "trailers")
                .add("user-agent", "grpc-go/1.74.2");
        stream.write(new DefaultHttp2HeadersFrame(headers));
        stream.writeAndFlush(new DefaultHttp2DataFrame(Grpc.frame(message), true));
        return call;
    }

    @Override
    public void close() {
        connection.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
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
                        call.answer().complete(new Answer(headers, Grpc.messages(data.toByteArray()), frame.headers()));
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
