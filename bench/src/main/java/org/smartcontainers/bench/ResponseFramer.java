package org.smartcontainers.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Finds where HTTP/1.1 responses end in bytes as they arrive, without copying them out of the
 * buffer: each head is parsed once, line by line as its bytes come (status line, Content-Length,
 * Transfer-Encoding: chunked), and the body is skipped. It works on a buffer in read mode (the unread
 * bytes between position and limit) and never reads the socket itself, so a blocking connection and
 * a selector loop can both drive it. It remembers offsets relative to the position, so the buffer may
 * be compacted between calls.
 */
final class ResponseFramer {
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "chunked".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_1 = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);

    private enum State { HEAD, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, TRAILER, UNTIL_CLOSE, DONE }

    private State state = State.HEAD;
    /** In the head: bytes after the position already looked at, and where the current line starts. */
    private int scanned;
    private int lineStart;
    private int status;
    private long contentLength;
    private boolean chunked;
    /** Bytes of the body, or of the current chunk and its CRLF, still to skip. */
    private long left;

    /** The status of the last head parsed. */
    int status() {
        return status;
    }

    /** The Content-Length of the last head parsed, -1 when it had none. */
    long contentLength() {
        return contentLength;
    }

    /** True when the response in progress is one whose body ends only when the connection closes. */
    boolean endsAtClose() {
        return state == State.UNTIL_CLOSE;
    }

    /** Consumes a whole response if the buffer holds the rest of it; true when one has ended. */
    boolean response(ByteBuffer in) throws IOException {
        return head(in) && body(in);
    }

    /** Consumes the head once all of it is in the buffer, leaving the position at the body; true then. */
    boolean head(ByteBuffer in) throws IOException {
        if (state != State.HEAD) {
            return true;
        }
        int start = in.position();
        int limit = in.limit();
        for (int i = start + scanned; i < limit; i++) {
            if (in.get(i) != '\n') {
                continue;
            }
            int from = start + lineStart;
            int to = i > from && in.get(i - 1) == '\r' ? i - 1 : i; // the line without its CR LF
            lineStart = i + 1 - start;
            if (from == start) {
                startHead(in, from, to);
            } else if (to == from) {
                in.position(i + 1);
                scanned = 0;
                lineStart = 0;
                state = bodyState();
                return true;
            } else {
                header(in, from, to);
            }
        }
        scanned = limit - start;
        return false;
    }

    /** Skips the body as far as the buffer holds it; true when the response has ended (ready for the next). */
    boolean body(ByteBuffer in) throws IOException {
        while (true) {
            switch (state) {
                case HEAD:
                    return false;
                case DONE:
                    state = State.HEAD;
                    return true;
                case UNTIL_CLOSE:
                    in.position(in.limit());
                    return false;
                case FIXED_BODY:
                case CHUNK_DATA:
                    int n = (int) Math.min(left, in.remaining());
                    in.position(in.position() + n);
                    left -= n;
                    if (left > 0) {
                        return false;
                    }
                    state = state == State.FIXED_BODY ? State.DONE : State.CHUNK_SIZE;
                    break;
                case CHUNK_SIZE:
                    int sizeEnd = lineEnd(in);
                    if (sizeEnd < 0) {
                        return false;
                    }
                    long size = chunkSize(in, in.position(), sizeEnd);
                    in.position(sizeEnd + 1);
                    left = size + 2; // the chunk's data and the CR LF after it
                    state = size == 0 ? State.TRAILER : State.CHUNK_DATA;
                    break;
                case TRAILER:
                    int end = lineEnd(in);
                    if (end < 0) {
                        return false;
                    }
                    boolean empty = end - in.position() <= 1;
                    in.position(end + 1);
                    if (empty) {
                        state = State.DONE;
                    }
                    break;
                default:
                    throw new IllegalStateException(state.toString());
            }
        }
    }

    private void startHead(ByteBuffer in, int from, int to) throws IOException {
        if (to - from < 12 || !startsWith(in, from, HTTP_1, false)) {
            throw new IOException("not an HTTP/1.x status line: " + text(in, from, to));
        }
        status = 0;
        for (int i = from + 9; i < from + 12; i++) {
            status = status * 10 + digit(in.get(i), in, from, to);
        }
        contentLength = -1;
        chunked = false;
    }

    private void header(ByteBuffer in, int from, int to) throws IOException {
        if (to - from > CONTENT_LENGTH.length && startsWith(in, from, CONTENT_LENGTH, true)) {
            long length = 0;
            for (int i = from + CONTENT_LENGTH.length; i < to; i++) {
                byte b = in.get(i);
                if (b != ' ' && b != '\t') {
                    length = length * 10 + digit(b, in, from, to);
                }
            }
            contentLength = length;
        } else if (to - from > TRANSFER_ENCODING.length && startsWith(in, from, TRANSFER_ENCODING, true)) {
            // chunked is the last coding whenever it is there at all (RFC 9112 6.1)
            chunked = to - from >= TRANSFER_ENCODING.length + CHUNKED.length
                    && startsWith(in, to - CHUNKED.length, CHUNKED, true);
        }
    }

    /** What follows the head: no body for 1xx, 204 and 304 (RFC 9112 6.3), else chunks, a length, or all until close. */
    private State bodyState() {
        if (status < 200 || status == 204 || status == 304) {
            return State.DONE;
        }
        if (chunked) {
            return State.CHUNK_SIZE;
        }
        if (contentLength >= 0) {
            left = contentLength;
            return State.FIXED_BODY;
        }
        return State.UNTIL_CLOSE;
    }

    /** The index of the LF ending the line at the position, -1 when it has not all arrived. */
    private static int lineEnd(ByteBuffer in) {
        for (int i = in.position(); i < in.limit(); i++) {
            if (in.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static long chunkSize(ByteBuffer in, int from, int to) throws IOException {
        long size = 0;
        for (int i = from; i < to; i++) {
            int b = in.get(i);
            if (b == ';' || b == '\r') {
                break; // a chunk extension, or the line's end
            }
            int value = Character.digit(b, 16);
            if (value < 0) {
                throw new IOException("bad chunk size: " + text(in, from, to));
            }
            size = size * 16 + value;
        }
        return size;
    }

    /** ASCII letters compare without case as {@code b | 0x20}; '-', ':' and digits already have that bit. */
    private static boolean startsWith(ByteBuffer in, int at, byte[] prefix, boolean ignoreCase) {
        for (int k = 0; k < prefix.length; k++) {
            int b = in.get(at + k);
            if ((ignoreCase ? b | 0x20 : b) != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static int digit(byte b, ByteBuffer in, int from, int to) throws IOException {
        if (b < '0' || b > '9') {
            throw new IOException("not a number in: " + text(in, from, to));
        }
        return b - '0';
    }

    private static String text(ByteBuffer in, int from, int to) {
        byte[] bytes = new byte[to - from];
        in.get(from, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
