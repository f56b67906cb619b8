package org.smartcontainers.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Bulk transfers: an image saved down the socket, a build context sent up it. Returns MB/s. */
final class StreamLoad {
    private StreamLoad() {
    }

    /** {@code GET /images/{name}/get}, reading the tar to the end. */
    static double save(Path socket, String image) throws IOException {
        try (SocketChannel channel = Http.connect(socket)) {
            long begin = System.nanoTime();
            write(channel, "GET /images/" + image + "/get HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
            InputStream in = Http.input(channel);
            Http.readHead(in);
            long bytes = 0;
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes += n;
            }
            return megabytesPerSecond(bytes, System.nanoTime() - begin);
        }
    }

    /** {@code POST /build} of a context holding a Dockerfile and {@code size} bytes of data. */
    static double build(Path socket, String baseImage, long size) throws IOException {
        TarStream context = new TarStream("FROM " + baseImage + "\nLABEL sc.bench=1\n", size);
        try (SocketChannel channel = Http.connect(socket)) {
            long begin = System.nanoTime();
            write(channel, "POST /build?q=1&rm=1 HTTP/1.1\r\nHost: docker\r\nContent-Type: application/x-tar\r\n"
                    + "Content-Length: " + context.length() + "\r\nConnection: close\r\n\r\n");
            ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 16);
            while (context.fill(chunk)) {
                chunk.flip();
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
                chunk.clear();
            }
            InputStream in = Http.input(channel);
            Http.readHead(in);
            String progress = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (progress.contains("\"error\"")) {
                throw new IOException("build failed: " + progress);
            }
            return megabytesPerSecond(context.length(), System.nanoTime() - begin);
        }
    }

    private static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static double megabytesPerSecond(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }
}
