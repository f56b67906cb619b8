package org.smartcontainers.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.proxy.h2.ConnectionWatcher;
import org.smartcontainers.proxy.h2.StreamWatcher;
import org.smartcontainers.proxy.intercept.Interceptors;

/**
 * The HTTP/2 tap in its place in the relay: after a {@code /grpc} or {@code /session} hijack
 * answered with 101 and {@code Upgrade: h2c}, and for HTTP/2 with prior knowledge, with Netty's
 * HTTP/2 client and server at the two ends.
 */
class Http2TapInRelayTest {
    @AfterEach
    void releaseWhatNoTestRead() {
        EmbeddedRelay.releaseEveryOne();
    }

    private static final String UPGRADE = "POST /v1.47/grpc HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\n"
            + "Upgrade: h2c\r\nContent-Length: 0\r\n\r\n";
    private static final String SWITCHED = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n";

    private final List<String> seen = new ArrayList<>();
    private final List<String> upgrades = new ArrayList<>();

    /** Watches every stream; Solve's request messages get a suffix. */
    private ConnectionWatcher watcher() {
        return (streamId, headers) -> {
            seen.add(streamId + " " + headers.path());
            boolean solve = headers.path().toString().endsWith("/Solve");
            return new StreamWatcher() {
                @Override
                public boolean rewritesRequests() {
                    return solve;
                }

                @Override
                public ByteBuf rewriteRequest(ByteBuf message) {
                    return Unpooled.copiedBuffer(message.toString(StandardCharsets.US_ASCII) + "+label",
                            StandardCharsets.US_ASCII);
                }

                @Override
                public void observeResponse(ByteBuf message) {
                    seen.add("response " + message.toString(StandardCharsets.US_ASCII));
                }
            };
        };
    }

    private Interceptors watching() {
        return Interceptors.watching((HttpRequest request, Caller caller) -> {
            upgrades.add(request.uri());
            return watcher();
        }, caller -> watcher());
    }

    @Test
    void anH2cUpgradeOnGrpcIsTappedAndItsSolveRewritten() {
        EmbeddedRelay relay = new EmbeddedRelay(watching());
        relay.clientSends(UPGRADE);
        assertEquals(UPGRADE, relay.daemonReceived());
        relay.daemonSends(SWITCHED);
        assertEquals(SWITCHED, relay.clientReceived());
        assertNotNull(relay.client.pipeline().get(Pipelines.TAP));
        assertNotNull(relay.daemon().pipeline().get(Pipelines.TAP));
        assertNull(relay.client.pipeline().get(Pipelines.CODEC));
        assertEquals(List.of("/v1.47/grpc"), upgrades);

        Peers peers = new Peers(relay.client, relay.daemon());
        assertEquals("solve+label", peers.call("/moby.buildkit.v1.Control/Solve", "solve"));
        assertEquals("status", peers.call("/moby.buildkit.v1.Control/Status", "status"));
        assertEquals(List.of("3 /moby.buildkit.v1.Control/Solve", "response solve+label",
                "5 /moby.buildkit.v1.Control/Status", "response status"), seen);
    }

    @Test
    void otherUpgradesStayRaw() {
        EmbeddedRelay relay = new EmbeddedRelay(watching());
        String attach = "POST /v1.47/containers/abc/attach?stream=1 HTTP/1.1\r\nHost: docker\r\n"
                + "Connection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 0\r\n\r\n";
        relay.clientSends(attach);
        relay.daemonReceived();
        relay.daemonSends(SWITCHED);
        assertEquals(SWITCHED, relay.clientReceived());
        assertNotNull(relay.client.pipeline().get(Pipelines.RELAY), "not a BuildKit route: raw");
        assertNull(relay.client.pipeline().get(Pipelines.TAP));
    }

    @Test
    void withoutAWatcherAnH2cUpgradeStaysRaw() {
        EmbeddedRelay relay = new EmbeddedRelay(Interceptors.NONE);
        relay.clientSends(UPGRADE);
        relay.daemonReceived();
        relay.daemonSends(SWITCHED);
        assertEquals(SWITCHED, relay.clientReceived());
        assertNotNull(relay.client.pipeline().get(Pipelines.RELAY));
        assertNull(relay.client.pipeline().get(Pipelines.TAP));
    }

