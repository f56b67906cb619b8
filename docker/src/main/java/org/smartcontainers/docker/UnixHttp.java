package org.smartcontainers.docker;

import java.io.BufferedInputStream;
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
 * Blocking HTTP over a Unix socket: one exchange for small answers (the daemon's lookups and the
 * {@code sc} CLI), or an answer read as it streams (Docker's events). HTTP/1.0, so an answer is
 * never chunked and ends when the server closes.
 */
public final class UnixHttp {
    private static final int MAX_HEAD = 64 << 10;

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
        try (Streamed answer = open(socket, method, pathAndQuery, contentType, body, headers)) {
            return new Answer(answer.status(), answer.headers(), answer.body().readAllBytes());
        }
    }

    /**
     * An answer whose body is read as it comes (a stream that may never end, such as
     * {@code GET /events}); closing it closes the connection.
     */
    public record Streamed(int status, Map<String, String> headers, InputStream body, SocketChannel channel)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Sends the request and reads the answer's head; the body is left to read from {@link Streamed#body}. */
    public static Streamed open(Path socket, String method, String pathAndQuery, String contentType, byte[] body,
            String... headers) throws IOException {
        byte[] content = body == null ? new byte[0] : body;
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
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
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 8192);
            String[] lines = readHead(in, method + " " + pathAndQuery).split("\r\n");
            if (!lines[0].matches("HTTP/1\\.[01] [0-9]{3}.*")) {
                throw new IOException("the answer to " + method + " " + pathAndQuery + " is not HTTP: " + lines[0]);
            }
            Map<String, String> fields = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    fields.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            return new Streamed(Integer.parseInt(lines[0].substring(9, 12)), fields, in, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** The status line and header fields, up to the blank line (which is consumed). */
    static String readHead(InputStream in, String what) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0;
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the answer to " + what + " is not HTTP");
            }
            head.write(next);
            matched = next == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (next == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD) {
                throw new IOException("the answer to " + what + " has a head over " + MAX_HEAD + " bytes");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
