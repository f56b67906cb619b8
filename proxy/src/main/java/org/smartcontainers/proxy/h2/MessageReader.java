package org.smartcontainers.proxy.h2;

import io.netty.buffer.ByteBuf;

/**
 * Splits one direction of a gRPC stream into its messages: each a compressed flag (1 byte), a
 * big-endian length (4 bytes) and the payload, spanning DATA frames as it likes. A message up to
 * the limit is held whole (a {@link HeldMessage}, within the budget); a longer one, or one the budget
 * has no room for, is reported and skipped.
 */
final class MessageReader {
    interface Sink {
        /** A whole message; the payload is valid only during the call. */
        void message(boolean compressed, ByteBuf payload);

        /** A message of {@code length} bytes will not be handed over, {@code because} (a phrase); its bytes are skipped. */
        void notRead(long length, String because);
    }

    private final long limit;
    private final HoldBudget budget;
    private final byte[] prefix = new byte[5];
    private int prefixSeen;
    private boolean compressed;
    private long length;
    private long remaining;
    private HeldMessage payload;
    private boolean skipping;

    MessageReader(long limit, HoldBudget budget) {
        this.limit = limit;
        this.budget = budget;
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
                    begin(sink, data);
                } else {
                    continue;
                }
            } else {
                int n = (int) Math.min(remaining, end - index);
                if (!skipping && !payload.append(data, index, n, remaining)) {
                    skip(sink, "more than the proxy can hold beside the other messages it holds ("
                            + (budget.held() >> 20) + " of " + (budget.limit() >> 20) + " MiB)");
                }
                index += n;
                remaining -= n;
            }
            if (prefixSeen == prefix.length && remaining == 0) {
                complete(sink);
            }
        }
    }

    private void begin(Sink sink, ByteBuf data) {
        compressed = prefix[0] != 0;
        length = ((prefix[1] & 0xffL) << 24) | ((prefix[2] & 0xff) << 16) | ((prefix[3] & 0xff) << 8) | (prefix[4] & 0xff);
        remaining = length;
        if (length > limit) {
            skip(sink, "more than the proxy reads (" + (limit >> 20) + " MiB)");
        } else {
            skipping = false;
            payload = new HeldMessage(budget, data.alloc());
        }
    }

    private void skip(Sink sink, String because) {
        release();
        skipping = true;
        sink.notRead(length, because);
    }

    private void complete(Sink sink) {
        prefixSeen = 0;
        if (skipping) {
            skipping = false;
            return;
        }
        HeldMessage whole = payload;
        payload = null;
        try {
            sink.message(compressed, whole.bytes());
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
