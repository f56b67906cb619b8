package org.smartcontainers.tests.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.smartcontainers.testsupport.RawHttp;

/**
 * Docker API requests written by hand, for what no client library would send (other spellings of a
 * target, duplicate fields, odd framing), each on a connection of its own, to the daemon or the proxy,
 * and their answers read whole whatever their framing.
 */
public final class DockerRequests {
    /** The fields every create body here starts with: the base image, and a command that needs nothing. */
    public static final String IMAGE_AND_COMMAND = "\"Image\":\"" + DockerSocket.BASE_IMAGE + "\",\"Cmd\":[\"true\"]";
    /** Against a hang: an answer not whole by then fails the test rather than stalling it. */
    private static final long GUARD_SECONDS = 120;

    private DockerRequests() {
    }

    /** A POST with a UTF-8 body, as the ISO-8859-1 text {@link RawHttp} sends byte for byte. */
    public static String post(String target, String contentType, String body) {
        return post(target, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static String post(String target, String contentType, byte[] body) {
        return "POST " + target + " HTTP/1.1\r\nHost: docker\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.length + "\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1);
    }

    /** A create with this JSON body (UTF-8), the body of the answer with a Content-Length. */
    public static RawHttp.Response create(Path socket, String target, String body) {
        return send(socket, post(target, "application/json", body));
    }

    /** One request on a new connection; the answer must have a Content-Length (creates and commits do). */
    public static RawHttp.Response send(Path socket, String request) {
        try (RawHttp http = new RawHttp(socket)) {
            return http.send(request).read();
        }
    }

    /**
     * One request on a new connection, its answer read whole whatever its framing (Content-Length,
     * chunked as a build's progress stream is, or up to the close); interim 1xx answers are skipped.
     */
    public static RawHttp.Response exchange(Path socket, String request) {
        return exchange(socket, request, 1).get(0);
    }

    /** Requests written at once on a new connection (pipelined), and the first {@code answers} answers read whole. */
    public static List<RawHttp.Response> exchange(Path socket, String requests, int answers) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer bytes = ByteBuffer.wrap(requests.getBytes(StandardCharsets.ISO_8859_1));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            InputStream in = Channels.newInputStream(channel);
            CompletableFuture<List<RawHttp.Response>> read = CompletableFuture.supplyAsync(() -> {
                List<RawHttp.Response> got = new ArrayList<>();
                while (got.size() < answers) {
                    got.add(readAnswer(in));
                }
                return got;
            });
            try {
                return read.get(GUARD_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("no " + answers + " whole answers within " + GUARD_SECONDS + " s to " + firstLine(requests));
            } catch (ExecutionException e) {
                throw new AssertionError("reading the answers to " + firstLine(requests) + " failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the channel gives until {@code marker} appears, it closes, or 10 s pass with nothing new
     * (a guard against a hang, so a missing answer fails the test rather than stalling it).
     */
    public static String readUntil(SocketChannel channel, String marker) throws IOException {
        if (channel.isBlocking()) {
            channel.configureBlocking(false);
        }
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (!got.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
                if (selector.select(10_000) == 0) {
                    break;
                }
                selector.selectedKeys().clear();
                buffer.clear();
                int n;
                try {
                    n = channel.read(buffer);
                } catch (IOException reset) {
                    break; // a peer that closed with our bytes unread resets: what came before counts
                }
                if (n < 0) {
                    break;
                }
                got.write(buffer.array(), 0, n);
            }
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    /** A new connection to the socket, for a test that writes and reads in steps. */
    public static SocketChannel connect(Path socket) {
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private static String firstLine(String request) {
        int end = request.indexOf("\r\n");
        return end < 0 ? request : request.substring(0, end);
    }

    /** One answer from {@code in}: its head, then its body by its framing. */
    public static RawHttp.Response readAnswer(InputStream in) {
        try {
            String head;
            int status;
            do {
                head = RawHttp.readHead(in);
                if (!head.endsWith("\r\n\r\n")) {
                    throw new IOException("the connection closed before a whole answer head: " + head);
                }
                status = Integer.parseInt(head.substring(9, 12));
            } while (status >= 100 && status < 200 && status != 101);
            RawHttp.Response headOnly = new RawHttp.Response(status, head, "");
            String length = headOnly.header("Content-Length");
            String coding = headOnly.header("Transfer-Encoding");
            byte[] body;
            if (coding != null && coding.toLowerCase(Locale.ROOT).contains("chunked")) {
                body = dechunk(in);
            } else if (length != null) {
                body = in.readNBytes(Integer.parseInt(length));
            } else if (status == 204 || status == 304) {
                body = new byte[0];
            } else {
                body = in.readAllBytes();
            }
            return new RawHttp.Response(status, head, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int size = Integer.parseInt(sizeLine.split(";", 2)[0].strip(), 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers: none that matter here
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new IOException("the connection closed inside a chunk: " + body.toString(StandardCharsets.UTF_8));
            }
            body.write(chunk);
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed inside a chunked body");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** A build context: a tar holding one Dockerfile. */
    public static byte[] context(String dockerfile) {
        return tar(Map.of("Dockerfile", dockerfile));
    }

    /** A plain ustar archive of these files (name to UTF-8 content), as a client sends a build context. */
    public static byte[] tar(Map<String, String> files) {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        files.forEach((name, text) -> {
            byte[] content = text.getBytes(StandardCharsets.UTF_8);
            byte[] header = new byte[512];
            put(header, 0, name);
            put(header, 100, "0000644");
            put(header, 108, "0000000");
            put(header, 116, "0000000");
            put(header, 124, String.format("%011o", content.length));
            put(header, 136, String.format("%011o", 0));
            header[156] = '0';
            put(header, 257, "ustar");
            put(header, 263, "00");
            Arrays.fill(header, 148, 156, (byte) ' ');
            int checksum = 0;
            for (byte b : header) {
                checksum += b & 0xff;
            }
            put(header, 148, String.format("%06o", checksum));
            header[155] = ' ';
            tar.writeBytes(header);
            tar.writeBytes(content);
            tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
        });
        tar.writeBytes(new byte[1024]);
        return tar.toByteArray();
    }

    private static void put(byte[] header, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, at, bytes.length);
    }
}
