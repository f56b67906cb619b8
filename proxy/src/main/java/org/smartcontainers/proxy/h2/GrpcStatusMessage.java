package org.smartcontainers.proxy.h2;

import java.nio.charset.StandardCharsets;

/** A {@code grpc-message} value: UTF-8, percent-encoded outside printable ASCII and for '%' itself. */
final class GrpcStatusMessage {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private GrpcStatusMessage() {
    }

    static String encode(String message) {
        StringBuilder out = new StringBuilder(message.length());
        for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