    @Test
    void http2WithPriorKnowledgeIsTappedWhenAWatcherIsGiven() {
        EmbeddedRelay daemons = new EmbeddedRelay();
        EmbeddedChannel client = new EmbeddedChannel();
        Pipelines.configure(client.config());
        client.pipeline().addLast(Pipelines.SNIFFER, new ProtocolSniffer(daemons, watching(), Caller.UNKNOWN));
        Peers peers = new Peers(client, null);
        peers.pumpUntilDaemon(daemons);
        assertNotNull(client.pipeline().get(Pipelines.TAP));
        assertEquals("solve+label", peers.call("/moby.buildkit.v1.Control/Solve", "solve"));
        assertEquals(List.of("3 /moby.buildkit.v1.Control/Solve", "response solve+label"), seen);
    }

    /** Netty's HTTP/2 client on the relay's client channel, its server on the daemon's; the server echoes. */
    private static final class Peers {
        final EmbeddedChannel h2Client = new EmbeddedChannel(Http2FrameCodecBuilder.forClient().build(),
                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
        final EmbeddedChannel h2Server = new EmbeddedChannel(Http2FrameCodecBuilder.forServer().build(),
                new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel stream) {
                        stream.pipeline().addLast(new Echo());
                    }
                }));
        final EmbeddedChannel relayClient;
        EmbeddedChannel relayDaemon;

        Peers(EmbeddedChannel relayClient, EmbeddedChannel relayDaemon) {
            this.relayClient = relayClient;
            this.relayDaemon = relayDaemon;
            pump();
        }

        /** The first bytes make the sniffer open a connection to the daemon; the server goes there. */
        void pumpUntilDaemon(EmbeddedRelay daemons) {
            move(h2Client, relayClient);
            relayDaemon = daemons.daemon();
            pump();
        }

        void pump() {
            for (boolean moved = true; moved; ) {
                moved = move(h2Client, relayClient) | move(relayClient, h2Client);
                if (relayDaemon != null) {
                    moved |= move(h2Server, relayDaemon) | move(relayDaemon, h2Server);
                }
                for (EmbeddedChannel c : new EmbeddedChannel[] {h2Client, h2Server, relayClient}) {
                    c.runPendingTasks();
                }
            }
        }

        private static boolean move(EmbeddedChannel from, EmbeddedChannel to) {
            boolean moved = false;
            for (Object out; (out = from.readOutbound()) != null; ) {
                ByteBuf bytes = (ByteBuf) out;
                if (bytes.isReadable()) {
                    moved = true;
                    to.writeInbound(bytes);
                } else {
                    bytes.release();
                }
            }
            return moved;
        }

        /** One unary gRPC call; the text of the message echoed. */
        String call(String path, String message) {
            StringBuilder answer = new StringBuilder();
            Http2StreamChannel stream = new Http2StreamChannelBootstrap(h2Client).handler(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof Http2DataFrame data && data.content().readableBytes() > 5) {
                        answer.append(data.content().toString(data.content().readerIndex() + 5,
                                data.content().readableBytes() - 5, StandardCharsets.US_ASCII));
                    }
                    ReferenceCountUtil.release(msg);
                }
            }).open().syncUninterruptibly().getNow();
            Http2Headers headers = new DefaultHttp2Headers().method("POST").scheme("http").authority("docker")
                    .path(path).set("content-type", "application/grpc");
            stream.write(new DefaultHttp2HeadersFrame(headers));
            byte[] text = message.getBytes(StandardCharsets.US_ASCII);
            stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.buffer().writeByte(0).writeInt(text.length)
                    .writeBytes(text), true));
            pump();
            return answer.toString();
        }
    }

    private static final class Echo extends ChannelInboundHandlerAdapter {
        private final ByteBuf request = Unpooled.buffer();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            boolean end = msg instanceof Http2HeadersFrame h ? h.isEndStream() : ((Http2DataFrame) msg).isEndStream();
            if (msg instanceof Http2DataFrame data) {
                request.writeBytes(data.content());
            }
            ReferenceCountUtil.release(msg);
            if (end) {
                ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                        .set("content-type", "application/grpc")));
                ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(ByteBufUtil.getBytes(request))));
                ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().set("grpc-status", "0"), true));
            }
        }
    }
}
