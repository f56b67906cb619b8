package org.smartcontainers.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;

/**
 * The header blocks one side sends, decoded in order with one HPACK decoder, so its dynamic table
 * stays in step with the peer's. A block split over CONTINUATION frames is joined first. The
 * decoder only observes: it accepts any header list and table size the real peers agree on.
 */
final class HeaderBlocks {
    private final DefaultHttp2HeadersDecoder decoder;
    private ByteBuf fragments;
    private int streamId;
    private int type;
    private boolean endStream;

    HeaderBlocks() {
        decoder = new DefaultHttp2HeadersDecoder(false, Http2CodecUtil.MAX_HEADER_LIST_SIZE);
        try {
            decoder.maxHeaderTableSize(Http2CodecUtil.MAX_HEADER_TABLE_SIZE);
        } catch (Http2Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A HEADERS or PUSH_PROMISE frame's block is waiting for CONTINUATION frames. */
    boolean open() {
        return fragments != null;
    }

    int streamId() {
        return streamId;
    }

    int type() {
        return type;
    }

    boolean endStream() {
        return endStream;
    }

    /** The first fragment of a block; the headers when the block is whole, else null. */
    Http2Headers begin(int type, int streamId, boolean endStream, ByteBuf fragment, boolean endHeaders)
            throws Http2Exception {
        this.type = type;
        this.streamId = streamId;
        this.endStream = endStream;
        if (endHeaders) {
            return decoder.decodeHeaders(streamId, fragment.slice());
        }
        fragments = fragment.alloc().buffer(fragment.readableBytes() * 2);
        fragments.writeBytes(fragment, fragment.readerIndex(), fragment.readableBytes());
        return null;
    }

    /** A CONTINUATION frame's fragment; the headers when the block is whole, else null. */
    Http2Headers continuation(ByteBuf fragment, boolean endHeaders) throws Http2Exception {
        fragments.writeBytes(fragment, fragment.readerIndex(), fragment.readableBytes());
        if (!endHeaders) {
            return null;
        }
        ByteBuf block = fragments;
        fragments = null;
        try {
            return decoder.decodeHeaders(streamId, block);
        } finally {
            block.release();
        }
    }

    void release() {
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
    }
}
