package org.smartcontainers.proxy.relay;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.proxy.h2.ConnectionWatcher;
import org.smartcontainers.proxy.h2.Http2Tap;
import org.smartcontainers.proxy.intercept.Interceptors;

/** Every pipeline the proxy builds, and the switches from HTTP to raw bytes or to an HTTP/2 tap. */
public final class Pipelines {
    static final String SNIFFER = "sniffer";
    static final String CODEC = "http-codec";
    static final String EXCHANGES = "exchanges";
    static final String RELAY = "raw-relay";
    static final String TAP = "h2-tap";

    /** Go's net/http accepts 1 MiB of headers; X-Registry-Config and build queries can be large. */
    private static final int MAX_HEAD_BYTES = 1 << 20;
    private static final int MAX_CHUNK_BYTES = 1 << 16;

    private Pipelines() {
    }

    /**
     * Bytes a connection may hold unsent before its peer stops reading: enough for a stream to
     * flow in large writes, small enough that memory stays flat whatever the stream's size.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(128 * 1024, 512 * 1024);

    /** Reads grow up to 256 KiB while a stream keeps them full, shrink again for small messages. */
    static RecvByteBufAllocator readSizes() {
        return new AdaptiveRecvByteBufAllocator(64, 2048, 256 * 1024);
    }

    /** Options for both sides of every proxied connection. */
    static void configure(ChannelConfig config) {
        config.setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        config.setWriteBufferWaterMark(WATER_MARK);
        config.setRecvByteBufAllocator(readSizes());
    }

    static HttpDecoderConfig decoderConfig() {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_HEAD_BYTES)
                .setMaxHeaderSize(MAX_HEAD_BYTES)
                .setMaxChunkSize(MAX_CHUNK_BYTES);
    }

    /**
     * A client just accepted: its first bytes tell HTTP/1 from HTTP/2 with prior knowledge.
     *
     * @param caller who is at the other end, as the transport tells
     */
    public static void acceptedClient(Channel client, DockerConnector daemon, Interceptors interceptors,
            Caller caller) {
        configure(client.config());
        client.pipeline().addLast(SNIFFER, new ProtocolSniffer(daemon, interceptors, caller));
    }

    /** The client speaks HTTP/1: the sniffer gives way to the codec, handing it the bytes read so far. */
    static void sniffedHttp1(ChannelPipeline pipeline, ProtocolSniffer sniffer, DockerDialer daemon,
            Interceptors interceptors, Caller caller) {
        clientSideHttp(pipeline, daemon, interceptors, caller);
        pipeline.remove(sniffer);
    }

    static void clientSideHttp(ChannelPipeline pipeline, DockerDialer daemon, Interceptors interceptors,
            Caller caller) {
        pipeline.addLast(CODEC, new HttpServerCodec(decoderConfig()));
        pipeline.addLast(EXCHANGES, new ClientSideHandler(pipeline.channel(), daemon, interceptors, caller));
    }

    /**
     * The client sent the HTTP/2 preface: a tunnel to the daemon is opened for it, raw, or through
     * a tap when a watcher wants to see inside.
     */
    static void sniffedHttp2(ChannelPipeline pipeline, ProtocolSniffer sniffer, DockerDialer daemon,
            Interceptors interceptors, Caller caller) {
        ConnectionWatcher watcher = interceptors.watcherForPriorKnowledge(caller);
        pipeline.replace(sniffer, RELAY, new RawTunnelOpener(daemon, watcher == null ? null : new Http2Tap(watcher)));
    }

    /** Builds the daemon side of a tunnel: raw, or the tap's daemon side when {@code tap} is given. */
    static ChannelHandler dockerSideTunnel(Channel client, Http2Tap tap) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel daemon) {
                if (tap == null) {
                    daemon.pipeline().addLast(RELAY, new RawRelayHandler(client));
                } else {
                    daemon.pipeline().addLast(TAP, tap.relayingTo(client));
                }
            }
        };
    }

    /** The tunnel is open: the client's side relays raw bytes to it, or its frames through the tap. */
    static void tunnelOpened(ChannelPipeline client, RawTunnelOpener opener, Channel daemon, Http2Tap tap) {
        if (tap == null) {
            client.replace(opener, RELAY, new RawRelayHandler(daemon));
        } else {
            client.replace(opener, TAP, tap.relayingTo(daemon));
        }
    }

    /** Builds the pipeline of each connection a client's HTTP relay opens to the daemon. */
    static ChannelHandler dockerSideHttp(ClientSideHandler client) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel daemon) {
                daemon.pipeline().addLast(CODEC, new DockerSideCodec(decoderConfig()));
                daemon.pipeline().addLast(EXCHANGES, new DockerSideHandler(client));
            }
        };
    }

    /**
     * After the daemon answered a hijack (101, or attach/exec's 200 raw stream) and that answer was
     * written to the client: both sides relay raw bytes from here on. Encoders go first, so the
     * bytes each decoder still held, forwarded as it is removed, reach the peer untouched.
     */
    static void switchToRaw(Channel client, Channel daemon) {
        ((HttpServerCodec) client.pipeline().get(CODEC)).removeOutboundHandler();
        ((DockerSideCodec) daemon.pipeline().get(CODEC)).removeOutboundHandler();
        client.pipeline().replace(EXCHANGES, RELAY, new RawRelayHandler(daemon));
        daemon.pipeline().replace(EXCHANGES, RELAY, new RawRelayHandler(client));
        client.pipeline().remove(CODEC);
        daemon.pipeline().remove(CODEC);
        client.config().setAutoRead(daemon.isWritable());
        daemon.config().setAutoRead(client.isWritable());
    }

    /**
     * After the daemon switched a {@code /grpc} or {@code /session} call to h2c and that answer was
     * written to the client: both sides relay HTTP/2 frames through one tap, which shows them to
     * {@code watcher}. As in {@link #switchToRaw}, the bytes the decoders held reach the tap.
     */
    static void switchToTap(Channel client, Channel daemon, ConnectionWatcher watcher) {
        Http2Tap tap = new Http2Tap(watcher);
        ((HttpServerCodec) client.pipeline().get(CODEC)).removeOutboundHandler();
        ((DockerSideCodec) daemon.pipeline().get(CODEC)).removeOutboundHandler();
        client.pipeline().replace(EXCHANGES, TAP, tap.relayingTo(daemon));
        daemon.pipeline().replace(EXCHANGES, TAP, tap.relayingTo(client));
        client.pipeline().remove(CODEC);
        daemon.pipeline().remove(CODEC);
        client.config().setAutoRead(daemon.isWritable());
        daemon.config().setAutoRead(client.isWritable());
    }
}
