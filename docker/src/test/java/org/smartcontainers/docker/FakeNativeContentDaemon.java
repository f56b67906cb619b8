package org.smartcontainers.docker;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Docker 29 as BuildKit's clients may meet it: {@code POST /grpc} is gone (404), and gRPC is served natively, HTTP/2
 * with prior knowledge on the API socket, here only the containerd content service's {@code Read}. No daemon here
 * behaves so, hence this fake; it is Netty's HTTP/2 server, flow control included (a blob larger than the initial
 * window waits for the reader's window updates).
 */
final class FakeNativeContentDaemon implements AutoCloseable {
    private static final String READ = "/containerd.services.content.v1.Content/Read";
    private static final int CHUNK = 32 << 10;

    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final AtomicInteger http1Requests = new AtomicInteger();
    final AtomicInteger grpcCalls = new AtomicInteger();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    FakeNativeContentDaemon(Path socket) {
        server = new ServerBootstrap().group(group).channel(NioServerDomainSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new FirstBytes());
                    }
                }).bind(UnixDomainSocketAddress.of(socket)).syncUninterruptibly().channel();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** HTTP/2 with prior knowledge when the connection opens with its preface, else HTTP/1: as the daemon tells them apart. */
    private final class FirstBytes extends ByteToMessageDecoder {
        private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int seen = Math.min(in.readableBytes(), PREFACE.length);
            boolean http2 = ByteBufUtil.equals(in, in.readerIndex(), Unpooled.wrappedBuffer(PREFACE), 0, seen);
            if (http2 && seen < PREFACE.length) {
                return; // not yet told
            }
            if (http2) {
                ctx.pipeline().addAfter(ctx.name(), "http2", Http2FrameCodecBuilder.forServer().build())
                        .addAfter("http2", null, new Http2MultiplexHandler(new ChannelInitializer<>() {
                            @Override
                            protected void initChannel(Channel stream) {
                                stream.pipeline().addLast(new ContentRead());
                            }
                        }));
            } else {
                ctx.pipeline().addAfter(ctx.name(), null, new RemovedEndpoint());
                ctx.pipeline().addAfter(ctx.name(), null, new HttpServerCodec());
            }
            ctx.pipeline().remove(this); // what it holds passes on to the handlers just added
        }
    }

    /** Any HTTP/1 request: Docker 29 without {@code /grpc} answers 404. */
    private final class RemovedEndpoint extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpRequest) {
                    http1Requests.incrementAndGet();
                    DefaultFullHttpResponse notFound = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND,
                            Unpooled.copiedBuffer("{\"message\":\"page not found\"}\n", StandardCharsets.UTF_8));
                    notFound.headers().set(HttpHeaderNames.CONTENT_LENGTH, notFound.content().readableBytes())
                            .set(HttpHeaderNames.CONNECTION, "close");
                    ctx.writeAndFlush(notFound).addListener(ChannelFutureListener.CLOSE);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    /** One stream: {@code Content/Read} of a blob, answered in several messages; a blob unknown is NOT_FOUND. */
    private final class ContentRead extends ChannelInboundHandlerAdapter {
        private final ByteArrayOutputStream request = new ByteArrayOutputStream();
        private String path;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame headers) {
                    path = headers.headers().path().toString();
                } else if (msg instanceof Http2DataFrame data) {
                    byte[] bytes = new byte[data.content().readableBytes()];
                    data.content().readBytes(bytes);
                    request.write(bytes, 0, bytes.length);
                    if (data.isEndStream()) {
                        answer(ctx);
                    }
                }
            } catch (IOException e) {
                ctx.writeAndFlush(new DefaultHttp2HeadersFrame(trailers(13, e.getMessage()), true));
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void answer(ChannelHandlerContext ctx) throws IOException {
            grpcCalls.incrementAndGet();
            if (!READ.equals(path)) {
                ctx.writeAndFlush(new DefaultHttp2HeadersFrame(trailers(12, "unknown method " + path), true));
                return;
            }
            byte[] message = Arrays.copyOfRange(request.toByteArray(), 5, request.size());
            String digest = null;
            CodedInputStream coded = CodedInputStream.newInstance(message);
            for (int tag = coded.readTag(); tag != 0; tag = coded.readTag()) {
                if (tag == (1 << 3 | 2)) {
                    digest = coded.readString();
                } else {
                    coded.skipField(tag);
                }
            }
            byte[] blob = blobs.get(digest);
            if (blob == null) {
                ctx.writeAndFlush(new DefaultHttp2HeadersFrame(trailers(5, "content digest " + digest + ": not found"), true));
                return;
            }
            ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200").add("content-type", "application/grpc")));
            for (int offset = 0; offset < blob.length; offset += CHUNK) {
                ctx.write(new DefaultHttp2DataFrame(response(offset, Arrays.copyOfRange(blob, offset, Math.min(blob.length, offset + CHUNK)))));
            }
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(trailers(0, null), true));
        }

        /** {@code ReadContentResponse}: offset = 1, data = 2; gRPC-framed. */
        private ByteBuf response(long offset, byte[] data) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream coded = CodedOutputStream.newInstance(bytes);
            coded.writeInt64(1, offset);
            coded.writeBytes(2, ByteString.copyFrom(data));
            coded.flush();
            return Unpooled.wrappedBuffer(ByteBuffer.allocate(5).put((byte) 0).putInt(bytes.size()).array(), bytes.toByteArray());
        }

        private Http2Headers trailers(int status, String message) {
            Http2Headers trailers = new DefaultHttp2Headers();
            if (status != 0) {
                trailers.status("200").add("content-type", "application/grpc"); // a trailers-only answer
            }
            trailers.add("grpc-status", Integer.toString(status));
            if (message != null) {
                trailers.add("grpc-message", message.replace("%", "%25").replace(" ", "%20"));
            }
            return trailers;
        }
    }
}
