package org.smartcontainers.proxy.daemonview;

import java.io.ByteArrayOutputStream;

/** Go's {@code utf8.DecodeRune}: a rune and its width; U+FFFD and width 1 for anything not valid UTF-8. */
final class GoUtf8 {
    private GoUtf8() {
    }

    /** @return {rune, width} */
    static int[] decodeRune(byte[] bytes, int at) {
        int b0 = bytes[at] & 0xff;
        if (b0 < 0x80) {
            return new int[] {b0, 1};
        }
        int width;
        int low = 0x80;
        int high = 0xbf;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            width = 2;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            width = 3;
            low = b0 == 0xe0 ? 0xa0 : 0x80;
            high = b0 == 0xed ? 0x9f : 0xbf;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            width = 4;
            low = b0 == 0xf0 ? 0x90 : 0x80;
            high = b0 == 0xf4 ? 0x8f : 0xbf;
        } else {
            return new int[] {0xfffd, 1};
        }
        if (at + width > bytes.length) {
            return new int[] {0xfffd, 1};
        }
        int b1 = bytes[at + 1] & 0xff;
        if (b1 < low || b1 > high) {
            return new int[] {0xfffd, 1};
        }
        int rune = width == 2 ? b0 & 0x1f : width == 3 ? b0 & 0x0f : b0 & 0x07;
        rune = rune << 6 | b1 & 0x3f;
        for (int i = 2; i < width; i++) {
            int b = bytes[at + i] & 0xff;
            if (b < 0x80 || b > 0xbf) {
                return new int[] {0xfffd, 1};
            }
            rune = rune << 6 | b & 0x3f;
        }
        return new int[] {rune, width};
    }

    /** A byte string (one char a byte) as Go's {@code string} of runes: invalid bytes each U+FFFD. */
    static String decode(String byteString) {
        byte[] bytes = bytes(byteString);
        StringBuilder out = new StringBuilder(bytes.length);
        for (int i = 0; i < bytes.length; ) {
            int[] rune = decodeRune(bytes, i);
            out.appendCodePoint(rune[0]);
            i += rune[1];
        }
        return out.toString();
    }

    static byte[] bytes(String byteString) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(byteString.length());
        byteString.chars().forEach(out::write);
        return out.toByteArray();
    }
}
