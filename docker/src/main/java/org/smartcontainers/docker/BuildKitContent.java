package org.smartcontainers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URLDecoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Reads a blob (an image's index or manifest) from the daemon's content store, by digest, through the containerd
 * content service its BuildKit serves ({@code containerd.services.content.v1.Content/Read}; BuildKit's controller
 * registers it read-only over its worker's content store, which on Docker's containerd image store is the images'
 * own store, namespace {@code moby}). It is reached as buildx reaches BuildKit: {@code POST /grpc} upgraded, then
 * HTTP/2 with prior knowledge; a daemon that refuses that upgrade (Docker 29 deprecates {@code /grpc} and serves
 * gRPC natively on its socket) is spoken to in HTTP/2 from the first byte, and that is remembered. One call per
 * connection, blocking, bounded in time: a blob is read once per image and remembered.
 */
final class BuildKitContent {
    /** An index or manifest is a few KiB; a blob larger than this is not one. */
    static final int MAX_BLOB = 4 << 20;
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final String READ = "/containerd.services.content.v1.Content/Read";
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0;
    private static final int HEADERS = 1;
    private static final int RST_STREAM = 3;
    private static final int SETTINGS = 4;
    private static final int PING = 6;
    private static final int GOAWAY = 7;
    private static final int CONTINUATION = 9;
    private static final int END_STREAM = 0x1;
    private static final int ACK = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final int STREAM = 1;
    private static final int GRPC_NOT_FOUND = 5;

    /** A call the daemon accepts and never answers must not hold up the recording that asked. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "sc-buildkit-content-timeout");
        thread.setDaemon(true);
        return thread;
    });

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path socket;
    private final Duration timeout;
    /** Learned from the daemon: it serves gRPC on its socket itself, not behind {@code POST /grpc}. */
    private volatile boolean nativeGrpc;

    BuildKitContent(Path socket) {
        this(socket, TIMEOUT);
    }

    BuildKitContent(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** Refused {@code POST /grpc}: the daemon may serve gRPC natively instead. */
    private static final class UpgradeRefused extends IOException {
        UpgradeRefused(String message) {
            super(message);
        }
    }

    /** The blob, a JSON document (an index, a manifest, an in-toto statement); a {@link DockerException} when it cannot be read. */
    JsonNode json(String digest) {
        Optional<byte[]> bytes;
        try {
            bytes = read(digest);
        } catch (IOException | IllegalArgumentException e) {
            throw new DockerException(502, "cannot read " + digest + " from the daemon's content store: " + e.getMessage());
        }
        try {
            return JSON.readTree(bytes.orElseThrow(() -> new DockerException(502, "the daemon's content store has no " + digest)));
        } catch (IOException e) {
            throw new DockerException(502, digest + " in the daemon's content store is not JSON: " + e.getMessage());
        }
    }

    /** The blob's bytes, or empty when the store has no such blob. */
    Optional<byte[]> read(String digest) throws IOException {
        if (!DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        if (nativeGrpc) {
            return call(digest, false);
        }
        try {
            return call(digest, true);
        } catch (UpgradeRefused refused) {
            Optional<byte[]> blob;
            try {
                blob = call(digest, false);
            } catch (IOException e) {
                throw new IOException(refused.getMessage() + "; nor does it speak gRPC on its socket: " + e.getMessage(), e);
            }
            nativeGrpc = true;
            return blob;
        }
    }

    /** One call on a connection of its own, closed under the reader when it takes longer than the timeout. */
    private Optional<byte[]> call(String digest, boolean upgradeFirst) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
                timedOut.set(true);
                closeQuietly(channel);
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                InputStream in = Channels.newInputStream(channel);
                OutputStream out = Channels.newOutputStream(channel);
                if (upgradeFirst) {
                    upgrade(in, out);
                }
                out.write(PREFACE);
                frame(out, SETTINGS, 0, 0, new byte[0]);
                frame(out, HEADERS, END_HEADERS, STREAM, requestHeaders());
                frame(out, DATA, END_STREAM, STREAM, grpcMessage(readRequest(digest)));
                out.flush();
                return answer(new DataInputStream(in), out, digest);
            } catch (IOException e) {
                if (timedOut.get()) {
                    throw new IOException("BuildKit's content service did not answer within " + timeout.toMillis() + " ms", e);
                }
                throw e;
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is all the watchdog does; the reader reports the timeout
        }
    }

    /** {@code POST /grpc} with {@code Upgrade: h2c}: the daemon answers 101 and the socket speaks HTTP/2 from there. */
    private static void upgrade(InputStream in, OutputStream out) throws IOException {
        out.write(("POST /grpc HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.length() > 8192) {
                throw new IOException("the daemon closed the /grpc upgrade without an answer");
            }
            head.append((char) b);
        }
        String status = head.substring(0, head.indexOf("\r\n"));
        if (!status.matches("HTTP/1\\.[01] 101 .*")) {
            throw new UpgradeRefused("the daemon refused BuildKit's API (POST /grpc): " + status);
        }
    }

    private static byte[] requestHeaders() throws IOException {
        Http2Headers headers = new DefaultHttp2Headers().method("POST").scheme("http").path(READ).authority("docker")
                .add("content-type", "application/grpc").add("te", "trailers");
        ByteBuf block = Unpooled.buffer();
        try {
            new DefaultHttp2HeadersEncoder().encodeHeaders(STREAM, headers, block);
            return ByteBufUtil.getBytes(block);
        } catch (Http2Exception e) {
            throw new IOException("cannot encode the request's headers: " + e.getMessage(), e);
        } finally {
            block.release();
        }
    }

    /** {@code ReadContentRequest}: digest = 1 (offset and size 0: the whole blob). */
    private static byte[] readRequest(String digest) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream coded = CodedOutputStream.newInstance(bytes);
        coded.writeString(1, digest);
        coded.flush();
        return bytes.toByteArray();
    }

    private static byte[] grpcMessage(byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
    }

    /** Reads frames until the call ends: its data, or why it failed. */
    private static Optional<byte[]> answer(DataInputStream in, OutputStream out, String digest) throws IOException {
        DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteArrayOutputStream headerBlock = new ByteArrayOutputStream();
        Http2Headers trailers = null;
        while (trailers == null) {
            int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7fffffff;
            if (length > (1 << 24) || data.size() + length > MAX_BLOB + (64 << 10)) {
                throw new IOException("BuildKit's content service sent more than a blob of " + MAX_BLOB + " bytes for " + digest);
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            switch (type) {
                case SETTINGS -> {
                    if ((flags & ACK) == 0) {
                        frame(out, SETTINGS, ACK, 0, new byte[0]);
                        out.flush();
                    }
                }
                case PING -> {
                    if ((flags & ACK) == 0) {
                        frame(out, PING, ACK, 0, payload);
                        out.flush();
                    }
                }
                case DATA -> {
                    if (stream == STREAM) {
                        data.write(payload, padding(flags) ? 1 : 0, length - (padding(flags) ? 1 + (payload[0] & 0xff) : 0));
                        windowUpdate(out, length);
                    }
                }
                case HEADERS, CONTINUATION -> {
                    if (stream == STREAM) {
                        headerBlock.write(payload, 0, payload.length);
                        if ((flags & END_HEADERS) != 0) {
                            Http2Headers headers = decode(decoder, headerBlock.toByteArray());
                            headerBlock.reset();
                            if (headers.contains("grpc-status")) {
                                trailers = headers; // the trailers, or a trailers-only answer
                            }
                        }
                    }
                }
                case RST_STREAM -> throw new IOException("BuildKit's content service reset the call for " + digest);
                case GOAWAY -> throw new IOException("BuildKit's content service closed the connection: "
                        + new String(payload, 8, Math.max(0, payload.length - 8), StandardCharsets.UTF_8));
                default -> {
                    // WINDOW_UPDATE, PRIORITY, PUSH_PROMISE (never sent to a client that did not ask): nothing to do
                }
            }
        }
        int status = Integer.parseInt(trailers.get("grpc-status").toString());
        if (status == GRPC_NOT_FOUND) {
            return Optional.empty();
        }
        if (status != 0) {
            CharSequence message = trailers.get("grpc-message");
            throw new IOException("BuildKit's content service could not read " + digest + ": "
                    + (message == null ? "gRPC status " + status : percentDecoded(message.toString())));
        }
        return Optional.of(blob(data.toByteArray(), digest));
    }

    /** grpc-message is percent-encoded (a '+' is itself, not a space as in a form). */
    private static String percentDecoded(String message) {
        return URLDecoder.decode(message.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static boolean padding(int flags) {
        return (flags & 0x8) != 0;
    }

    /** The server sends at most the window (64 KiB by default): each DATA frame's bytes are given back. */
    private static void windowUpdate(OutputStream out, int length) throws IOException {
        if (length == 0) {
            return;
        }
        byte[] increment = ByteBuffer.allocate(4).putInt(length).array();
        frame(out, 8, 0, 0, increment);
        frame(out, 8, 0, STREAM, increment);
        out.flush();
    }

    private static Http2Headers decode(DefaultHttp2HeadersDecoder decoder, byte[] block) throws IOException {
        ByteBuf buffer = Unpooled.wrappedBuffer(block);
        try {
            return decoder.decodeHeaders(STREAM, buffer);
        } catch (Http2Exception e) {
            throw new IOException("unreadable headers from BuildKit's content service: " + e.getMessage(), e);
        } finally {
            buffer.release();
        }
    }

    /** The gRPC messages' {@code ReadContentResponse.data} (field 2), in order: the blob. */
    private static byte[] blob(byte[] messages, String digest) throws IOException {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.wrap(messages);
        while (buffer.hasRemaining()) {
            if (buffer.remaining() < 5 || buffer.get() != 0) {
                throw new IOException("an unreadable gRPC message from BuildKit's content service for " + digest);
            }
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new EOFException("a gRPC message cut short from BuildKit's content service for " + digest);
            }
            CodedInputStream coded = CodedInputStream.newInstance(messages, buffer.position(), length);
            buffer.position(buffer.position() + length);
            for (int tag = coded.readTag(); tag != 0; tag = coded.readTag()) {
                if (tag == (2 << 3 | 2)) {
                    coded.readBytes().writeTo(blob);
                } else {
                    coded.skipField(tag);
                }
            }
        }
        return blob.toByteArray();
    }

    private static void frame(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
            (byte) type, (byte) flags});
        out.write(ByteBuffer.allocate(4).putInt(stream).array());
        out.write(payload);
    }
}
