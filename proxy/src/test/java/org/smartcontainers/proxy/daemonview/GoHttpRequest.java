package org.smartcontainers.proxy.daemonview;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request as net/http's server frames it out of a connection's bytes: the request line, the
 * header lines ({@code textproto.ReadMIMEHeader}) and the body ({@code transfer.go}: chunked when
 * {@code Transfer-Encoding} says so, else {@code Content-Length}, else none).
 *
 * @param headers each header line in order, names as sent
 */
public record GoHttpRequest(GoRequestLine line, List<Map.Entry<String, String>> headers, byte[] body) {

    /** {@code Header.Get}: the first value of the name, matched case-insensitively. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    private List<String> all(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }

    /**
     * The requests the server reads off one connection, in order, up to the first it answers 400
     * (or 501) and closes on, or the first it is still waiting for the rest of.
     */
    public static List<GoHttpRequest> readAll(byte[] connection) {
        List<GoHttpRequest> requests = new ArrayList<>();
        int[] at = {0};
        for (GoHttpRequest request; (request = read(connection, at)) != null; ) {
            requests.add(request);
        }
        return requests;
    }

    private static GoHttpRequest read(byte[] bytes, int[] at) {
        String first = line(bytes, at);
        if (first == null) {
            return null;
        }
        Optional<GoRequestLine> requestLine = GoRequestLine.parse(first);
        if (requestLine.isEmpty()) {
            return null;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String header = line(bytes, at); header == null || !header.isEmpty(); header = line(bytes, at)) {
            if (header == null) {
                return null; // the head is not complete
            }
            int colon = header.indexOf(':');
            if (colon <= 0 || !header.substring(0, colon).chars().allMatch(GoRequestLine::isTokenChar)) {
                return null; // malformed MIME header line
            }
            headers.add(Map.entry(header.substring(0, colon), header.substring(colon + 1).strip()));
        }
        GoHttpRequest head = new GoHttpRequest(requestLine.get(), headers, new byte[0]);
        byte[] body = head.body(bytes, at);
        return body == null ? null : new GoHttpRequest(requestLine.get(), headers, body);
    }

    /** The body's bytes, or null when the server refuses the framing or waits for more. */
    private byte[] body(byte[] bytes, int[] at) {
        List<String> encodings = all("Transfer-Encoding");
        if (!encodings.isEmpty()) {
            if (encodings.size() > 1 || !encodings.get(0).equalsIgnoreCase("chunked")) {
                return null; // 501 unsupported transfer encoding
            }
            return chunked(bytes, at); // Content-Length is then ignored
        }
        List<String> lengths = all("Content-Length");
        if (lengths.isEmpty()) {
            return new byte[0];
        }
        if (lengths.stream().map(String::strip).distinct().count() > 1 || !lengths.get(0).strip().matches("[0-9]{1,18}")) {
            return null;
        }
        long length = Long.parseLong(lengths.get(0).strip());
        if (length > bytes.length - at[0]) {
            return null;
        }
        byte[] body = Arrays.copyOfRange(bytes, at[0], at[0] + (int) length);
        at[0] += (int) length;
        return body;
    }

    private static byte[] chunked(byte[] bytes, int[] at) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(bytes, at);
            if (sizeLine == null) {
                return null;
            }
            int extension = sizeLine.indexOf(';');
            String hex = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip();
            if (!hex.matches("[0-9a-fA-F]{1,15}")) {
                return null;
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                for (String trailer; (trailer = line(bytes, at)) != null && !trailer.isEmpty(); ) {
                    // trailers: not read here
                }
                return body.toByteArray();
            }
            if (size > bytes.length - at[0]) {
                return null;
            }
            body.write(bytes, at[0], (int) size);
            at[0] += (int) size;
            String end = line(bytes, at);
            if (end == null || !end.isEmpty()) {
                return null;
            }
        }
    }

    /** One line without its {@code \n} or {@code \r\n} (bufio's ReadLine); null when none is complete. */
    private static String line(byte[] bytes, int[] at) {
        for (int i = at[0]; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                int end = i > at[0] && bytes[i - 1] == '\r' ? i - 1 : i;
                String line = new String(bytes, at[0], end - at[0], StandardCharsets.ISO_8859_1);
                at[0] = i + 1;
                return line;
            }
        }
        return null;
    }
}
