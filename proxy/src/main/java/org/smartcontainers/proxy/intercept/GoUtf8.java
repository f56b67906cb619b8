package org.smartcontainers.proxy.intercept;

import io.netty.buffer.ByteBuf;

/**
 * Bytes decoded as Go's {@code utf8.DecodeRune} decodes them, which is how its JSON decoder reads a
 * string: each byte that does not begin a valid sequence (overlong, a surrogate, beyond U+10FFFF,
 * cut short) is one U+FFFD, and decoding goes on at the next byte. Java's decoder may make one
 * U+FFFD of several such bytes, so a label's value would differ from the daemon's.
 */
final class GoUtf8 {
    private GoUtf8() {
    }

    static String decode(ByteBuf bytes) {
        StringBuilder text = new StringBuilder(bytes.readableBytes());
        int end = bytes.writerIndex();
        for (int i = bytes.readerIndex(); i < end; ) {
            int b0 = bytes.getByte(i) & 0xff;
            if (b0 < 0x80) {
                text.append((char) b0);
                i++;
                continue;
            }
            int length = b0 >= 0xc2 && b0 <= 0xdf ? 2 : b0 >= 0xe0 && b0 <= 0xef ? 3 : b0 >= 0xf0 && b0 <= 0xf4 ? 4 : 0;
            int codePoint = length == 0 || i + length > end ? -1 : sequence(bytes, i, length, b0);
            if (codePoint < 0) {
                text.append('\ufffd');
                i++;
            } else {
                text.appendCodePoint(codePoint);
                i += length;
            }
        }
        return text.toString();
    }

    /** The code point of a sequence whose first byte says {@code length}, or -1 when Go refuses it. */
    private static int sequence(ByteBuf bytes, int at, int length, int b0) {
        int b1 = bytes.getByte(at + 1) & 0xff;
        // The second byte's range excludes overlongs (E0, F0), surrogates (ED) and beyond U+10FFFF (F4).
        int low = b0 == 0xe0 ? 0xa0 : b0 == 0xf0 ? 0x90 : 0x80;
        int high = b0 == 0xed ? 0x9f : b0 == 0xf4 ? 0x8f : 0xbf;
        if (b1 < low || b1 > high) {
            return -1;
        }
        int codePoint = (b0 & (0xff >> (length + 1))) << 6 | (b1 & 0x3f);
        for (int k = 2; k < length; k++) {
            int b = bytes.getByte(at + k) & 0xff;
            if (b < 0x80 || b > 0xbf) {
                return -1;
            }
            codePoint = codePoint << 6 | (b & 0x3f);
        }
        return codePoint;
    }
}
