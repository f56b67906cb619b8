package org.smartcontainers.unixhttp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One blocking HTTP exchange over a Unix socket, for small answers: the daemon's lookups and the
 * {@code sc} CLI. HTTP/1.0, so the answer is never chunked and ends when the server closes.
 */
public final class UnixHttp {
    private UnixHttp() {
    }

    /** @param headers lower-case names */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public boolean ok() {
            return status / 100 == 2;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** {@code contentType}/{@code body} null for none; extra headers as name, value pairs. */
    public static Answer exchange(Path socket, String method, String pathAndQuery, String contentType, byte[] body,
            String... headers) throws IOException {
        byte[] content = body == null ? new byte[0] : body;
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            StringBuilder head = new StringBuilder(method).append(' ').append(pathAndQuery).append(" HTTP/1.0\r\nHost: docker\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
            writeFully(channel, ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.UTF_8)));
            writeFully(channel, ByteBuffer.wrap(content));
            InputStream in = Channels.newInputStream(channel);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return parse(all.toByteArray(), method + " " + pathAndQuery);
        }
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static Answer parse(byte[] response, String what) throws IOException {
        int bodyStart = indexOfBlankLine(response);
        if (bodyStart < 0) {
            throw new IOException("the answer to " + what + " is not HTTP");
        }
        String[] lines = new String(response, 0, bodyStart, StandardCharsets.ISO_8859_1).split("\r\n");
        if (!lines[0].matches("HTTP/1\\.[01] [0-9]{3}.*")) {
            throw new IOException("the answer to " + what + " is not HTTP: " + lines[0]);
        }
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(response, bodyStart, response.length);
        return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers, body);
    }

    private static int indexOfBlankLine(byte[] bytes) {
        for (int i = 3; i < bytes.length; i++) {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }
}
