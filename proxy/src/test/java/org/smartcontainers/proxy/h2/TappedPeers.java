package org.smartcontainers.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Two real HTTP/2 peers (Netty's codec, client and server) connected through an {@link Http2Tap},
 * all on EmbeddedChannels: {@link #pump} moves bytes until nothing moves. The server answers each
 * stream, once its request has ended, with response headers, the request's bytes echoed, and trailers
 * {@code grpc-status: 0}. Every byte each peer sent and received is kept, to compare.
 */
final class TappedPeers {
    final EmbeddedChannel client;
    final EmbeddedChannel server;
    /** The proxy's two channels: the one the docker CLI would connect to, and the one to the daemon. */
    final EmbeddedChannel proxyClientSide = new EmbeddedChannel();
    final EmbeddedChannel proxyDaemonSide = new EmbeddedChannel();
    final ByteArrayOutputStream clientSent = new ByteArrayOutputStream();
    final ByteArrayOutputStream serverReceived = new ByteArrayOutputStream();
    final ByteArrayOutputStream serverSent = new ByteArrayOutputStream();
    final ByteArrayOutputStream clientReceived = new ByteArrayOutputStream();
    final List<Object> clientConnectionEvents = new ArrayList<>();
    final List<Object> serverConnectionEvents = new ArrayList<>();
    private final boolean clientBehindDaemonSide;

    /**
     * @param reversed the HTTP/2 client (the side sending the preface) is on the daemon's side, as on
     *     {@code /session}
     */
    TappedPeers(ConnectionWatcher watcher, boolean reversed) {
        this(watcher, reversed, true);
    }

    /** @param connect false: nothing moves yet, each peer has only written its preface */
    TappedPeers(ConnectionWatcher watcher, boolean reversed, boolean connect) {
        this.clientBehindDaemonSide = reversed;
        Http2Tap tap = new Http2Tap(watcher);
        proxyClientSide.pipeline().addLast(tap.relayingTo(proxyDaemonSide));
        proxyDaemonSide.pipeline().addLast(tap.relayingTo(proxyClientSide));
        server = new EmbeddedChannel(recorder(serverReceived, serverSent),
                Http2FrameCodecBuilder.forServer().build(),
                new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel stream) {
                        stream.pipeline().addLast(new EchoingStream());
                    }
                }), events(serverConnectionEvents));
        client = new EmbeddedChannel(recorder(clientReceived, clientSent),
                Http2FrameCodecBuilder.forClient().build(),
                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()), events(clientConnectionEvents));
        if (connect) {
            pump();
        }
    }

    TappedPeers(ConnectionWatcher watcher) {
        this(watcher, false);
    }

    private EmbeddedChannel proxyFacingClient() {
        return clientBehindDaemonSide ? proxyDaemonSide : proxyClientSide;
    }

    private EmbeddedChannel proxyFacingServer() {
        return clientBehindDaemonSide ? proxyClientSide : proxyDaemonSide;
    }

    /** Moves bytes between the four channels until none moves. */
    void pump() {
        for (boolean moved = true; moved; ) {
            for (EmbeddedChannel channel : List.of(client, server, proxyClientSide, proxyDaemonSide)) {
                channel.runPendingTasks(); // first: a task (a hold let go) may write what is moved next
            }
            moved = move(client, proxyFacingClient()) | move(proxyFacingClient(), client)
                    | move(server, proxyFacingServer()) | move(proxyFacingServer(), server);
        }
    }

    private static boolean move(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        for (Object out; (out = from.readOutbound()) != null; ) {
            ByteBuf bytes = (ByteBuf) out;
            if (!bytes.isReadable() || !to.isOpen()) {
                bytes.release();
                continue;
            }
            moved = true;
            to.writeInbound(bytes);
        }
        return moved;
    }

    /** Keeps each byte the channel receives and sends. */
    private static ChannelHandler recorder(ByteArrayOutputStream received, ByteArrayOutputStream sent) {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf bytes = (ByteBuf) msg;
                received.writeBytes(ByteBufUtil.getBytes(bytes));
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                ByteBuf bytes = (ByteBuf) msg;
                sent.writeBytes(ByteBufUtil.getBytes(bytes));
                ctx.write(msg, promise);
            }
        };
    }

    private static ChannelHandler events(List<Object> into) {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Http2GoAwayFrame goAway) {
                    into.add("GOAWAY " + goAway.errorCode());
                }
                ReferenceCountUtil.release(msg);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof Http2GoAwayFrame goAway) {
                    into.add("GOAWAY " + goAway.errorCode());
                    goAway.release();
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                into.add(cause);
            }
        };
    }

    /**
     * What the client may still send on the connection, and what the server lets it: equal when the
     * tap kept both views of the connection's window in step.
     */
    long[] connectionWindows() {
        Http2Connection clientSide = client.pipeline().get(Http2FrameCodec.class).connection();
        Http2Connection serverSide = server.pipeline().get(Http2FrameCodec.class).connection();
        return new long[] {
            clientSide.remote().flowController().windowSize(clientSide.connectionStream()),
            serverSide.local().flowController().windowSize(serverSide.connectionStream())};
    }

    static Http2Headers grpcRequest(String path) {
        return new DefaultHttp2Headers().method("POST").scheme("http").authority("docker").path(path)
                .set("content-type", "application/grpc").set("te", "trailers");
    }

    /** A stream the client opens with these headers. */
    Call call(Http2Headers headers) {
        Call call = open(headers);
        pump();
        return call;
    }

    /** A stream the client opens with these headers, its bytes left at the client. */
    Call open(Http2Headers headers) {
        Call call = new Call();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(client).handler(call).open().syncUninterruptibly().getNow();
        call.stream = stream;
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, false));
        return call;
    }

    /** Moves what the client wrote into the tap, and nothing else; true if the tap wrote anything towards the client. */
    boolean clientSendsOnly() {
        move(client, proxyFacingClient());
        proxyFacingClient().runPendingTasks();
        return !proxyFacingClient().outboundMessages().isEmpty();
    }

    /** A gRPC message: flag, length, payload. */
    static ByteBuf message(byte[] payload, boolean compressed) {
        ByteBuf out = Unpooled.buffer(5 + payload.length);
        return out.writeByte(compressed ? 1 : 0).writeInt(payload.length).writeBytes(payload);
    }

    /** One call, from the client's side. */
    static final class Call extends ChannelInboundHandlerAdapter {
        Http2StreamChannel stream;
        final List<Http2Headers> responseHeaders = new ArrayList<>();
        final ByteArrayOutputStream responseData = new ByteArrayOutputStream();
        long resetCode = -1;
        boolean ended;

        /** DATA, in one frame as far as the codec's frame size allows. */
        Call send(ByteBuf data, boolean end, int padding) {
            stream.writeAndFlush(new DefaultHttp2DataFrame(data, end, padding));
            return this;
        }

        Call send(ByteBuf data, boolean end) {
            return send(data, end, 0);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2HeadersFrame headers) {
                responseHeaders.add(headers.headers());
                ended |= headers.isEndStream();
            } else if (msg instanceof Http2DataFrame data) {
                responseData.writeBytes(ByteBufUtil.getBytes(data.content()));
                ended |= data.isEndStream();
            } else if (msg instanceof Http2ResetFrame reset) {
                resetCode = reset.errorCode();
            }
            ReferenceCountUtil.release(msg);
        }

        Http2Headers trailers() {
            return ended ? responseHeaders.get(responseHeaders.size() - 1) : null;
        }
    }

    /** The server's side of a stream: the request's bytes echoed once it has ended. */
    private static final class EchoingStream extends ChannelInboundHandlerAdapter {
        private final ByteArrayOutputStream request = new ByteArrayOutputStream();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            boolean end = false;
            if (msg instanceof Http2HeadersFrame headers) {
                end = headers.isEndStream();
            } else if (msg instanceof Http2DataFrame data) {
                request.writeBytes(ByteBufUtil.getBytes(data.content()));
                end = data.isEndStream();
            }
            ReferenceCountUtil.release(msg);
            if (end) {
                ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                        .set("content-type", "application/grpc"), false));
                ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(request.toByteArray()), false));
                ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().set("grpc-status", "0"), true));
            }
        }
    }
}
