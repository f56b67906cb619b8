package org.smartcontainers.proxy.relay;

/**
 * Netty's decoder reads a request line's bytes one char each (ISO-8859-1), its encoder writes the
 * target as UTF-8: a byte from 0x80 up would reach the daemon as two. Such a byte is sent as its
 * {@code %XX} escape instead, which the daemon's Go code reads back as that same byte in a path and
 * in a query alike, and which every part of the proxy (classification, interceptions) reads too.
 */
final class RequestTargets {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RequestTargets() {
    }

    /** The target with each char from U+0080 (a byte as the decoder read it) percent-escaped. */
    static String withBytesEscaped(String uri) {
        int first = firstHigh(uri);
        if (first < 0) {
            return uri;
        }
        StringBuilder escaped = new StringBuilder(uri.length() + 16).append(uri, 0, first);
        for (int i = first; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c < 0x80) {
                escaped.append(c);
            } else {
                escaped.append('%').append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            }
        }
        return escaped.toString();
    }

    private static int firstHigh(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            if (uri.charAt(i) >= 0x80) {
                return i;
            }
        }
        return -1;
    }
}
