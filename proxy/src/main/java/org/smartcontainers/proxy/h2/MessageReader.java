package org.smartcontainers.proxy.h2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * Splits one direction of a gRPC stream into its messages: each a compressed flag (1 byte), a
 * big-endian length (4 bytes) and the payload, spanning DATA frames as it likes. A message up to
 * the limit is copied whole; a longer one is reported when its length is known and skipped.
 */
final class MessageReader {
    interface Sink {
        /** A whole message; the payload is valid only during the call. */
        void message(boolean compressed, ByteBuf payload);

        /** A message over the limit begins; its bytes are skipped. */
        void tooLarge(long length);
    }

    private final long limit;
    private final byte[] prefix = new byte[5];
    private int prefixSeen;
    private boolean compressed;
    private long remaining;
    private ByteBuf payload;
    private boolean skipping;

    MessageReader(long limit) {
        this.limit = limit;
    }

    /** True when a message has begun and not ended. */
    boolean midMessage() {
        return prefixSeen > 0;
    }

    /** Reads {@code data} (not consumed, not released), handing each message that completes to {@code sink}. */
    void feed(ByteBuf data, Sink sink) {
        int index = data.readerIndex();
        int end = data.writerIndex();
        while (index < end) {
            if (prefixSeen < prefix.length) {
                prefix[prefixSeen++] = data.getByte(index++);
                if (prefixSeen == prefix.length) {
                    begin(sink);
                } else {
                    continue;
                }
            } else {
                int n = (int) Math.min(remaining, end - index);
                if (!skipping) {
                    payload.writeBytes(data, index, n);
                }
                index += n;
                remaining -= n;
            }
            if (prefixSeen == prefix.length && remaining == 0) {
                complete(sink);
            }
        }
    }

    private void begin(Sink sink) {
        compressed = prefix[0] != 0;
        remaining = ((prefix[1] & 0xffL) << 24) | ((prefix[2] & 0xff) << 16) | ((prefix[3] & 0xff) << 8) | (prefix[4] & 0xff);
        skipping = remaining > limit;
        if (skipping) {
            sink.tooLarge(remaining);
        } else {
            payload = PooledByteBufAllocator.DEFAULT.heapBuffer((int) Math.min(remaining, 1 << 16));
        }
    }

    private void complete(Sink sink) {
        prefixSeen = 0;
        if (skipping) {
            skipping = false;
            return;
        }
        ByteBuf whole = payload;
        payload = null;
        try {
            sink.message(compressed, whole);
        } finally {
            whole.release();
        }
    }

    void release() {
        if (payload != null) {
            payload.release();
            payload = null;
        }
    }
}
