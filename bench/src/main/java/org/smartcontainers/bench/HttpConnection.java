package org.smartcontainers.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The least HTTP/1.1 client a load generator needs: one connection over a Unix socket, no library in
 * between, read through one direct buffer it keeps for its whole life (so a keep-alive request loop
 * allocates nothing), with each response framed by a {@link ResponseFramer}. Blocking, except that
 * {@link #readAvailable} serves a selector loop over a connection put in non-blocking mode.
 */
final class HttpConnection implements AutoCloseable {
    /** Big enough for any head and chunk-size line the daemon sends; bodies stream through it. */
    private static final int BUFFER_BYTES = 64 * 1024;

    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES).flip(); // read mode: nothing unread
    private final ResponseFramer framer = new ResponseFramer();

    private HttpConnection(SocketChannel channel) {
        this.channel = channel;
    }

    static HttpConnection open(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new HttpConnection(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    SocketChannel channel() {
        return channel;
    }

    /** Writes a request built once and rewinds it, so the same buffer can be sent again. */
    void send(ByteBuffer request) throws IOException {
        while (request.hasRemaining()) {
            channel.write(request);
        }
        request.rewind();
    }

    void send(String head) throws IOException {
        send(head, new byte[0]);
    }

    void send(String head, byte[] body) throws IOException {
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        send(ByteBuffer.allocate(headBytes.length + body.length).put(headBytes).put(body).flip());
    }

    /** Reads up to the end of one whole response, skipping its body. */
    void readResponse() throws IOException {
        while (!framer.response(in)) {
            fillOrFail();
        }
    }

    /** Reads a response head and returns its status; the body is still to be read or skipped. */
    int readHead() throws IOException {
        while (!framer.head(in)) {
            fillOrFail();
        }
        return framer.status();
    }

    /** The status of the last response head read. */
    int status() {
        return framer.status();
    }

    /** Skips the body of the response whose head was read last. */
    void skipBody() throws IOException {
        while (!framer.body(in)) {
            if (!fill() && framer.endsAtClose()) {
                return;
            }
        }
    }

    /** The body (it must have a Content-Length) of the response whose head was read last, as UTF-8. */
    String readBody() throws IOException {
        long length = framer.contentLength();
        if (length < 0 || length > BUFFER_BYTES) {
            throw new IOException("expected a body with a Content-Length up to " + BUFFER_BYTES + ", got " + length);
        }
        while (in.remaining() < length) {
            fillOrFail();
        }
        byte[] body = new byte[(int) length];
        in.get(in.position(), body);
        skipBody();
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Counts what follows the last head until the daemon closes the connection. */
    long drainToClose() throws IOException {
        long bytes = in.remaining();
        in.position(in.limit());
        while (fill()) {
            bytes += in.remaining();
            in.position(in.limit());
        }
        return bytes;
    }

    /** All that follows the last head until the daemon closes the connection, as UTF-8. */
    String readToClose() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            byte[] bytes = new byte[in.remaining()];
            in.get(bytes);
            out.write(bytes);
        } while (fill());
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * For a non-blocking connection with data waiting: reads what is there; true when that completed
     * the response in progress. Never blocks.
     */
    boolean readAvailable() throws IOException {
        if (framer.response(in)) {
            return true; // already there (a pipelining server's next answer)
        }
        if (!fill()) {
            throw new EOFException("connection closed inside a response");
        }
        return framer.response(in);
    }

    /** Reads more after what is unread; false at the end of the stream. */
    private boolean fill() throws IOException {
        in.compact(); // the unread bytes move to the front: nothing to move in the usual case, all read
        if (!in.hasRemaining()) {
            in.flip();
            throw new IOException("a response head or chunk line is longer than " + BUFFER_BYTES + " bytes");
        }
        int n = channel.read(in);
        in.flip();
        return n >= 0;
    }

    private void fillOrFail() throws IOException {
        if (!fill()) {
            throw new EOFException("connection closed inside a response");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
