package org.smartcontainers.proxy.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;

/** A request head as the relay's client side decodes it (its codec, its limits): for tests outside the relay. */
public final class ClientRequests {
    private ClientRequests() {
    }

    /** The first request the bytes hold; null when the codec refuses it (the relay answers 400) or finds none. */
    public static HttpRequest firstRequest(byte[] bytes) {
        EmbeddedChannel client = new EmbeddedChannel(new HttpServerCodec(Pipelines.decoderConfig()));
        try {
            client.writeInbound(Unpooled.wrappedBuffer(bytes));
            HttpRequest first = null;
            for (Object decoded; (decoded = client.readInbound()) != null; ) {
                if (first == null && decoded instanceof HttpRequest request && request.decoderResult().isSuccess()) {
                    first = request;
                } else if (first == null && decoded instanceof HttpRequest) {
                    return null;
                }
                ReferenceCountUtil.release(decoded);
            }
            return first;
        } finally {
            client.finishAndReleaseAll();
        }
    }
}
