package org.smartcontainers.proxy.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * A POST from fuzzed bytes, laid out as a seed file is written:
 * <pre>
 * request target
 * Header: value        (any number, up to an empty line)
 *
 * body...
 * </pre>
 * The framing is this class's (Content-Length, or chunked when a header line says
 * {@code Transfer-Encoding: chunked}), so every request ends where it should: headers that would
 * frame it otherwise, hold it or keep the connection are dropped.
 */
final class FuzzedRequest {
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "host", "connection",
            "expect", "upgrade", "te", "keep-alive", "proxy-connection", "trailer");

    private FuzzedRequest() {
    }

    static byte[] bytes(byte[] input) {
        int targetEnd = indexOf(input, 0);
        if (targetEnd < 0) {
            targetEnd = input.length;
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes(ascii("POST "));
        head.write(input, 0, trimCr(input, 0, targetEnd));
        head.writeBytes(ascii(" HTTP/1.1\r\nHost: docker\r\n"));
        boolean chunked = false;
        int at = Math.min(targetEnd + 1, input.length);
        while (at < input.length) {
            int end = indexOf(input, at);
            String line = new String(input, at, trimCr(input, at, end < 0 ? input.length : end), StandardCharsets.ISO_8859_1);
            at = end < 0 ? input.length : end + 1;
            if (line.isEmpty()) {
                break; // the body follows
            }
            String name = line.split(":", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (FRAMING.contains(name)) {
                chunked |= line.equalsIgnoreCase("Transfer-Encoding: chunked");
                continue;
            }
            head.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
            head.writeBytes(ascii("\r\n"));
        }
        byte[] body = Arrays.copyOfRange(input, at, input.length);
        if (chunked) {
            head.writeBytes(ascii("Transfer-Encoding: chunked\r\n\r\n"));
            if (body.length > 0) {
                head.writeBytes(ascii(Integer.toHexString(body.length) + "\r\n"));
                head.writeBytes(body);
                head.writeBytes(ascii("\r\n"));
            }
            head.writeBytes(ascii("0\r\n\r\n"));
        } else {
            head.writeBytes(ascii("Content-Length: " + body.length + "\r\n\r\n"));
            head.writeBytes(body);
        }
        return head.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The length of the line from {@code start} to {@code end} without a {@code \r} before its end. */
    private static int trimCr(byte[] bytes, int start, int end) {
        return end > start && bytes[end - 1] == '\r' ? end - start - 1 : end - start;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
