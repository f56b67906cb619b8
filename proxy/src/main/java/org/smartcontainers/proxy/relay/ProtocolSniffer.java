package org.smartcontainers.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.smartcontainers.provenance.recording.Caller;
import org.smartcontainers.proxy.intercept.Interceptors;

/**
 * First handler on every client connection: HTTP/2 with prior knowledge (which daemons since 29.2
 * accept) is tunnelled (raw, or through a tap when a watcher is given); anything else is HTTP/1.1. Decides on the first differing byte, so an
 * HTTP/1 request waits for nothing.
 */
final class ProtocolSniffer extends ByteToMessageDecoder {
    private static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private final DockerDialer daemon;
    private final Interceptors interceptors;
    private final Caller caller;

    /** @param caller who is at the other end of this connection, as its transport tells */
    ProtocolSniffer(DockerDialer daemon, Interceptors interceptors, Caller caller) {
        this.daemon = daemon;
        this.interceptors = interceptors;
        this.caller = caller;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == ClientSideHandler.DRAIN) {
            ctx.close(); // shutting down, and this client has not said anything yet
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int seen = Math.min(in.readableBytes(), HTTP2_PREFACE.length);
        for (int i = 0; i < seen; i++) {
            if (in.getByte(in.readerIndex() + i) != HTTP2_PREFACE[i]) {
                Pipelines.sniffedHttp1(ctx.pipeline(), this, daemon, interceptors, caller);
                return;
            }
        }
        if (seen == HTTP2_PREFACE.length) {
            Pipelines.sniffedHttp2(ctx.pipeline(), this, daemon, interceptors, caller);
        }
        // else: a prefix of the preface so far; ByteToMessageDecoder asks for more bytes
    }
}
